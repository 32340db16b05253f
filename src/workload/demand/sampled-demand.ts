import type { CpuDemand } from './cpu-demand.js';

/**
 * A demand given by samples at a fixed interval, read the way CloudSim's
 * UtilizationModelPlanetLabInMemory reads a PlanetLab trace: sample k holds
 * at t = k * interval, values between two sample times are interpolated
 * linearly, and one more sample, a copy of the last, closes the final
 * interval. Past that point CloudSim would fail; here the last sample holds.
 * The arithmetic is CloudSim's, term for term, so the same trace gives the
 * same doubles (its results depend on exact zeros, see zeroRequestAt).
 */
export class SampledDemand implements CpuDemand {
  readonly #data: Float64Array;

  constructor(
    samples: ArrayLike<number>,
    readonly interval: number,
  ) {
    if (samples.length === 0) throw new RangeError('a sampled demand needs at least one sample');
    if (!(interval > 0)) throw new RangeError(`the sampling interval must be > 0, got ${interval}`);
    this.#data = new Float64Array(samples.length + 1);
    this.#data.set(Array.from(samples));
    this.#data[samples.length] = samples[samples.length - 1]!;
  }

  /** Samples, the repeated last one included. */
  get length(): number {
    return this.#data.length;
  }

  at(t: number): number {
    const data = this.#data;
    const last = data.length - 1;
    if (t >= last * this.interval) return data[last]!;
    if (t <= 0) return data[0]!;
    if (t % this.interval === 0) return data[t / this.interval]!;
    const k1 = Math.floor(t / this.interval);
    const k2 = Math.ceil(t / this.interval);
    const u1 = data[k1]!;
    const u2 = data[k2]!;
    const delta = (u2 - u1) / ((k2 - k1) * this.interval);
    return u1 + delta * (t - k1 * this.interval);
  }
}
