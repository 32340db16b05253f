import { HeapEventQueue, type EventQueue } from './event-queue.js';

/** Handles one event kind; reads the clock from the simulator it was registered with. */
export type Handler = (subject: number, arg: number) => void;

/** Returned by `after`/`at`; pass it to `cancel`. */
export type TimerToken = number;

/**
 * Domain-agnostic event loop: owns the clock, the (time, priority, seq)
 * ordering and the dispatch through a handler table. It knows nothing about
 * hosts or servers; the composition root registers one handler per kind.
 */
export class Simulator {
  #now = 0;
  #seq = 0;
  #processed = 0;
  #stopped = false;
  readonly #handlers: Handler[] = [];
  readonly #names: string[] = [];
  // Tokens of cancelled timers, dropped lazily when their event is popped.
  readonly #cancelled = new Set<number>();

  constructor(private readonly queue: EventQueue = new HeapEventQueue()) {}

  get now(): number {
    return this.#now;
  }

  /** Events dispatched so far (cancelled ones excluded). */
  get processed(): number {
    return this.#processed;
  }

  get pending(): number {
    return this.queue.size;
  }

  /** Registers a handler and returns the small integer that names its kind. */
  register(name: string, handler: Handler): number {
    this.#names.push(name);
    return this.#handlers.push(handler) - 1;
  }

  kindName(kind: number): string {
    return this.#names[kind] ?? `kind#${kind}`;
  }

  /** Schedules `kind` for `subject` in `delay` seconds. */
  after(delay: number, kind: number, subject: number, arg = 0, priority = 0): TimerToken {
    if (!(Number.isFinite(delay) && delay >= 0)) throw new RangeError(`delay must be a finite number >= 0, got ${delay}`);
    return this.#push(this.#now + delay, kind, subject, arg, priority);
  }

  /** Schedules `kind` for `subject` at absolute simulated time `time` (not in the past). */
  at(time: number, kind: number, subject: number, arg = 0, priority = 0): TimerToken {
    if (!(Number.isFinite(time) && time >= this.#now)) throw new RangeError(`time ${time} is not a finite time at or after now (${this.#now})`);
    return this.#push(time, kind, subject, arg, priority);
  }

  /** Cancels a pending timer. Tokens of timers that already fired must not be passed. */
  cancel(token: TimerToken): void {
    if (token >= this.#seq || token === this.queue.last.seq) return; // unknown, or the event now running
    this.#cancelled.add(token);
  }

  /** Stops `run` after the current event. */
  stop(): void {
    this.#stopped = true;
  }

  /**
   * Processes events in (time, priority, seq) order while the earliest is at
   * or before `until`, then advances the clock to `until` (if finite). With
   * a `budget`, returns after that many events even if some remain, so a
   * caller can interleave other work (progress, a server's requests) and go
   * on later; the outcome is the same as one uninterrupted run. Returns true
   * once no event at or before `until` is left (or `stop` was called).
   */
  run(until = Number.POSITIVE_INFINITY, budget = Number.POSITIVE_INFINITY): boolean {
    const queue = this.queue;
    const handlers = this.#handlers;
    const cancelled = this.#cancelled;
    this.#stopped = false;
    for (let left = budget; !this.#stopped && queue.size > 0 && queue.peekTime() <= until; ) {
      if (left-- <= 0) return false;
      queue.pop();
      const event = queue.last;
      if (cancelled.size > 0 && cancelled.delete(event.seq)) continue;
      this.#now = event.at;
      this.#processed++;
      handlers[event.kind]!(event.subject, event.arg);
    }
    if (!this.#stopped && until !== Number.POSITIVE_INFINITY && until > this.#now) this.#now = until;
    return true;
  }

  #push(at: number, kind: number, subject: number, arg: number, priority: number): TimerToken {
    if (this.#handlers[kind] === undefined) throw new RangeError(`unknown event kind ${kind}`);
    const seq = this.#seq++;
    this.queue.push(at, priority, seq, kind, subject, arg);
    return seq;
  }
}
