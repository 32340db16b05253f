import { describe, expect, it } from 'vitest';
import { interQuartileRange, medianAbsoluteDeviation } from '../../../../src/operator/dynamic/overload/adaptive-threshold.js';
import type { HostUnderTest } from '../../../../src/operator/dynamic/overload/detector.js';
import { localRegression } from '../../../../src/operator/dynamic/overload/local-regression.js';
import { staticThreshold } from '../../../../src/operator/dynamic/overload/static-threshold.js';
import { cloudsimMigrationSeconds } from '../../../../src/migration/cloudsim-migration.js';

/** A host asking for `requested` of its CPU now, with `history` (newest first) and servers of at most `ramMb`. */
const host = (requested: number, history: readonly number[] = [], ramMb = 1740): HostUnderTest => ({
  requestedUtilisation: () => requested,
  history: () => Float64Array.from(history.length > 0 ? history : [0]),
  maxServerRamMb: () => ramMb,
});

/** Twelve samples, newest first. Sorted: .50 .50 .55 .55 .60 .60 .60 .65 .65 .70 .70 .75. */
const TWELVE = [0.5, 0.6, 0.55, 0.7, 0.65, 0.6, 0.5, 0.75, 0.6, 0.55, 0.65, 0.7];

describe('THR', () => {
  it('flags a host asking for more than the threshold, not one asking for exactly it', () => {
    const thr = staticThreshold(0.8);

    expect(thr.overloaded(host(0.8))).toBe(false);
    expect(thr.overloaded(host(0.81))).toBe(true);
    expect(thr.name).toBe('THR-0.8');
  });
});

describe('IQR', () => {
  const detector = interQuartileRange(1.5, staticThreshold(0.7));

  it('lowers the threshold by s x IQR: IQR 0.70 - 0.55 = 0.15, so 1 - 1.5 x 0.15 = 0.775', () => {
    expect(detector.overloaded(host(0.78, TWELVE))).toBe(true);
    expect(detector.overloaded(host(0.77, TWELVE))).toBe(false);
  });

  it('falls back to THR 0.7 with fewer than 12 samples', () => {
    expect(detector.overloaded(host(0.72, TWELVE.slice(0, 11)))).toBe(true);
    expect(detector.overloaded(host(0.69, TWELVE.slice(0, 11)))).toBe(false);
  });
});

describe('MAD', () => {
  const detector = medianAbsoluteDeviation(2.5, staticThreshold(0.7));

  it('lowers the threshold by s x MAD: median 0.60, MAD 0.05, so 1 - 2.5 x 0.05 = 0.875', () => {
    expect(detector.overloaded(host(0.88, TWELVE))).toBe(true);
    expect(detector.overloaded(host(0.87, TWELVE))).toBe(false);
  });

  it('falls back with fewer than 12 samples', () => {
    expect(detector.overloaded(host(0.72, [0.9, 0.9]))).toBe(true);
  });
});

describe('LR and LRR', () => {
  const settings = { safety: 1.2, interval: 300, migrationSeconds: (ram: number) => cloudsimMigrationSeconds(ram, 1_000_000), fallback: staticThreshold(0.7) };
  /** Samples on the line a + b x for x = 1..10 (oldest first), given newest first. */
  const line = (a: number, b: number): number[] => Array.from({ length: 10 }, (_, i) => a + b * (10 - i));

  it('predicts one interval past the longest migration (27.84 s: x = 11) and flags s x prediction >= 1', () => {
    const lr = localRegression(settings);

    // 0.48 + 0.02 x 11 = 0.70; x 1.2 = 0.84.
    expect(lr.overloaded(host(0.5, line(0.48, 0.02)))).toBe(false);
    // 0.30 + 0.06 x 11 = 0.96; x 1.2 = 1.152.
    expect(lr.overloaded(host(0.5, line(0.3, 0.06)))).toBe(true);
  });

  it('looks further ahead when the longest migration takes more than an interval', () => {
    const slow = localRegression({ ...settings, migrationSeconds: () => 301 });

    // 0.5 + 0.03 x: at x = 11, 0.83 x 1.2 = 0.996; at x = 12 (a 301 s migration), 0.86 x 1.2 = 1.032.
    expect(localRegression(settings).overloaded(host(0.5, line(0.5, 0.03)))).toBe(false);
    expect(slow.overloaded(host(0.5, line(0.5, 0.03)))).toBe(true);
  });

  it('falls back to THR 0.7 with fewer than 10 samples', () => {
    const lr = localRegression(settings);

    expect(lr.overloaded(host(0.75, line(0.3, 0.06).slice(0, 9)))).toBe(true);
    expect(lr.overloaded(host(0.65, line(0.3, 0.06).slice(0, 9)))).toBe(false);
  });

  it('LRR decides as LR on ordinary histories', () => {
    const noisy = [0.62, 0.55, 0.7, 0.58, 0.66, 0.5, 0.61, 0.57, 0.49, 0.52];
    for (const safety of [1, 1.2, 1.5, 1.8]) {
      const s = { ...settings, safety };
      expect(localRegression(s, true).overloaded(host(0.5, noisy))).toBe(localRegression(s).overloaded(host(0.5, noisy)));
    }
    expect(localRegression(settings, true).name).toBe('LRR-1.2');
  });
});
