import type { Fact } from '../cloud/facts.js';
import type { Listenable } from '../engine/bus.js';

/** The run's sample clock struck: sampled figures take their sample, timeseries.csv writes its row. */
export interface SampleFact {
  readonly type: 'sample';
  readonly time: number;
}

/** Every fact a run's outputs listen to: the simulated cloud's, and the sample clock's. */
export type RunFact = Fact | SampleFact;

/** What a figure or a writer listens on. */
export type RunFacts = Listenable<RunFact>;
