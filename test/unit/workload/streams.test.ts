import { describe, expect, it } from 'vitest';
import { Simulator } from '../../../src/engine/simulator.js';
import { StreamedTimeline } from '../../../src/workload/streamed-timeline.js';
import type { Scripted } from '../../../src/workload/timeline.js';

describe('StreamedTimeline', () => {
  it('plays calls at their times in order, reading each only when the one before it plays', () => {
    const sim = new Simulator();
    const played: string[] = [];
    let read = 0;
    function* calls(): Generator<Scripted> {
      for (const [at, name] of [[0, 'a'], [30, 'b'], [30, 'c'], [90, 'd']] as const) {
        read++;
        yield { at, play: () => played.push(`${sim.now}:${name}:${read}`) };
      }
    }
    new StreamedTimeline(sim, calls()).start();

    expect(read).toBe(1);
    sim.run();
    // When a call plays, the next one has just been read (and no further).
    expect(played).toEqual(['0:a:2', '30:b:3', '30:c:4', '90:d:4']);
  });

  it('refuses a call earlier than the one before it', () => {
    const sim = new Simulator();
    const calls = [{ at: 60, play: () => {} }, { at: 10, play: () => {} }][Symbol.iterator]();
    new StreamedTimeline(sim, calls).start();

    expect(() => sim.run()).toThrow('a streamed call at 10 s comes after one at 60 s');
  });
});
