/**
 * A level held over simulated time: a step function that changes only when
 * `set` is told, integrated exactly (salabim's level Monitor). Each change
 * accounts the time since the previous one at the value held then, so the
 * area is exact with no sampling; O(1) per change. Power draw, hosts
 * switched on, whether a server runs, what a server costs per second and
 * the cloud's utilisation are all levels.
 */
export class Level {
  #value: number;
  #since: number;
  #area = 0;
  #min: number;
  #max: number;

  constructor(
    /** When the level starts (simulated seconds): its mean is taken from here. */
    readonly start: number,
    value = 0,
  ) {
    this.#value = value;
    this.#since = start;
    this.#min = value;
    this.#max = value;
  }

  /** The value held now. */
  get value(): number {
    return this.#value;
  }

  /** When the value held now was set (the level's start until its first change). */
  get since(): number {
    return this.#since;
  }

  /** The least and greatest values held (construction counts as a value held). */
  get min(): number {
    return this.#min;
  }

  get max(): number {
    return this.#max;
  }

  /**
   * Accounts the time since the last change at the value held then, and
   * holds `value` from `time` on. Returns the area that interval added.
   */
  set(time: number, value: number): number {
    const added = this.tail(time);
    this.#area += added;
    this.#since = time;
    this.#value = value;
    this.#min = Math.min(this.#min, value);
    this.#max = Math.max(this.#max, value);
    return added;
  }

  /** The area since the last change up to `time`, not yet accounted. */
  tail(time: number): number {
    return this.#value * (time - this.#since);
  }

  /** The area from the start up to `time` (at or after the last change). */
  areaAt(time: number): number {
    return this.#area + this.tail(time);
  }

  /** The time-weighted mean from the start up to `time`; null over no time. */
  meanAt(time: number): number | null {
    const span = time - this.start;
    return span > 0 ? this.areaAt(time) / span : null;
  }
}
