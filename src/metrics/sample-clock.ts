import type { Emitter } from '../engine/bus.js';
import type { Simulator } from '../engine/simulator.js';
import type { RunFact } from './run-facts.js';

/** The sample clock of a run whose end may come earlier than planned (a served run that is stopped). */
export interface SampleClock {
  /** The simulated time the run ends at. */
  readonly end: number;
  /**
   * Ends the run at `time` (now or later, at most the end): the pending
   * sample beyond it is dropped and the last one is taken at the new end
   * (unless one just was), so the time-weighted means cover the run exactly.
   */
  endAt(time: number): void;
}

/**
 * Strikes the sample clock every `interval` from 0, and once more at the
 * end so the time-weighted means cover the whole run. Samples run after
 * everything else at their instant (`priority`, the latest of the
 * scenario's), so they see its outcome.
 */
export function startSampling(sim: Simulator, facts: Emitter<RunFact>, interval: number, end: number, priority: number): SampleClock {
  let lastSampled = -1;
  let next = { at: 0, token: 0 };
  const sampleAt = (at: number): void => void (next = { at, token: sim.at(at, kind, 0, 0, priority) });
  const kind = sim.register('sample', () => {
    facts.emit({ type: 'sample', time: sim.now });
    lastSampled = sim.now;
    if (sim.now < end) sampleAt(Math.min(sim.now + interval, end));
  });
  sampleAt(0);
  return {
    get end() {
      return end;
    },
    endAt(time) {
      if (!(time >= sim.now && time <= end)) throw new RangeError(`a run can end only between now (${sim.now}) and its end (${end}), not at ${time}`);
      end = time;
      if (next.at > end) {
        sim.cancel(next.token);
        if (lastSampled < end) sampleAt(end);
      }
    },
  };
}
