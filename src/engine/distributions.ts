import type { Rng } from './random.js';

/** A distribution of non-negative numbers (durations, lifetimes, gaps). */
export type Distribution =
  | { readonly kind: 'fixed'; readonly value: number }
  | { readonly kind: 'exponential'; readonly mean: number }
  | { readonly kind: 'uniform'; readonly min: number; readonly max: number }
  | { readonly kind: 'normal'; readonly mean: number; readonly sd: number } // negative draws become 0
  | { readonly kind: 'lognormal'; readonly mu: number; readonly sigma: number }
  | { readonly kind: 'weibull'; readonly shape: number; readonly scale: number }
  | { readonly kind: 'empirical'; readonly values: readonly number[] };

export const fixed = (value: number): Distribution => ({ kind: 'fixed', value });

/** Lognormal given the mean and standard deviation of the variable itself (not of its log). */
export function lognormalFromMoments(mean: number, sd: number): Distribution {
  const sigma2 = Math.log(1 + (sd * sd) / (mean * mean));
  return { kind: 'lognormal', mu: Math.log(mean) - sigma2 / 2, sigma: Math.sqrt(sigma2) };
}

/** Weibull with the given shape and mean: scale = mean / Γ(1 + 1/shape). */
export function weibullFromMean(mean: number, shape: number): Distribution {
  return { kind: 'weibull', shape, scale: mean / gamma(1 + 1 / shape) };
}

export function sample(d: Distribution, rng: Rng): number {
  switch (d.kind) {
    case 'fixed':
      return d.value;
    case 'exponential':
      return -d.mean * Math.log(1 - rng.next());
    case 'uniform':
      return d.min + (d.max - d.min) * rng.next();
    case 'normal':
      return Math.max(0, d.mean + d.sd * standardNormal(rng));
    case 'lognormal':
      return Math.exp(d.mu + d.sigma * standardNormal(rng));
    case 'weibull':
      return d.scale * Math.pow(-Math.log(1 - rng.next()), 1 / d.shape);
    case 'empirical':
      return d.values[rng.int(d.values.length)]!;
  }
}

/** The distribution's mean, for documentation and sanity checks. */
export function meanOf(d: Distribution): number {
  switch (d.kind) {
    case 'fixed':
      return d.value;
    case 'exponential':
      return d.mean;
    case 'uniform':
      return (d.min + d.max) / 2;
    case 'normal': {
      // E[max(0, X)] for X ~ N(mean, sd): the clamp moves the negative mass to 0.
      if (d.sd === 0) return Math.max(0, d.mean);
      const z = d.mean / d.sd;
      return d.mean * normalCdf(z) + (d.sd * Math.exp((-z * z) / 2)) / Math.sqrt(2 * Math.PI);
    }
    case 'lognormal':
      return Math.exp(d.mu + (d.sigma * d.sigma) / 2);
    case 'weibull':
      return d.scale * gamma(1 + 1 / d.shape);
    case 'empirical':
      return d.values.reduce((a, b) => a + b, 0) / d.values.length;
  }
}

/** Box-Muller; uses two draws per call so the stream's use does not depend on history. */
export function standardNormal(rng: Rng): number {
  const u = 1 - rng.next();
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Standard normal CDF (Abramowitz-Stegun 7.1.26 erf, error < 1.5e-7). */
function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** Lanczos approximation of the gamma function (for the Weibull mean). */
function gamma(z: number): number {
  const g = 7;
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (z < 0.5) return Math.PI / (Math.sin(Math.PI * z) * gamma(1 - z));
  const x = z - 1;
  let a = c[0]!;
  const t = x + g + 0.5;
  for (let i = 1; i < g + 2; i++) a += c[i]! / (x + i);
  return Math.sqrt(2 * Math.PI) * Math.pow(t, x + 0.5) * Math.exp(-t) * a;
}
