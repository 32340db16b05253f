/** What summary.json reports for one action's durations (seconds, unrounded). */
export interface DurationSummary {
  readonly count: number;
  readonly mean: number;
  readonly p95: number;
  readonly max: number;
}

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
 * The durations of one action. Values are kept (a percentile needs them
 * all) but sorted only when summarised, so adding costs O(1).
 */
export class DurationStats {
  readonly #values: number[] = [];
  #sum = 0;
  #max = 0;

  add(seconds: number): void {
    this.#values.push(seconds);
    this.#sum += seconds;
    if (this.#values.length === 1 || seconds > this.#max) this.#max = seconds;
  }

  get count(): number {
    return this.#values.length;
  }

  summary(): DurationSummary {
    const n = this.#values.length;
    if (n === 0) return { count: 0, mean: 0, p95: 0, max: 0 };
    const sorted = [...this.#values].sort((a, b) => a - b);
    return { count: n, mean: this.#sum / n, p95: nearestRank(sorted, 95), max: this.#max };
  }
}
