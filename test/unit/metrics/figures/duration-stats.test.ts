import { describe, expect, it } from 'vitest';
import { DurationStats, nearestRank } from '../../../../src/metrics/figures/duration-stats.js';

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

describe('DurationStats', () => {
  it('reports count, mean, p95 and max whatever the insertion order', () => {
    const d = new DurationStats();
    // 21 values 0..20 shuffled: rank ceil(0.95*21)=ceil(19.95)=20 -> 19
    for (const x of [5, 20, 0, 13, 1, 19, 2, 18, 3, 17, 4, 16, 6, 15, 7, 14, 8, 12, 9, 11, 10]) d.add(x);
    expect(d.summary()).toEqual({ count: 21, mean: 10, p95: 19, max: 20 });
  });

  it('keeps fractional values exact', () => {
    const d = new DurationStats();
    for (const x of [2.5, 0.5, 1.25]) d.add(x);
    // n=3: rank ceil(2.85) = 3 -> 2.5
    expect(d.summary()).toEqual({ count: 3, mean: 4.25 / 3, p95: 2.5, max: 2.5 });
  });

  it('is zero when empty', () => {
    expect(new DurationStats().summary()).toEqual({ count: 0, mean: 0, p95: 0, max: 0 });
  });
});
