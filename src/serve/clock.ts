/**
 * The served cloud's simulated time: the wall clock times `speed` since
 * the server started, plus whatever the admin endpoint advanced it by. It
 * never goes back, so requests are taken in the order of their times.
 */
export class ServedClock {
  #base = 0;
  #wallStart: number;

  constructor(
    private readonly speed: number,
    /** Wall-clock milliseconds from a monotonic source. */
    private readonly wall: () => number,
  ) {
    if (!(Number.isFinite(speed) && speed > 0)) throw new RangeError(`speed must be a number > 0, got ${speed}`);
    this.#wallStart = wall();
  }

  /** Simulated seconds now. */
  now(): number {
    return this.#base + ((this.wall() - this.#wallStart) / 1000) * this.speed;
  }

  /** Moves simulated time on by `seconds` at once (an admin's request, for tests and demonstrations). */
  advance(seconds: number): void {
    if (!(Number.isFinite(seconds) && seconds >= 0)) throw new RangeError(`seconds must be a number >= 0, got ${seconds}`);
    this.#base = this.now() + seconds;
    this.#wallStart = this.wall();
  }
}
