import { describe, expect, it } from 'vitest';
import { makeRng, RandomStreams, type Rng } from '../../../src/engine/random.js';

const draw = (rng: Rng, n: number): number[] => Array.from({ length: n }, () => rng.next());

function correlation(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxy / Math.sqrt(sxx * syy);
}

describe('RandomStreams', () => {
  it('gives the same sequence for the same seed and name', () => {
    const a = new RandomStreams(42).stream('arrivals');
    const b = new RandomStreams(42).stream('arrivals');
    expect(draw(a, 1000)).toEqual(draw(b, 1000));
  });

  it('returns the same stream object for a name, continuing its sequence', () => {
    const streams = new RandomStreams(7);
    const reference = draw(new RandomStreams(7).stream('x'), 20);
    const first = draw(streams.stream('x'), 10);
    const second = draw(streams.stream('x'), 10);
    expect(streams.stream('x')).toBe(streams.stream('x'));
    expect([...first, ...second]).toEqual(reference);
  });

  it('gives different sequences for different seeds', () => {
    expect(draw(new RandomStreams(1).stream('a'), 100)).not.toEqual(draw(new RandomStreams(2).stream('a'), 100));
  });

  it('gives independent streams for different names', () => {
    const streams = new RandomStreams(2024);
    const n = 20_000;
    const a = draw(streams.stream('arrivals'), n);
    const b = draw(streams.stream('lifetimes'), n);
    const c = draw(streams.stream('arrivals2'), n);
    expect(a).not.toEqual(b);
    expect(a.slice(0, 50)).not.toEqual(c.slice(0, 50));
    // Uncorrelated, also with a lag of one: |r| is about 1/sqrt(n) ~ 0.007.
    for (const [x, y] of [
      [a, b],
      [a, c],
      [b, c],
      [a.slice(1), b.slice(0, -1)],
    ] as const) {
      expect(Math.abs(correlation(x, y))).toBeLessThan(0.04);
    }
    // Not a shifted copy of each other.
    const setA = new Set(a);
    expect(b.filter((v) => setA.has(v)).length).toBeLessThan(3);
  });

  it('adding a new stream does not change the draws of an existing stream', () => {
    const alone = new RandomStreams(99);
    const expected = draw(alone.stream('arrivals'), 500);

    const crowded = new RandomStreams(99);
    const arrivals = crowded.stream('arrivals');
    const got: number[] = draw(arrivals, 100);
    const failures = crowded.stream('failures'); // created mid-run
    for (let i = 0; i < 400; i++) {
      failures.next();
      failures.int(10);
      crowded.stream(`extra-${i % 5}`).next();
      got.push(arrivals.next());
    }
    expect(got).toEqual(expected);
  });

  it('draws from the stream name, not the order of creation', () => {
    const s1 = new RandomStreams(5);
    const s2 = new RandomStreams(5);
    s1.stream('a');
    const bFirst = draw(s2.stream('b'), 10);
    const aSecond = draw(s2.stream('a'), 10);
    expect(draw(s1.stream('b'), 10)).toEqual(bFirst);
    expect(draw(s1.stream('a'), 10)).toEqual(aSecond);
  });
});

describe('makeRng', () => {
  it('is deterministic per seed string', () => {
    expect(draw(makeRng('s'), 100)).toEqual(draw(makeRng('s'), 100));
    expect(draw(makeRng('s'), 100)).not.toEqual(draw(makeRng('t'), 100));
  });

  it('next() is uniform in [0, 1)', () => {
    const rng = makeRng('uniform');
    const n = 100_000;
    const bins = new Array<number>(10).fill(0);
    let sum = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.next();
      if (!(u >= 0 && u < 1)) outside++;
      sum += u;
      bins[Math.floor(u * 10)]!++;
    }
    expect(outside).toBe(0);
    expect(sum / n).toBeCloseTo(0.5, 2);
    // Chi-square with 9 degrees of freedom: 27.9 is the 0.999 quantile.
    const expected = n / 10;
    const chi2 = bins.reduce((acc, o) => acc + ((o - expected) * (o - expected)) / expected, 0);
    expect(chi2).toBeLessThan(27.9);
  });

  it('int(n) gives whole numbers in [0, n), each value reached', () => {
    const rng = makeRng('int');
    const seen = new Set<number>();
    let bad = 0;
    for (let i = 0; i < 10_000; i++) {
      const k = rng.int(7);
      if (!(Number.isInteger(k) && k >= 0 && k < 7)) bad++;
      seen.add(k);
    }
    expect(bad).toBe(0);
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(rng.int(1)).toBe(0);
  });
});
