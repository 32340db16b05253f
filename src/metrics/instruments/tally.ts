/**
 * Nearest-rank percentile of ascending `sorted`: the smallest value with at
 * least p% of the values at or below it (rank ceil(p*n/100)). Exact, no
 * interpolation, so the result is always one of the observed values.
 * `percent` is an integer so p*n/100 is computed without binary-fraction error.
 */
export function nearestRank(sorted: readonly number[], percent: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil((percent * sorted.length) / 100));
  return sorted[rank - 1]!;
}

/**
 * A tally of samples, each counted once whatever the time between them
 * (salabim's non-level Monitor): durations of actions, spare capacity at
 * each sample. Every value is kept, because a percentile needs them all;
 * adding costs O(1), and the sorted copy percentiles read is made once,
 * when first asked for after a change. Figures with no samples read 0.
 */
export class Tally {
  readonly #values: number[] = [];
  #sorted: number[] | null = null;
  #sum = 0;
  #min = Number.POSITIVE_INFINITY;
  #max = Number.NEGATIVE_INFINITY;

  /** A tally of `values`, in their order. */
  static of(values: Iterable<number>): Tally {
    const tally = new Tally();
    for (const x of values) tally.add(x);
    return tally;
  }

  add(x: number): void {
    this.#values.push(x);
    this.#sorted = null;
    this.#sum += x;
    this.#min = Math.min(this.#min, x);
    this.#max = Math.max(this.#max, x);
  }

  get count(): number {
    return this.#values.length;
  }

  /** The sum in the order the samples came (so equal runs give equal bits). */
  get sum(): number {
    return this.#sum;
  }

  get mean(): number {
    return this.count === 0 ? 0 : this.#sum / this.count;
  }

  get min(): number {
    return this.count === 0 ? 0 : this.#min;
  }

  get max(): number {
    return this.count === 0 ? 0 : this.#max;
  }

  /** Nearest-rank percentile; `percent` an integer from 1 to 100. */
  percentile(percent: number): number {
    this.#sorted ??= [...this.#values].sort((a, b) => a - b);
    return nearestRank(this.#sorted, percent);
  }

  /** The share of samples that pass `test`; 0 with no samples. O(samples). */
  share(test: (x: number) => boolean): number {
    if (this.count === 0) return 0;
    let passed = 0;
    for (const x of this.#values) if (test(x)) passed++;
    return passed / this.count;
  }
}
