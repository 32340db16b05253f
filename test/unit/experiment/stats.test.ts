import { describe as suite, expect, it } from 'vitest';
import { describe, tCdf, tQuantile } from '../../../src/experiment/stats.js';

suite('describe', () => {
  it('gives mean, sample sd and the t interval of 1, 2, 3, 4 as worked by hand', () => {
    const s = describe([1, 2, 3, 4]);

    expect(s.n).toBe(4);
    expect(s.mean).toBe(2.5);
    expect(s.sd).toBeCloseTo(1.2910, 4); // sqrt(5/3)
    expect(s.halfWidth).toBeCloseTo(2.0543, 4); // 3.18245 * 1.29099 / 2 = 2.05426
    expect(s.low).toBeCloseTo(0.4457, 4);
    expect(s.high).toBeCloseTo(4.5543, 4);
  });

  it('has a mean but no spread for one value, and nothing for none', () => {
    expect(describe([7])).toEqual({ n: 1, mean: 7, sd: undefined, halfWidth: undefined, low: undefined, high: undefined });
    expect(describe([]).mean).toBeUndefined();
  });

  it('gives a zero-width interval for equal values', () => {
    expect(describe([3, 3, 3])).toMatchObject({ mean: 3, sd: 0, halfWidth: 0 });
  });
});

suite('tQuantile', () => {
  it.each([
    [1, 12.7062],
    [2, 4.3027],
    [3, 3.1824],
    [5, 2.5706],
    [10, 2.2281],
    [30, 2.0423],
    [1000, 1.9623],
  ])('t(0.975, %i) = %f as in the tables', (df, expected) => {
    expect(tQuantile(0.975, df)).toBeCloseTo(expected, 4);
  });

  it('gives other quantiles too: t(0.95, 4) = 2.1318, t(0.995, 9) = 3.2498', () => {
    expect(tQuantile(0.95, 4)).toBeCloseTo(2.1318, 4);
    expect(tQuantile(0.995, 9)).toBeCloseTo(3.2498, 4);
  });

  it('inverts the CDF, which is symmetric about 0', () => {
    expect(tCdf(tQuantile(0.975, 7), 7)).toBeCloseTo(0.975, 12);
    expect(tCdf(0, 7)).toBeCloseTo(0.5, 12);
    expect(tCdf(-2, 7) + tCdf(2, 7)).toBeCloseTo(1, 12);
  });

  it('refuses probabilities outside (0.5, 1)', () => {
    expect(() => tQuantile(0.3, 3)).toThrow(RangeError);
  });
});
