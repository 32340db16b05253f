import { Heap } from 'heap-js';
import { EventPool } from './event-pool.js';
import { FarFuture, sampleQuantile } from './far-future.js';

/**
 * The pending-event store behind the simulator. Small on purpose: a faster
 * queue (a typed-array heap, a calendar queue) can replace the heap-js one
 * without touching any handler.
 */
export interface EventQueue {
  /** Adds an event; `seq` must grow with every push so that ties stay FIFO. */
  push(at: number, priority: number, seq: number, kind: number, subject: number, arg: number): void;
  readonly size: number;
  /** Time of the earliest event, or +Infinity when empty. */
  peekTime(): number;
  /** Removes the earliest event and exposes it through `last` until the next pop. */
  pop(): void;
  readonly last: Readonly<EventRecord>;
}

/** One pending occurrence: plain numbers only, so records can be pooled. */
export interface EventRecord {
  at: number; // simulated seconds
  priority: number; // lower first among equal `at`
  seq: number; // insertion counter: FIFO among equal (at, priority)
  kind: number; // index into the simulator's handler table
  subject: number; // id of the object concerned (host, server, generator, ...)
  arg: number; // a second number for the handler (an epoch, a step index, ...)
}

/** Tuning of the near/far split (see {@link HeapEventQueue}). */
export interface SplitOptions {
  /** The heap is split once it holds more than this many events. */
  readonly spillAbove: number;
  /** A refill moves about this fraction of the far future into the heap (at least `spillAbove / 4` events). */
  readonly refillFraction: number;
}

const DEFAULT_SPLIT: SplitOptions = { spillAbove: 8192, refillFraction: 1 / 16 };

/**
 * heap-js ordering the near future by (time, priority, seq); the far future
 * waits unsorted.
 *
 * The heap orders the integer ids of records kept in an {@link EventPool}:
 * its array holds small integers and the comparator reads the keys from
 * typed arrays. Events later than `limit` are not pushed into the heap but
 * appended to a {@link FarFuture}; when the heap runs dry, the earliest
 * part of the far future (about `refillFraction` of it) moves into the heap
 * and `limit` rises to the last time moved. When the heap grows past its
 * bound, its later half moves out and `limit` falls. Every event in the
 * heap is at or before `limit` and every far one after it, so the heap's
 * minimum is the queue's minimum and the order is exactly that of one heap.
 * The heap stays small (it fits in cache) and most pushes are appends; each
 * far event is scanned about 1 / refillFraction times before it moves.
 */
export class HeapEventQueue implements EventQueue {
  readonly #pool: EventPool;
  readonly #heap: Heap<number>;
  readonly #far: FarFuture;
  readonly #split: SplitOptions;
  #limit = Number.POSITIVE_INFINITY; // heap events are at or before it, far ones after
  #spillAbove: number;
  // The popped event is copied out, so its record can be released at once.
  readonly #last: EventRecord = { at: 0, priority: 0, seq: -1, kind: -1, subject: 0, arg: 0 };

  constructor(initialCapacity = 1024, split: SplitOptions = DEFAULT_SPLIT) {
    const { spillAbove, refillFraction } = split;
    if (!(Number.isInteger(spillAbove) && spillAbove >= 1)) throw new RangeError(`spillAbove must be an integer >= 1, got ${spillAbove}`);
    if (!(refillFraction > 0 && refillFraction <= 1)) throw new RangeError(`refillFraction must be in (0, 1], got ${refillFraction}`);
    const pool = new EventPool(initialCapacity);
    this.#pool = pool;
    this.#far = new FarFuture(initialCapacity);
    this.#split = split;
    this.#spillAbove = split.spillAbove;
    // The columns are re-read on every call because the pool replaces them when it grows.
    this.#heap = new Heap<number>(
      (a, b) => pool.at[a]! - pool.at[b]! || pool.priority[a]! - pool.priority[b]! || pool.seq[a]! - pool.seq[b]!,
    );
  }

  get size(): number {
    return this.#heap.length + this.#far.size;
  }

  /** Records the heap's pool holds before it next doubles. */
  get capacity(): number {
    return this.#pool.capacity;
  }

  get last(): Readonly<EventRecord> {
    return this.#last;
  }

  push(at: number, priority: number, seq: number, kind: number, subject: number, arg: number): void {
    if (at > this.#limit) {
      this.#far.push(at, priority, seq, kind, subject, arg);
      return;
    }
    this.#heap.add(this.#pool.alloc(at, priority, seq, kind, subject, arg));
    if (this.#heap.length > this.#spillAbove) this.#spill();
  }

  peekTime(): number {
    if (this.#heap.length === 0) this.#refill();
    const top = this.#heap.peek();
    return top === undefined ? Number.POSITIVE_INFINITY : this.#pool.at[top]!;
  }

  pop(): void {
    if (this.#heap.length === 0) this.#refill();
    const id = this.#heap.pop();
    if (id === undefined) throw new RangeError('pop from an empty event queue');
    const pool = this.#pool;
    const last = this.#last;
    last.at = pool.at[id]!;
    last.priority = pool.priority[id]!;
    last.seq = pool.seq[id]!;
    last.kind = pool.kind[id]!;
    last.subject = pool.subject[id]!;
    last.arg = pool.arg[id]!;
    pool.release(id);
  }

  /** Moves the earliest far events into the (empty) heap. O(far size). */
  #refill(): void {
    const far = this.#far;
    if (far.size === 0) {
      this.#limit = Number.POSITIVE_INFINITY;
      return;
    }
    const wanted = Math.max(this.#split.spillAbove / 4, far.size * this.#split.refillFraction);
    const limit = wanted >= far.size ? Number.POSITIVE_INFINITY : far.quantile(wanted / far.size);
    const ids = this.#heap.heapArray; // empty: filled here, then heapified in place
    const pool = this.#pool;
    pool.clear(); // the heap is empty, so no record is live: refill ids 0, 1, 2, ... (dense, cache-friendly)
    for (let i = 0; i < far.size; ) {
      if (far.at[i]! <= limit) {
        ids.push(pool.allocFrom(far, i));
        far.removeAt(i); // the last record moves into slot i: look at it next
      } else i++;
    }
    this.#heap.init();
    this.#limit = limit;
    this.#spillAbove = Math.max(this.#split.spillAbove, 2 * ids.length);
  }

  /** Moves the later half of the heap out to the far future. O(heap size). */
  #spill(): void {
    const ids = this.#heap.heapArray;
    const pool = this.#pool;
    const limit = sampleQuantile(pool.at, ids.length, 0.5, ids.length, (i) => ids[i]!);
    let kept = 0;
    for (const id of ids) {
      if (pool.at[id]! <= limit) ids[kept++] = id;
      else {
        this.#far.pushFrom(pool, id);
        pool.release(id);
      }
    }
    ids.length = kept;
    this.#heap.init();
    this.#limit = limit;
    // Ties at the median can keep nearly everything: then wait for twice the size before trying again.
    this.#spillAbove = Math.max(this.#split.spillAbove, 2 * kept);
  }
}
