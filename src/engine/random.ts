import seedrandom from 'seedrandom';

/** A stream of uniform random numbers in [0, 1). */
export interface Rng {
  next(): number;
  /** A whole number in [0, n). */
  int(n: number): number;
}

/**
 * Named random streams derived from one seed: each purpose (arrivals,
 * lifetimes, failures, scheduler tie-breaks, ...) draws from its own stream,
 * so changing a policy never shifts the arrivals or the failures
 * (common random numbers). Alea is used: seedrandom's default ARC4 is
 * about four times slower.
 */
export class RandomStreams {
  readonly #streams = new Map<string, Rng>();

  constructor(readonly seed: number) {}

  stream(name: string): Rng {
    let rng = this.#streams.get(name);
    if (rng === undefined) {
      rng = makeRng(`${this.seed}/${name}`);
      this.#streams.set(name, rng);
    }
    return rng;
  }
}

export function makeRng(seed: string): Rng {
  const prng = seedrandom.alea(seed);
  return {
    next: () => prng(),
    int: (n) => Math.floor(prng() * n),
  };
}
