import { describe, expect, it } from 'vitest';
import { Level } from '../../../../src/metrics/instruments/level.js';

describe('Level', () => {
  it('integrates a step function exactly: each value times the time it was held', () => {
    const watts = new Level(10, 100);

    watts.set(20, 300); // 100 W for 10 s
    watts.set(25, 0); // 300 W for 5 s

    expect(watts.areaAt(40)).toBe(100 * 10 + 300 * 5);
    expect(watts.meanAt(40)).toBe(2500 / 30);
  });

  it('returns the area each change accounts, and leaves the open interval to the reader', () => {
    const rate = new Level(0, 2);

    expect(rate.set(3, 5)).toBe(6);
    expect(rate.tail(4)).toBe(5);
    expect([rate.value, rate.since]).toEqual([5, 3]);
  });

  it('keeps the least and greatest values held, the starting one included', () => {
    const on = new Level(0, 4);

    on.set(1, 2);
    on.set(2, 6);

    expect([on.min, on.max]).toEqual([2, 6]);
  });

  it('has no mean over no time', () => {
    expect(new Level(5, 1).meanAt(5)).toBeNull();
  });
});
