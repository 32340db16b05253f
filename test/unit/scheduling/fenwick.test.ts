import { describe, expect, it } from 'vitest';
import { makeRng } from '../../../src/engine/random.js';
import { Fenwick } from '../../../src/scheduling/fenwick.js';

describe('Fenwick', () => {
  it('counts prefixes and finds the k-th unit as a plain array does', () => {
    const rng = makeRng('fenwick');
    for (const size of [1, 2, 3, 7, 8, 9, 100]) {
      const tree = new Fenwick(size);
      const bits = new Array<number>(size).fill(0);
      for (let step = 0; step < 300; step++) {
        const i = rng.int(size);
        tree.add(i, bits[i] === 1 ? -1 : 1);
        bits[i] = 1 - bits[i]!;
        const ones = bits.flatMap((b, at) => (b === 1 ? [at] : []));
        expect(tree.total).toBe(ones.length);
        const p = rng.int(size + 1) - 1;
        expect(tree.prefix(p)).toBe(bits.slice(0, p + 1).reduce((a, b) => a + b, 0));
        ones.forEach((at, k) => expect(tree.select(k + 1)).toBe(at));
      }
    }
  });
});
