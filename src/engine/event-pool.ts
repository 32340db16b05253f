import { EventColumns, grown } from './event-columns.js';

/**
 * Event records addressed by small integer ids, for a heap that orders ids
 * and reads their keys from the columns (see {@link EventColumns}).
 *
 * Ids are recycled last-in first-out through a free list, so the record
 * freed by a pop is the one the next push reuses (its cache lines are warm).
 * Ids stay valid when the columns grow.
 */
export class EventPool extends EventColumns {
  #free: Int32Array;
  #freeCount = 0;
  #next = 0; // ids below this have been handed out at least once

  constructor(initialCapacity = 1024) {
    super(initialCapacity);
    this.#free = new Int32Array(this.capacity);
  }

  /** Records currently allocated (handed out and not yet released). */
  get live(): number {
    return this.#next - this.#freeCount;
  }

  /** Fills a free record and returns its id. Amortised O(1). */
  alloc(at: number, priority: number, seq: number, kind: number, subject: number, arg: number): number {
    const id = this.#take();
    this.set(id, at, priority, seq, kind, subject, arg);
    return id;
  }

  /** Copies record `i` of `from` into a free record and returns its id. Amortised O(1). */
  allocFrom(from: EventColumns, i: number): number {
    const id = this.#take();
    from.copyTo(i, this, id);
    return id;
  }

  /** Returns record `id` to the free list; its slots are reused by a later `alloc`. */
  release(id: number): void {
    this.#free[this.#freeCount++] = id;
  }

  /** Frees every record at once; ids are then handed out again from 0. */
  clear(): void {
    this.#freeCount = 0;
    this.#next = 0;
  }

  #take(): number {
    if (this.#freeCount > 0) return this.#free[--this.#freeCount]!;
    if (this.#next === this.capacity) {
      this.grow();
      this.#free = grown(this.#free, new Int32Array(this.capacity));
    }
    return this.#next++;
  }
}
