/**
 * Descriptive statistics for sweep tables: mean, sample standard deviation
 * and a Student-t 95% confidence interval. Pure and deterministic: values
 * are summed in the order given.
 */

/** n, mean, sample sd (n - 1) and the 95% interval of the mean; undefined where n is too small. */
export interface Described {
  readonly n: number;
  readonly mean: number | undefined;
  /** Sample standard deviation (divides by n - 1); undefined for n < 2. */
  readonly sd: number | undefined;
  /** Half-width of the 95% interval: t(0.975, n - 1) * sd / sqrt(n); undefined for n < 2. */
  readonly halfWidth: number | undefined;
  readonly low: number | undefined;
  readonly high: number | undefined;
}

/** Describes a sample. O(n). */
export function describe(values: readonly number[]): Described {
  const n = values.length;
  if (n === 0) return { n, mean: undefined, sd: undefined, halfWidth: undefined, low: undefined, high: undefined };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { n, mean, sd: undefined, halfWidth: undefined, low: undefined, high: undefined };
  const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1));
  const halfWidth = tQuantile(0.975, n - 1) * (sd / Math.sqrt(n));
  return { n, mean, sd, halfWidth, low: mean - halfWidth, high: mean + halfWidth };
}

/**
 * The p-quantile of Student's t distribution with `df` degrees of freedom
 * (0.5 < p < 1, df >= 1, df may be fractional). Found by bisection on the
 * exact CDF, itself from the regularized incomplete beta function
 * (Numerical Recipes' continued fraction), to about 1e-12: no table, so any
 * number of seeds is covered, and t(0.975, 3) = 3.18245, t(0.975, 30) = 2.04227.
 */
export function tQuantile(p: number, df: number): number {
  if (!(p > 0.5 && p < 1) || !(df > 0)) throw new RangeError(`tQuantile: expected 0.5 < p < 1 and df > 0, got p=${p}, df=${df}`);
  let hi = 1;
  while (tCdf(hi, df) < p) hi *= 2;
  let lo = 0;
  for (let i = 0; i < 200 && hi - lo > 1e-13 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (tCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** P(T <= t) for Student's t with df degrees of freedom. */
export function tCdf(t: number, df: number): number {
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/** The regularized incomplete beta function I_x(a, b). */
function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  // The continued fraction converges fast for x < (a + 1) / (a + b + 2); use the symmetry otherwise.
  return x < (a + 1) / (a + b + 2) ? (front * betaFraction(x, a, b)) / a : 1 - (front * betaFraction(1 - x, b, a)) / b;
}

/** Lentz's evaluation of the incomplete beta continued fraction. */
function betaFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  d = 1 / (Math.abs(d) < tiny ? tiny : d);
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    for (const aa of [(m * (b - m) * x) / ((a + m2 - 1) * (a + m2)), (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1))]) {
      d = 1 + aa * d;
      d = 1 / (Math.abs(d) < tiny ? tiny : d);
      c = 1 + aa / c;
      if (Math.abs(c) < tiny) c = tiny;
      h *= d * c;
    }
    if (Math.abs(d * c - 1) < 1e-15) break;
  }
  return h;
}

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(z) for z > 0 (Lanczos, g = 7), accurate to about 15 digits. */
function logGamma(z: number): number {
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - logGamma(1 - z);
  const x = z - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i]! / (x + i);
  const t = x + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(sum);
}
