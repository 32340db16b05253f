import { describe, expect, it } from 'vitest';
import { nearestRank, Tally } from '../../../../src/metrics/instruments/tally.js';

describe('nearestRank', () => {
  it('takes the value at rank ceil(p*n/100)', () => {
    const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    // n=10: rank ceil(9.5) = 10 -> 10
    expect(nearestRank(ten, 95)).toBe(10);
    // rank ceil(5) = 5 -> 5 (exact rank, no rounding up past it)
    expect(nearestRank(ten, 50)).toBe(5);
    const twenty = Array.from({ length: 20 }, (_, i) => i + 1);
    // n=20: rank 19 exactly (0.95*20 in floating point must not become 20)
    expect(nearestRank(twenty, 95)).toBe(19);
    expect(nearestRank([7], 95)).toBe(7);
    expect(nearestRank([], 95)).toBe(0);
    expect(nearestRank([3, 4], 0)).toBe(3);
  });
});

describe('Tally', () => {
  it('reports count, mean, p95, min and max whatever the insertion order', () => {
    const t = Tally.of([5, 20, 0, 13, 1, 19, 2, 18, 3, 17, 4, 16, 6, 15, 7, 14, 8, 12, 9, 11, 10]);

    // 21 values 0..20: rank ceil(0.95*21) = ceil(19.95) = 20 -> 19
    expect([t.count, t.mean, t.percentile(95), t.min, t.max]).toEqual([21, 10, 19, 0, 20]);
  });

  it('keeps fractional values exact and sums them in arrival order', () => {
    const t = Tally.of([2.5, 0.5, 1.25]);

    expect([t.count, t.sum, t.mean, t.percentile(95), t.max]).toEqual([3, 4.25, 4.25 / 3, 2.5, 2.5]);
  });

  it('reads a percentile again after more samples arrive', () => {
    const t = Tally.of([1, 2]);
    expect(t.percentile(50)).toBe(1);

    t.add(0);
    t.add(0);

    expect(t.percentile(50)).toBe(0);
  });

  it('gives the share of samples that pass a test', () => {
    const t = Tally.of([-1, 0, 3, 4]);

    expect(t.share((x) => x >= 0)).toBe(0.75);
  });

  it('is zero when empty', () => {
    const t = new Tally();

    expect([t.count, t.mean, t.min, t.max, t.percentile(95), t.share(() => true)]).toEqual([0, 0, 0, 0, 0, 0]);
  });
});
