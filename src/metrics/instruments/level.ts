/**
 * Levels held over simulated time, one per index (a server, a host, a
 * resource class): each a step function that changes only when `set` is
 * told, integrated exactly (salabim's level Monitor). A change accounts
 * the time since the previous one at the value held then, so the area is
 * exact with no sampling; O(1) per change. Whether a server runs, what it
 * costs per second, each host's power draw, the hosts switched on and the
 * cloud's utilisation are all levels. They live in parallel arrays of
 * numbers, not an object each: a run keeps one or two per server, and a
 * hundred thousand small objects cost the garbage collector more than the
 * integrals cost.
 */
export class Levels {
  /** NaN for an index not started. */
  readonly #start: number[] = [];
  readonly #since: number[] = [];
  readonly #value: number[] = [];
  readonly #area: number[] = [];
  readonly #min: number[] = [];
  readonly #max: number[] = [];

  /** Starts level `i` at `time` holding `value` (the value at the start counts among the values held). */
  start(i: number, time: number, value = 0): void {
    // Indexes come nearly in order (dense ids): filling the gap keeps the arrays packed.
    for (let j = this.#start.length; j <= i; j++) {
      this.#start.push(Number.NaN);
      this.#since.push(0);
      this.#value.push(0);
      this.#area.push(0);
      this.#min.push(0);
      this.#max.push(0);
    }
    this.#start[i] = time;
    this.#since[i] = time;
    this.#value[i] = value;
    this.#area[i] = 0;
    this.#min[i] = value;
    this.#max[i] = value;
  }

  /** Whether level `i` was started. */
  has(i: number): boolean {
    return i < this.#start.length && !Number.isNaN(this.#start[i]!);
  }

  /** When level `i` started: its mean is taken from here. */
  startOf(i: number): number {
    return this.#start[i]!;
  }

  /** The value level `i` holds now. */
  value(i: number): number {
    return this.#value[i]!;
  }

  /** When the value level `i` holds now was set (its start until its first change). */
  since(i: number): number {
    return this.#since[i]!;
  }

  /** The least and greatest values level `i` held. */
  min(i: number): number {
    return this.#min[i]!;
  }

  max(i: number): number {
    return this.#max[i]!;
  }

  /**
   * Accounts the time since level `i`'s last change at the value held then,
   * and holds `value` from `time` on. Returns the area that interval added.
   */
  set(i: number, time: number, value: number): number {
    const added = this.tail(i, time);
    this.#area[i]! += added;
    this.#since[i] = time;
    this.#value[i] = value;
    if (value < this.#min[i]!) this.#min[i] = value;
    if (value > this.#max[i]!) this.#max[i] = value;
    return added;
  }

  /** Level `i`'s area since its last change up to `time`, not yet accounted. */
  tail(i: number, time: number): number {
    return this.#value[i]! * (time - this.#since[i]!);
  }

  /** Level `i`'s area from its start up to `time` (at or after its last change). */
  areaAt(i: number, time: number): number {
    return this.#area[i]! + this.tail(i, time);
  }

  /** Level `i`'s time-weighted mean from its start up to `time`; null over no time. */
  meanAt(i: number, time: number): number | null {
    const span = time - this.#start[i]!;
    return span > 0 ? this.areaAt(i, time) / span : null;
  }
}
