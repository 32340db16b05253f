import type { Simulator } from '../engine/simulator.js';
import type { Scripted } from './timeline.js';

/**
 * Plays calls pulled one at a time from an iterator in time order (a
 * request log, a VM table's arrivals and deletions), so a history of any
 * length is never all in memory: one call is scheduled ahead, and the next
 * is read when it plays. Calls at equal times play in the iterator's order;
 * against other events at the same time they come after those scheduled
 * before them were read (a Timeline schedules all its calls at the start).
 * A call earlier than the one before is refused: a stream in time order is
 * what the readers guarantee.
 */
export class StreamedTimeline {
  readonly #kind: number;
  #next: Scripted | undefined;
  #last = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly sim: Simulator,
    private readonly calls: Iterator<Scripted>,
    name = 'streamed-timeline',
  ) {
    this.#kind = sim.register(name, () => this.#play());
  }

  start(): void {
    this.#pull();
  }

  #pull(): void {
    const result = this.calls.next();
    if (result.done === true) {
      this.#next = undefined;
      return;
    }
    const call = result.value;
    if (call.at < this.#last) throw new RangeError(`a streamed call at ${call.at} s comes after one at ${this.#last} s`);
    this.#last = call.at;
    this.#next = call;
    this.sim.at(Math.max(call.at, this.sim.now), this.#kind, 0);
  }

  #play(): void {
    const call = this.#next!;
    // The next is read first: a call that plays at the same time as this one goes after it.
    this.#pull();
    call.play();
  }
}
