import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EventPool } from '../../../src/engine/event-pool.js';
import { HeapEventQueue, type EventRecord, type SplitOptions } from '../../../src/engine/event-queue.js';

type Op = { readonly push: { at: number; priority: number } } | { readonly pop: true };

// Few distinct times and priorities, so that ties on `at` and on (at, priority) are common.
const timeArb = fc.oneof(fc.integer({ min: 0, max: 6 }), fc.double({ min: 0, max: 6, noNaN: true }));
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ at: timeArb, priority: fc.integer({ min: -2, max: 2 }) }).map((push) => ({ push })) },
  { weight: 2, arbitrary: fc.constant({ pop: true } as const) },
);

const byTimePrioritySeq = (a: EventRecord, b: EventRecord): number =>
  a.at - b.at || a.priority - b.priority || a.seq - b.seq;

/** Payload fields derived from seq, so a record refilled with stale data shows up. */
const recordOf = (seq: number, at: number, priority: number): EventRecord => ({
  at,
  priority,
  seq,
  kind: seq % 7,
  subject: seq * 3 + 1,
  arg: seq / 4 - 2,
});

/** Small split settings, so that random runs move events between the heap and the far future often. */
const splitArb: fc.Arbitrary<SplitOptions> = fc.record({
  spillAbove: fc.integer({ min: 1, max: 24 }),
  refillFraction: fc.constantFrom(1, 1 / 2, 1 / 3, 1 / 16),
});

/** (at, priority, seq) keys kept sorted by binary insertion: the plain reference for long runs. */
class SortedReference {
  readonly #keys: number[][] = [];
  #head = 0;

  insert(key: number[]): void {
    let lo = this.#head;
    let hi = this.#keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const k = this.#keys[mid]!;
      if ((k[0]! - key[0]! || k[1]! - key[1]! || k[2]! - key[2]!) < 0) lo = mid + 1;
      else hi = mid;
    }
    this.#keys.splice(lo, 0, key);
  }

  shift(): number[] | undefined {
    return this.#keys[this.#head++];
  }
}

