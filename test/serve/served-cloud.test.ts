import { describe, expect, it } from 'vitest';
import { readScenario } from '../../src/run/read-scenario.js';
import { buildSimulation } from '../../src/scenario/build.js';
import type { ServedRequest } from '../../src/scenario/served-spec.js';
import type { ServedClock } from '../../src/serve/clock.js';
import { RunOver, ServedCloud } from '../../src/serve/served-cloud.js';
import { runFiles, stableFiles } from '../support/run-files.js';
import { FIXTURE } from './served.js';

/** A clock an admin moves by hand: it stands still between moves, as a frozen one would. */
function handClock(): ServedClock & { set(t: number): void } {
  let t = 0;
  return { now: () => t, advance: (s: number) => void (t += s), set: (x: number) => void (t = x) } as unknown as ServedClock & { set(t: number): void };
}

describe('a served cloud on a clock that stands still', () => {
  it('takes requests at a sample instant, and twice at one instant, in the order a run of the recording takes them', async () => {
    const scenario = readScenario({ file: FIXTURE });
    const taken: ServedRequest[] = [];
    let stoppedAt = 0;
    const served = await runFiles(scenario, async (simulation) => {
      const clock = handClock();
      const cloud = new ServedCloud(simulation, clock);
      cloud.onRequest((entry) => taken.push(entry));
      clock.set(600); // the fixture samples every 10 minutes: a sample falls at exactly this instant
      cloud.take({ action: 'create', as: 'member', project: 'demo', server: 'a', flavor: 'm1.tiny', image: 'cirros' });
      cloud.catchUp(); // a read at the same instant
      cloud.take({ action: 'create', as: 'member', project: 'demo', server: 'b', flavor: 'm1.tiny', image: 'cirros' });
      clock.set(1800);
      cloud.catchUp();
      cloud.take({ action: 'fail_host', host: 'compute-1' });
      stoppedAt = cloud.stop();
    });
    expect(taken.map((e) => e.at)).toEqual([600, expect.any(Number), expect.any(Number)]);
    expect(taken[1]!.at).toBeGreaterThan(600);
    expect(taken[2]!.at).toBeGreaterThan(1800);

    const replayed = await runFiles({ ...scenario, served: { stopped_at: stoppedAt, requests: taken } });
    expect(stableFiles(replayed)).toEqual(stableFiles(served));
  });

  it('refuses requests once the clock has reached the scenario end', () => {
    const simulation = buildSimulation(readScenario({ file: FIXTURE }));
    const clock = handClock();
    const cloud = new ServedCloud(simulation, clock);
    clock.set(simulation.end + 5);
    expect(cloud.catchUp()).toBe(simulation.end);
    expect(() => cloud.take({ action: 'fail_host', host: 'compute-1' })).toThrow(RunOver);
  });
});
