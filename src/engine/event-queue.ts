import { Heap } from 'heap-js';
import { EventPool } from './event-pool.js';

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

/**
 * heap-js ordering the integer ids of records kept in an {@link EventPool},
 * by (time, priority, seq). The heap's array holds small integers and the
 * comparator reads the keys from typed arrays: no object per event, and the
 * keys of a million pending events fit in 8 MB. Push and pop are O(log n).
 */
export class HeapEventQueue implements EventQueue {
  readonly #pool: EventPool;
  readonly #heap: Heap<number>;
  // The popped event is copied out, so its record can be released at once.
  readonly #last: EventRecord = { at: 0, priority: 0, seq: -1, kind: -1, subject: 0, arg: 0 };

  constructor(initialCapacity = 1024) {
    const pool = new EventPool(initialCapacity);
    this.#pool = pool;
    // The columns are re-read on every call because the pool replaces them when it grows.
    this.#heap = new Heap<number>(
      (a, b) => pool.at[a]! - pool.at[b]! || pool.priority[a]! - pool.priority[b]! || pool.seq[a]! - pool.seq[b]!,
    );
  }

  get size(): number {
    return this.#heap.length;
  }

  /** Records the pool holds before it next doubles. */
  get capacity(): number {
    return this.#pool.capacity;
  }

  get last(): Readonly<EventRecord> {
    return this.#last;
  }

  push(at: number, priority: number, seq: number, kind: number, subject: number, arg: number): void {
    this.#heap.add(this.#pool.alloc(at, priority, seq, kind, subject, arg));
  }

  peekTime(): number {
    const top = this.#heap.peek();
    return top === undefined ? Number.POSITIVE_INFINITY : this.#pool.at[top]!;
  }

  pop(): void {
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
}
