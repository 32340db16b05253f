import { describe, expect, it } from 'vitest';
import {
  fixed,
  lognormalFromMoments,
  meanOf,
  sample,
  type Distribution,
} from '../../../src/engine/distributions.js';
import { makeRng } from '../../../src/engine/random.js';

const N = 200_000;

interface Summary {
  mean: number;
  sd: number;
  min: number;
}

function summarize(d: Distribution, seed: string, n = N): Summary {
  const rng = makeRng(seed);
  let sum = 0;
  let sumSq = 0;
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const x = sample(d, rng);
    sum += x;
    sumSq += x * x;
    if (x < min) min = x;
  }
  const mean = sum / n;
  return { mean, sd: Math.sqrt(Math.max(0, sumSq / n - mean * mean)), min };
}

// The normal case keeps mean/sd = 5, so clamping at 0 is negligible (P ~ 3e-7).
const cases: ReadonlyArray<[string, Distribution]> = [
  ['fixed', fixed(3.5)],
  ['exponential', { kind: 'exponential', mean: 2 }],
  ['uniform', { kind: 'uniform', min: 1, max: 5 }],
  ['normal', { kind: 'normal', mean: 10, sd: 2 }],
  ['lognormal', { kind: 'lognormal', mu: 0.5, sigma: 0.75 }],
  ['lognormalFromMoments', lognormalFromMoments(100, 50)],
  ['weibull shape 0.7', { kind: 'weibull', shape: 0.7, scale: 3 }],
  ['weibull shape 1.5', { kind: 'weibull', shape: 1.5, scale: 2 }],
  ['weibull shape 4', { kind: 'weibull', shape: 4, scale: 10 }],
  ['empirical', { kind: 'empirical', values: [1, 2, 2, 3, 10] }],
];

describe('sample vs meanOf', () => {
  it.each(cases)('%s: mean of 200k draws is within tolerance of meanOf', (name, d) => {
    const s = summarize(d, `distributions/${name}`);
    const expected = meanOf(d);
    // 5 standard errors (deterministic with the fixed seed; generous against flakiness
    // if the generator changes), plus a tiny absolute slack for the zero-variance case.
    const tolerance = (5 * s.sd) / Math.sqrt(N) + 1e-12;
    expect(Math.abs(s.mean - expected)).toBeLessThanOrEqual(tolerance);
    // And never more than 1% off.
    expect(Math.abs(s.mean - expected) / expected).toBeLessThan(0.01);
  });

  it.each([...cases, ['normal near zero (clamped)', { kind: 'normal', mean: 0.5, sd: 2 }] as const])(
    '%s: all samples are non-negative',
    (name, d) => {
      expect(summarize(d, `nonneg/${name}`, 50_000).min).toBeGreaterThanOrEqual(0);
    },
  );

  it('meanOf has closed forms for known cases', () => {
    expect(meanOf({ kind: 'weibull', shape: 1, scale: 4 })).toBeCloseTo(4, 10); // exponential
    expect(meanOf({ kind: 'weibull', shape: 2, scale: 1 })).toBeCloseTo(Math.sqrt(Math.PI) / 2, 10);
    expect(meanOf({ kind: 'weibull', shape: 0.5, scale: 1 })).toBeCloseTo(2, 10); // Γ(3)
    expect(meanOf({ kind: 'lognormal', mu: 0, sigma: 1 })).toBeCloseTo(Math.exp(0.5), 12);
    expect(meanOf({ kind: 'uniform', min: 2, max: 8 })).toBe(5);
    expect(meanOf({ kind: 'empirical', values: [1, 2, 3, 6] })).toBe(3);
  });

  it('sample is deterministic for a given stream', () => {
    const d: Distribution = { kind: 'lognormal', mu: 1, sigma: 0.3 };
    const a = makeRng('det');
    const b = makeRng('det');
    for (let i = 0; i < 100; i++) expect(sample(d, a)).toBe(sample(d, b));
  });

  it('empirical draws only the listed values, each with its frequency', () => {
    const rng = makeRng('empirical');
    const counts = new Map<number, number>();
    for (let i = 0; i < 50_000; i++) {
      const x = sample({ kind: 'empirical', values: [4, 8, 8, 15] }, rng);
      counts.set(x, (counts.get(x) ?? 0) + 1);
    }
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual([4, 8, 15]);
    expect(counts.get(8)! / 50_000).toBeCloseTo(0.5, 1);
  });
});

describe('lognormalFromMoments', () => {
  it.each([
    [100, 50],
    [1, 0.1],
    [3600, 7200],
    [5, 5],
  ])('mean %d sd %d: exact parameters give the requested moments', (mean, sd) => {
    const d = lognormalFromMoments(mean, sd);
    if (d.kind !== 'lognormal') throw new Error('expected a lognormal');
    const s2 = d.sigma * d.sigma;
    expect(meanOf(d) / mean).toBeCloseTo(1, 12);
    const variance = (Math.exp(s2) - 1) * Math.exp(2 * d.mu + s2);
    expect(Math.sqrt(variance) / sd).toBeCloseTo(1, 12);
  });

  it('samples have the requested mean and sd', () => {
    const s = summarize(lognormalFromMoments(100, 50), 'lognormalFromMoments/moments');
    expect(s.mean / 100).toBeCloseTo(1, 2); // within 0.5%
    expect(Math.abs(s.sd / 50 - 1)).toBeLessThan(0.03);
    expect(s.min).toBeGreaterThan(0);
  });
});
