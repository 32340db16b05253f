import { describe, expect, it } from 'vitest';
import type { ServedOutcome } from '../../../src/scenario/served-play.js';
import type { ServedRequest } from '../../../src/scenario/served-spec.js';
import { checkServedRequest, type Scenario } from '../../../src/scenario/schema.js';
import { runFiles, stableFiles } from '../../support/run-files.js';
import { accepted, refused, scenarioText } from './load.js';

const CLOUD = scenarioText(
  [
    'metrics: { sample_interval: 1h }',
    'workload:',
    '  - { name: bg, project: q, image: i, flavors: { f: 1 }, arrivals: { process: poisson, rate: 4/h }, lifetime: { dist: exponential, mean: 3h } }',
  ].join('\n'),
  'hosts:\n  - { name_prefix: h, count: 4, vcpus: 8, ram_mb: 16384, disk_gb: 200 }',
);

/**
 * Plays requests the way novasim serve does: each scheduled when it comes,
 * the simulation run up to its time, the next one written from what the
 * earlier ones came to (it may name a server an earlier create made).
 */
async function serveLive(scenario: Scenario, script: ((made: string[]) => ServedRequest)[], stopAt: number) {
  const made: string[] = [];
  const taken: ServedRequest[] = [];
  const files = await runFiles(scenario, async (simulation) => {
    for (const next of script) {
      const entry = next(made);
      const pending = simulation.served.schedule(entry);
      simulation.sim.run(entry.at);
      const outcome: ServedOutcome | undefined = pending.outcome;
      if (outcome && 'servers' in outcome) made.push(...outcome.servers.map((s) => s.uuid));
      taken.push(entry);
    }
    simulation.sim.run(stopAt);
    simulation.endAt(stopAt);
    simulation.advance();
  });
  return { taken, out: stableFiles(files), made };
}

const member = { as: 'member', project: 'p' } as const;
/** A request as its recording would hold it, checked by the spec the file uses. */
const checked = (value: Record<string, unknown>): ServedRequest => {
  const request = checkServedRequest(value);
  if (Array.isArray(request)) throw new Error(request.join('\n'));
  return request;
};
const SCRIPT: ((made: string[]) => ServedRequest)[] = [
  () => checked({ at: 0, action: 'create', ...member, server: 'web', flavor: 'f', image: 'i', min_count: 2, max_count: 3 }),
  // At a sample's instant, and twice at one instant: the order among them and against the sample must hold.
  (m) => checked({ at: 3600, action: 'reboot', ...member, server_id: m[0]!, type: 'HARD' }),
  (m) => checked({ at: 3600, action: 'stop', ...member, server_id: m[1]! }),
  () => checked({ at: 3600, action: 'create_server_group', project: 'p', name: 'spread', policy: 'anti-affinity' }),
  () => checked({ at: 4000.123456789, action: 'fail_host', host: 'h1' }),
  () => checked({ at: 4000.123456789, action: 'force_down_host', host: 'h1' }),
  (m) => checked({ at: 4100, action: 'evacuate', as: 'admin', project: 'p', server_id: m[2]! }),
  () => checked({ at: 5000, action: 'create', ...member, server: 'web', flavor: 'nope', image: 'i' }),
  (m) => checked({ at: 5000, action: 'pause', as: 'member', project: 'q', server_id: m[0]! }),
];

describe('served requests', () => {
  it('a run of the recording writes what the served run wrote, byte for byte', async () => {
    const scenario = accepted(CLOUD);
    const stopAt = 7777.5;
    const live = await serveLive(scenario, SCRIPT, stopAt);
    expect(live.made).toHaveLength(3);

    const recording = { ...scenario, served: { stopped_at: stopAt, requests: live.taken } };
    const out = stableFiles(await runFiles(recording));
    expect(Object.keys(out).sort()).toEqual(Object.keys(live.out).sort());
    for (const name of Object.keys(live.out)) expect(out[name], name).toBe(live.out[name]);
    expect(out['events.csv']!.split('\n').filter((l) => l.includes(',pause,'))).toEqual([`5000,${live.made[0]},,pause,rejected,,,,,Instance ${live.made[0]} could not be found.,404`]);
    expect(out['summary.json']).toContain('"duration": 7777.5');
  });

  it('ends a stopped run with a last sample at its end', async () => {
    const live = await serveLive(accepted(CLOUD), [], 5400);
    expect(live.out['timeseries.csv']!.trim().split('\n').map((l) => l.split(',')[0])).toEqual(['time', '0', '3600', '5400']);
  });

  it('checks the section: within the duration, known projects and hosts', () => {
    const errors = refused(
      CLOUD +
        ['', 'served:', '  stopped_at: 2d', '  requests:', '    - { at: 1, action: fail_host, host: nowhere }', '    - { at: 1, action: pause, project: z, server_id: 00000000-0000-4000-8000-000000000000 }'].join('\n'),
    );
    expect(errors.join('\n')).toMatch(/stopped_at: expected a time within the scenario's duration/);
    expect(errors.join('\n')).toMatch(/unknown host 'nowhere'/);
    expect(errors.join('\n')).toMatch(/unknown project 'z'/);
  });
});

describe('users', () => {
  it('are optional, default to member, and a name names one user', () => {
    const s = accepted(scenarioText('').replace('  - { name: p }', '  - { name: p, users: [ { name: ann, password: x }, { name: bob, role: admin } ] }'));
    expect(s.projects[0]!.users).toEqual([{ name: 'ann', password: 'x', role: 'member' }, { name: 'bob', role: 'admin' }]);
    expect(s.projects[1]!.users).toEqual([]);
    const twice = refused(scenarioText('').replace('  - { name: q }', '  - { name: q, users: [ { name: ann, password: y } ] }').replace('  - { name: p }', '  - { name: p, users: [ { name: ann } ] }'));
    expect(twice).toEqual([expect.stringMatching(/duplicate user name 'ann'/)]);
    const secret = refused(scenarioText('').replace('  - { name: q }', '  - { name: q, users: [ { name: ann, password: 12345 } ] }'));
    expect(secret).toEqual([expect.stringMatching(/the value is not shown/)]);
    expect(secret.join('\n')).not.toMatch(/12345/);
  });
});
