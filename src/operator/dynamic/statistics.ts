/**
 * The statistics the overload detectors use, computed as CloudSim 3.0.3's
 * MathUtil computes them (with commons-math's "legacy" percentile), so
 * thresholds come out as the same doubles: a detector compares them with
 * `>`, and a last-bit difference would move a decision.
 */

/** The median as commons-math's Percentile(50) gives it: the mean of the middle two, as lower + 0.5 (upper - lower). */
export function median(data: ArrayLike<number>): number {
  const n = data.length;
  if (n === 0) return Number.NaN;
  if (n === 1) return data[0]!;
  const sorted = Float64Array.from(data).sort();
  const pos = 0.5 * (n + 1);
  const floor = Math.floor(pos);
  const dif = pos - floor;
  if (pos >= n) return sorted[n - 1]!;
  const lower = sorted[floor - 1]!;
  const upper = sorted[floor]!;
  return lower + dif * (upper - lower);
}

/** Median absolute deviation, without the 1.4826 scale factor (MathUtil.mad). */
export function mad(data: ArrayLike<number>): number {
  if (data.length === 0) return 0;
  const m = median(data);
  return median(Array.from(data, (x) => Math.abs(m - x)));
}

/** Interquartile range as MathUtil.iqr takes it: q1 = x[round(0.25 (n + 1)) - 1], q3 = x[round(0.75 (n + 1)) - 1] of the sorted data. */
export function iqr(data: ArrayLike<number>): number {
  const sorted = Float64Array.from(data).sort();
  // Java's Math.round is floor(x + 0.5).
  const q1 = Math.floor(0.25 * (sorted.length + 1) + 0.5) - 1;
  const q3 = Math.floor(0.75 * (sorted.length + 1) + 0.5) - 1;
  return sorted[q3]! - sorted[q1]!;
}

/**
 * The length of `data` up to its last non-zero value, as
 * MathUtil.countNonZeroBeginning counts it: an all-zero (or empty) series
 * counts 1, not 0, so a history of nothing still has one value.
 */
export function countNonZeroBeginning(data: ArrayLike<number>): number {
  let i = data.length - 1;
  while (i >= 0) if (data[i--] !== 0) break;
  return i + 2;
}

/** The series without its trailing zeros (MathUtil.trimZeroTail), padded with a 0 when nothing is left; a view, not a copy, when `data` is long enough. */
export function trimZeroTail(data: Float64Array): Float64Array {
  const length = countNonZeroBeginning(data);
  return length <= data.length ? data.subarray(0, length) : new Float64Array(length);
}
