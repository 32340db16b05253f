import { describe, expect, it } from 'vitest';
import { Levels } from '../../../../src/metrics/instruments/level.js';

describe('Levels', () => {
  it('integrates a step function exactly: each value times the time it was held', () => {
    const watts = new Levels();
    watts.start(0, 10, 100);

    watts.set(0, 20, 300); // 100 W for 10 s
    watts.set(0, 25, 0); // 300 W for 5 s

    expect(watts.areaAt(0, 40)).toBe(100 * 10 + 300 * 5);
    expect(watts.meanAt(0, 40)).toBe(2500 / 30);
  });

  it('returns the area each change accounts, and leaves the open interval to the reader', () => {
    const rate = new Levels();
    rate.start(0, 0, 2);

    expect(rate.set(0, 3, 5)).toBe(6);
    expect(rate.tail(0, 4)).toBe(5);
    expect([rate.value(0), rate.since(0), rate.startOf(0)]).toEqual([5, 3, 0]);
  });

  it('keeps the least and greatest values held, the starting one included', () => {
    const on = new Levels();
    on.start(0, 0, 4);

    on.set(0, 1, 2);
    on.set(0, 2, 6);

    expect([on.min(0), on.max(0)]).toEqual([2, 6]);
  });

  it('keeps each index apart, and knows which were started', () => {
    const up = new Levels();
    up.start(3, 0, 1);
    up.start(1, 5, 0);

    up.set(3, 10, 0);
    up.set(1, 10, 1);

    expect([up.areaAt(3, 20), up.areaAt(1, 20)]).toEqual([10, 10]);
    expect([0, 1, 2, 3, 4].map((i) => up.has(i))).toEqual([false, true, false, true, false]);
  });

  it('has no mean over no time', () => {
    const level = new Levels();
    level.start(0, 5, 1);

    expect(level.meanAt(0, 5)).toBeNull();
  });
});
