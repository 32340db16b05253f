import { Heap } from 'heap-js';

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

const byTimePrioritySeq = (a: EventRecord, b: EventRecord): number =>
  a.at - b.at || a.priority - b.priority || a.seq - b.seq;

/**
 * heap-js ordered by (time, priority, seq). Records are recycled through a
 * free list: allocation, not comparison, is what a fresh object per event costs.
 */
export class HeapEventQueue implements EventQueue {
  readonly #heap = new Heap<EventRecord>(byTimePrioritySeq);
  readonly #free: EventRecord[] = [];
  #last: EventRecord = { at: 0, priority: 0, seq: -1, kind: -1, subject: 0, arg: 0 };

  get size(): number {
    return this.#heap.length;
  }

  get last(): Readonly<EventRecord> {
    return this.#last;
  }

  push(at: number, priority: number, seq: number, kind: number, subject: number, arg: number): void {
    const record = this.#free.pop();
    if (record === undefined) {
      this.#heap.push({ at, priority, seq, kind, subject, arg });
      return;
    }
    record.at = at;
    record.priority = priority;
    record.seq = seq;
    record.kind = kind;
    record.subject = subject;
    record.arg = arg;
    this.#heap.push(record);
  }

  peekTime(): number {
    const top = this.#heap.peek();
    return top === undefined ? Number.POSITIVE_INFINITY : top.at;
  }

  pop(): void {
    const record = this.#heap.pop();
    if (record === undefined) throw new RangeError('pop from an empty event queue');
    this.#free.push(this.#last);
    this.#last = record;
  }
}
