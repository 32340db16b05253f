import type { Emitter } from '../engine/bus.js';
import type { Simulator } from '../engine/simulator.js';
import type { RunFact } from './run-facts.js';

/**
 * Strikes the sample clock every `interval` from 0, and once more at `end`
 * so the time-weighted means cover the whole run. Samples run after
 * everything else at their instant (priority 1), so they see its outcome.
 */
export function startSampling(sim: Simulator, facts: Emitter<RunFact>, interval: number, end: number): void {
  const kind = sim.register('sample', () => {
    facts.emit({ type: 'sample', time: sim.now });
    if (sim.now < end) sim.at(Math.min(sim.now + interval, end), kind, 0, 0, 1);
  });
  sim.at(0, kind, 0, 0, 1);
}
