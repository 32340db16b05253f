import { describe, expect, it } from 'vitest';
import { diffSummaries, flatten } from '../../../src/experiment/summary-diff.js';

describe('flatten', () => {
  it('gives every leaf its dotted path, list items by index', () => {
    expect([...flatten({ a: { b: 1, 'm1.large': 2 }, c: [3, { d: null }], e: {} })]).toEqual([
      ['a.b', 1], ['a.m1.large', 2], ['c.0', 3], ['c.1.d', null], ['e', '{}'],
    ]);
  });
});

describe('diffSummaries', () => {
  const a = { n: 100, zero: 0, same: 5, name: 'x', gone: 1, flag: true };
  const b = { n: 104, zero: 2, same: 5, name: 'y', added: 3, flag: true };

  it('compares numbers with absolute and relative change, other values by equality, and one-sided keys', () => {
    expect(diffSummaries(a, b)).toEqual([
      { path: 'added', b: 3, moved: true },
      { path: 'flag', a: true, b: true, moved: false },
      { path: 'gone', a: 1, moved: true },
      { path: 'n', a: 100, b: 104, change: 4, relative: 0.04, moved: true },
      { path: 'name', a: 'x', b: 'y', moved: true },
      { path: 'same', a: 5, b: 5, change: 0, relative: 0, moved: false },
      { path: 'zero', a: 0, b: 2, change: 2, relative: null, moved: true },
    ]);
  });

  it('treats relative changes within the tolerance as unchanged (a change from 0 always moves)', () => {
    const moved = (tolerance: number) => diffSummaries(a, b, tolerance).filter((r) => r.moved).map((r) => r.path);
    expect(moved(0.04)).toEqual(['added', 'gone', 'name', 'zero']);
    expect(moved(0.039)).toEqual(['added', 'gone', 'n', 'name', 'zero']);
  });

  it('finds nothing moved between equal documents', () => {
    expect(diffSummaries(a, structuredClone(a)).some((r) => r.moved)).toBe(false);
  });
});