describe('HeapEventQueue', () => {
  it('pops in (time, priority, seq) order, like a sorted array, on random pushes and pops', () => {
    const settings = fc.option(splitArb, { nil: undefined });
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 300 }), fc.integer({ min: 1, max: 8 }), settings, (ops, initialCapacity, split) => {
        const queue = new HeapEventQueue(initialCapacity, split);
        const reference: EventRecord[] = [];
        let seq = 0;
        for (const op of ops) {
          if ('push' in op) {
            const r = recordOf(seq++, op.push.at, op.push.priority);
            queue.push(r.at, r.priority, r.seq, r.kind, r.subject, r.arg);
            reference.push(r);
          } else if (reference.length > 0) {
            reference.sort(byTimePrioritySeq);
            queue.pop();
            expect({ ...queue.last }).toEqual(reference.shift());
          }
          expect(queue.size).toBe(reference.length);
          expect(queue.peekTime()).toBe(reference.length === 0 ? Infinity : Math.min(...reference.map((r) => r.at)));
        }
      }),
      { numRuns: 1000, seed: 1313 },
    );
  });

  it('grows past its initial capacity and still pops everything in order', () => {
    const queue = new HeapEventQueue(2);
    const times = Array.from({ length: 5000 }, (_, i) => (i * 7919) % 1000);

    times.forEach((at, seq) => queue.push(at, seq % 3, seq, 0, seq, -seq));
    const popped: number[][] = [];
    while (queue.size > 0) {
      queue.pop();
      const { at, priority, seq, subject, arg } = queue.last;
      popped.push([at, priority, seq, subject, arg]);
    }

    const expected = times.map((at, seq) => [at, seq % 3, seq, seq, -seq]);
    expected.sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!);
    expect(popped).toEqual(expected);
  });

  it('reuses the records freed by pops: a steady pending set does not grow the pool', () => {
    const queue = new HeapEventQueue(64);
    let seq = 0;
    for (; seq < 64; seq++) queue.push(seq, 0, seq, 1, seq, 0);

    for (let n = 0; n < 10_000; n++) {
      queue.pop();
      const last = { ...queue.last };
      queue.push(last.at + 64, 0, seq, 2, last.subject, n);
      seq++;
    }

    expect(queue.size).toBe(64);
    expect(queue.capacity).toBe(64);
    queue.pop();
    expect(queue.last).toMatchObject({ at: 10_000, seq: 10_000, kind: 2, subject: 10_000 % 64, arg: 10_000 - 64 });
  });

  it('keeps the popped event readable after its record is reused by a push', () => {
    const queue = new HeapEventQueue(1);
    queue.push(5, 0, 0, 3, 42, 7);

    queue.pop();
    queue.push(9, 1, 1, 4, 43, 8);

    expect({ ...queue.last }).toEqual({ at: 5, priority: 0, seq: 0, kind: 3, subject: 42, arg: 7 });
  });

  it('keeps the order when a large pending set is split between the heap and the far future', () => {
    const queue = new HeapEventQueue(16, { spillAbove: 64, refillFraction: 1 / 8 });
    const reference = new SortedReference();
    let seq = 0;
    let x = 12345;
    const push = (now: number): void => {
      x = (x * 1103515245 + 12345) % 2147483648;
      const at = now + (x % 1000) / 10; // one decimal in a 100-second window: many ties, some at `now`
      queue.push(at, x % 3, seq, 0, seq, 0);
      reference.insert([at, x % 3, seq]);
      seq++;
    };
    for (let i = 0; i < 3000; i++) push(0);

    const popped: number[][] = [];
    const expected: number[][] = [];
    for (let n = 0; n < 20_000; n++) {
      queue.pop();
      const { at, priority, seq: s } = queue.last;
      popped.push([at, priority, s]);
      expected.push(reference.shift()!);
      push(at);
    }

    expect(popped).toEqual(expected);
    expect(queue.size).toBe(3000);
  });

  it('spills and refills without thrashing when every event has the same time', () => {
    const queue = new HeapEventQueue(4, { spillAbove: 8, refillFraction: 1 / 4 });

    for (let seq = 0; seq < 1000; seq++) queue.push(7, 0, seq, 0, seq, 0);
    const seqs: number[] = [];
    while (queue.size > 0) {
      queue.pop();
      seqs.push(queue.last.seq);
    }

    expect(seqs).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  it('refuses split settings that cannot work', () => {
    expect(() => new HeapEventQueue(8, { spillAbove: 0, refillFraction: 0.5 })).toThrow(RangeError);
    expect(() => new HeapEventQueue(8, { spillAbove: 8, refillFraction: 0 })).toThrow(RangeError);
  });

  it('reports +Infinity as the next time and refuses to pop when empty', () => {
    const queue = new HeapEventQueue();

    expect(queue.size).toBe(0);
    expect(queue.peekTime()).toBe(Infinity);
    expect(() => queue.pop()).toThrow(RangeError);
  });
});

describe('EventPool', () => {
  it('hands out fresh ids, then reuses released ones last-in first-out', () => {
    const pool = new EventPool(4);

    const ids = [0, 1, 2].map((i) => pool.alloc(i, 0, i, 0, 0, 0));
    pool.release(ids[0]!);
    pool.release(ids[2]!);

    expect(ids).toEqual([0, 1, 2]);
    expect(pool.alloc(9, 0, 3, 0, 0, 0)).toBe(2);
    expect(pool.alloc(9, 0, 4, 0, 0, 0)).toBe(0);
    expect(pool.alloc(9, 0, 5, 0, 0, 0)).toBe(3);
    expect(pool.live).toBe(4);
  });

  it('doubles its columns when full and keeps every record', () => {
    const pool = new EventPool(3);

    for (let i = 0; i < 13; i++) pool.alloc(i / 2, -i, i, i % 5, 100 + i, 0.25 * i);

    expect(pool.capacity).toBe(24);
    for (let id = 0; id < 13; id++) {
      const row = [pool.at[id], pool.priority[id], pool.seq[id], pool.kind[id], pool.subject[id], pool.arg[id]];
      expect(row).toEqual([id / 2, -id, id, id % 5, 100 + id, 0.25 * id]);
    }
  });
});
