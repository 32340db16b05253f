import { describe, expect, it } from 'vitest';
import { olsRSquared } from '../../../../src/operator/dynamic/ols-r-squared.js';
import { loessEstimates, robustLoessEstimates, SimpleRegression, tricubeWeights } from '../../../../src/operator/dynamic/regression.js';
import { countNonZeroBeginning, iqr, mad, median, trimZeroTail } from '../../../../src/operator/dynamic/statistics.js';

describe("CloudSim's statistics", () => {
  it('median: the middle value, or lower + (upper - lower) / 2 of the middle two', () => {
    expect(median([0.3, 0.1, 0.2])).toBe(0.2);
    expect(median([0.4, 0.1, 0.3, 0.2])).toBe(0.2 + 0.5 * (0.3 - 0.2));
    expect(median([7])).toBe(7);
    expect(median([])).toBeNaN();
  });

  it('MAD: the median of distances to the median, unscaled', () => {
    // Median 3; distances 2, 1, 0, 1, 6 -> median 1.
    expect(mad([1, 2, 3, 4, 9])).toBe(1);
  });

  it('IQR: x[round(0.75 (n + 1)) - 1] - x[round(0.25 (n + 1)) - 1] of the sorted values', () => {
    // n = 12: q1 at round(3.25) - 1 = 2, q3 at round(9.75) - 1 = 9.
    const data = [12, 3, 1, 7, 5, 11, 2, 9, 4, 10, 6, 8];
    expect(iqr(data)).toBe(10 - 3);
    // n = 5: round(1.5) - 1 = 1 and round(4.5) - 1 = 4 (Java rounds halves up).
    expect(iqr([5, 1, 4, 2, 3])).toBe(5 - 2);
  });

  it('counts a history up to its last non-zero sample, and an empty one as 1', () => {
    expect(countNonZeroBeginning([0.2, 0, 0.1, 0, 0])).toBe(3);
    expect(countNonZeroBeginning([0, 0, 0])).toBe(1);
    expect(countNonZeroBeginning([])).toBe(1);
    expect([...trimZeroTail(Float64Array.from([0.2, 0, 0.1, 0, 0]))]).toEqual([0.2, 0, 0.1]);
    expect([...trimZeroTail(new Float64Array(30))]).toEqual([0]);
  });
});

describe('the regressions of LR and LRR', () => {
  it('fit a line exactly when the points lie on one', () => {
    const y = Array.from({ length: 10 }, (_, i) => 0.3 + 0.06 * (i + 1));
    const [intercept, slope] = loessEstimates(y);

    expect(intercept).toBeCloseTo(0.3, 12);
    expect(slope).toBeCloseTo(0.06, 12);
  });

  it('never apply the tricube weights: they are all positive, so the fit is plain least squares', () => {
    expect([...tricubeWeights(10)].every((w) => w > 0)).toBe(true);
    const y = [0.2, 0.5, 0.1, 0.4, 0.3, 0.9, 0.2, 0.6, 0.5, 0.7];
    const plain = new SimpleRegression();
    y.forEach((v, i) => plain.add(i + 1, v));

    expect(loessEstimates(y)).toEqual([plain.intercept(), plain.slope()]);
  });

  it('the robust step changes nothing when the residuals spread (LRR equals LR on such data)', () => {
    const y = [0.2, 0.5, 0.1, 0.4, 0.3, 0.9, 0.2, 0.6, 0.5, 0.7];

    expect(robustLoessEstimates(y)).toEqual(loessEstimates(y));
  });

  it('refuses fewer than three points, as commons-math does', () => {
    expect(() => loessEstimates([0.1, 0.2])).toThrow(RangeError);
  });
});

describe('olsRSquared (MC)', () => {
  it('is 1 when the regressors explain y exactly, and below when they do not', () => {
    const a = [0.1, 0.4, 0.2, 0.5, 0.3];
    const b = [0.3, 0.1, 0.4, 0.2, 0.6];
    const sum = a.map((x, i) => 0.05 + x + 2 * b[i]!);

    expect(olsRSquared(sum, [a, b])).toBeCloseTo(1, 12);
    expect(olsRSquared([0.2, 0.1, 0.5, 0.3, 0.4], [a])).toBeLessThan(0.5);
  });

  it('gives no answer where commons-math throws: no regressor, too few rows, a singular design', () => {
    expect(olsRSquared([0.1, 0.2, 0.3], [])).toBeNull();
    expect(olsRSquared([0.1, 0.2], [[0.3, 0.4], [0.5, 0.1]])).toBeNull();
    expect(olsRSquared([0.1, 0.2, 0.3, 0.4], [[0, 0, 0, 0]])).toBeNull();
  });
});
