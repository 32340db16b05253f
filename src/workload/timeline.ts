import type { Simulator } from '../engine/simulator.js';

/** One scripted call and when to make it: a request to the compute API, or a command about a host. */
export interface Scripted {
  readonly at: number;
  play(): void;
}

/** Plays the scripted calls at their times, in file order among equal times. */
export class Timeline {
  readonly #kind: number;

  constructor(
    private readonly sim: Simulator,
    private readonly calls: readonly Scripted[],
  ) {
    this.#kind = sim.register('timeline', (i) => this.calls[i]?.play());
  }

  start(): void {
    this.calls.forEach((c, i) => this.sim.at(c.at, this.#kind, i));
  }
}
