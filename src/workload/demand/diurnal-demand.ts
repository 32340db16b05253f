import { standardNormal } from '../../engine/distributions.js';
import type { Rng } from '../../engine/random.js';
import type { CpuDemand } from './cpu-demand.js';

const DAY = 86_400;

/** The shape of a generated day: a cosine around `mean` peaking at `peakAt` seconds past midnight, plus Gaussian noise per sample. */
export interface DiurnalShape {
  readonly mean: number;
  readonly amplitude: number;
  readonly peakAt: number;
  readonly noiseSd: number;
  /** Seconds between samples; between them the demand is interpolated as a trace is. */
  readonly interval: number;
}

/**
 * A generated demand with a daily rhythm: sample k (at t = k * interval) is
 * mean + amplitude * cos(2 pi (t - peakAt) / day) + noise, clamped to [0, 1],
 * and the demand between samples is linear, as for a trace. The noise is
 * drawn from the server's own named stream, one normal draw per sample in
 * order, so a server's curve depends only on the seed and its name, never
 * on when or how often it is read. Reads go forward in a simulation; a read
 * further back than the two samples kept restarts the stream from sample 0
 * (slower, same values).
 */
export class DiurnalDemand implements CpuDemand {
  #rng: Rng;
  #next = 0; // index of the next sample to draw
  #k = -1; // index of #a; #b is sample #k + 1
  #a = 0;
  #b = 0;

  constructor(
    private readonly shape: DiurnalShape,
    /** A fresh stream, the same each call (a restart needs to replay it). */
    private readonly stream: () => Rng,
  ) {
    this.#rng = stream();
  }

  at(t: number): number {
    const k = Math.floor(Math.max(0, t) / this.shape.interval);
    this.#seek(k);
    const into = Math.max(0, t) - k * this.shape.interval;
    return into === 0 ? this.#a : this.#a + ((this.#b - this.#a) * into) / this.shape.interval;
  }

  /** Makes #a sample k and #b sample k + 1. */
  #seek(k: number): void {
    if (k === this.#k) return;
    if (k < this.#k || this.#k < 0) {
      this.#rng = this.stream();
      this.#next = 0;
      this.#a = this.#draw();
      this.#b = this.#draw();
      this.#k = 0;
    }
    while (this.#k < k) {
      this.#a = this.#b;
      this.#b = this.#draw();
      this.#k++;
    }
  }

  #draw(): number {
    const { mean, amplitude, peakAt, noiseSd, interval } = this.shape;
    const t = this.#next++ * interval;
    // Drawn whatever noiseSd is, so changing the noise never shifts the stream.
    const noise = standardNormal(this.#rng);
    const u = mean + amplitude * Math.cos((2 * Math.PI * (t - peakAt)) / DAY) + noiseSd * noise;
    return Math.min(1, Math.max(0, u));
  }
}
