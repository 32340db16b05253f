import { EventColumns } from './event-columns.js';

/** Values looked at to estimate a quantile of the times. */
const SAMPLE = 127;

/**
 * Events that are not due soon, kept unsorted in dense columns (slots
 * 0..size-1): appending is O(1) and no heap ever sifts them. The queue
 * moves the earliest of them into its heap when the heap runs dry.
 */
export class FarFuture extends EventColumns {
  size = 0;
  #round = 0; // varies the sample positions from one estimate to the next

  /** Appends a record. Amortised O(1). */
  push(at: number, priority: number, seq: number, kind: number, subject: number, arg: number): void {
    if (this.size === this.capacity) this.grow();
    this.set(this.size++, at, priority, seq, kind, subject, arg);
  }

  /** Appends a copy of record `i` of `from`. Amortised O(1). */
  pushFrom(from: EventColumns, i: number): void {
    if (this.size === this.capacity) this.grow();
    from.copyTo(i, this, this.size++);
  }

  /** Removes record `i` by moving the last record into its slot. */
  removeAt(i: number): void {
    const last = --this.size;
    if (i !== last) this.copyTo(last, this, i);
  }

  /**
   * Estimates the time below which a `fraction` of the records lie, from a
   * sample of at most 127 of them (exact when there are no more). The
   * result is always the time of some record, so at least one lies at or
   * below it. O(1) in the number of records.
   */
  quantile(fraction: number): number {
    return sampleQuantile(this.at, this.size, fraction, this.#round++);
  }
}

/**
 * Estimates the `fraction` quantile of `values[index(0..n-1)]` from at most
 * SAMPLE of them, spread evenly with an offset that changes with `round`
 * (so that no periodic layout fools every estimate). Returns one of the values.
 */
export function sampleQuantile(
  values: Float64Array,
  n: number,
  fraction: number,
  round: number,
  index: (i: number) => number = (i) => i,
): number {
  const take = Math.min(n, SAMPLE);
  const sample = new Float64Array(take);
  const step = n / take;
  const offset = ((round * 0.6180339887498949) % 1) * step; // golden-ratio offsets fill [0, step)
  for (let k = 0; k < take; k++) sample[k] = values[index(Math.min(n - 1, Math.floor(offset + k * step)))]!;
  sample.sort();
  return sample[Math.min(take - 1, Math.max(0, Math.floor(fraction * take)))]!;
}
