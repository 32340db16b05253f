/**
 * Number formatting and key ordering for output files. Output must be
 * byte-identical across runs and platforms, so nothing here depends on
 * locale, numbers are rounded to a fixed number of decimals before
 * printing, and maps are written in code-unit key order.
 */

/**
 * `x` with at most `places` decimals, trailing zeros dropped, never in
 * exponent notation (Number#toString switches to it past 1e21 and below
 * 1e-6). Non-finite values print as JavaScript spells them.
 */
export function decimal(x: number, places = 3): string {
  if (!Number.isFinite(x)) return String(x);
  // A whole number small enough that x * 10^places is exact prints as itself (-0 as 0): no scaling, no digits to trim.
  if (Number.isInteger(x) && places <= 6 && Math.abs(x) < 1e9) return x === 0 ? '0' : String(x);
  const sign = x < 0 ? '-' : '';
  const scaled = Math.round(Math.abs(x) * 10 ** places);
  if (scaled === 0) return '0';
  // Past 2^53 the scaled value is no longer an exact integer and a double has
  // no decimals worth printing there: print the whole number instead.
  if (!Number.isSafeInteger(scaled)) return sign + BigInt(Math.round(Math.abs(x))).toString();
  // String() prints every digit of a safe integer (exponent notation starts at 1e21), and without
  // BigInt's allocation: events.csv calls this for every row.
  const digits = String(scaled).padStart(places + 1, '0');
  const point = digits.length - places;
  let end = digits.length;
  while (end > point && digits.charCodeAt(end - 1) === 48) end--; // trailing zeros ('0') of the fraction
  return sign + (end === point ? digits.slice(0, point) : `${digits.slice(0, point)}.${digits.slice(point, end)}`);
}

/** decimal(x), or an empty cell for null (a time that has not happened, a figure that does not apply). */
export const optionalDecimal = (x: number | null): string => (x === null ? '' : decimal(x));

/** `x` rounded to `places` decimals as a number (for JSON output); -0 becomes 0. */
export function rounded(x: number, places: number): number {
  const factor = 10 ** places;
  const r = Math.round(x * factor) / factor;
  return r === 0 ? 0 : r;
}

/** used / capacity, 0 when there is no capacity (an empty cloud is not 100% used). */
export function ratio(used: number, capacity: number): number {
  return capacity === 0 ? 0 : used / capacity;
}

/** A map's entries in code-unit key order (locale-independent, so output built from it is stable). */
export function sortedByKey<K extends string, T>(map: ReadonlyMap<K, T>): [K, T][] {
  return [...map.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** Joules in a kilowatt-hour. */
export const JOULES_PER_KWH = 3_600_000;
