import type { Simulation } from '../scenario/build.js';
import { checkServedRequest } from '../scenario/schema.js';
import type { ServedOutcome } from '../scenario/served-play.js';
import type { ServedRequest } from '../scenario/served-spec.js';
import type { ServedClock } from './clock.js';

/** A request that came after the run reached its scenario's end: nothing can happen any more (answered 503). */
export class RunOver extends Error {
  constructor(end: number) {
    super(`The served run reached the end of its scenario (${end} s simulated); stop it to write its results.`);
  }
}

/** The smallest number above `x` (x >= 0): a request is never taken at a time the simulation has already been run to. */
function nextUp(x: number): number {
  const bits = new BigInt64Array(new Float64Array([x]).buffer);
  bits[0]! += 1n;
  return new Float64Array(bits.buffer)[0]!;
}

/** Told each request the served cloud took, as its recording will hold it. */
export type RequestListener = (entry: ServedRequest, values: Readonly<Record<string, unknown>>) => void;

/**
 * A simulation served live: before anything is read, every event up to
 * "now" is processed; a request is taken as an event at now, through the
 * same ServedRequests a run of the recording uses, so both take it at the
 * same point of the event order. When the clock reaches the scenario's
 * end, time stops there and requests are refused (RunOver).
 */
export class ServedCloud {
  readonly #listeners: RequestListener[] = [];
  #stopped = false;

  constructor(
    readonly simulation: Simulation,
    readonly clock: ServedClock,
  ) {}

  /** Simulated now, every event up to it processed. */
  catchUp(): number {
    const { sim } = this.simulation;
    const now = Math.max(sim.now, Math.min(this.clock.now(), this.simulation.end));
    if (!this.#stopped) sim.run(now);
    return sim.now;
  }

  onRequest(listener: RequestListener): void {
    this.#listeners.push(listener);
  }

  /**
   * Takes one request now. `values` are its fields as the recording writes
   * them (the time is added here); they are checked with the recording's
   * own spec, so the recording always reads back.
   */
  take(values: Readonly<Record<string, unknown>>): ServedOutcome {
    if (this.#stopped) throw new Error('the served run has stopped');
    const { sim, end } = this.simulation;
    // The request is scheduled before the simulation runs to its time, so among the events of that
    // instant it falls where a run of the recording puts it. If a read already ran the simulation to
    // this very time (a frozen clock), the request goes just after it.
    let at = Math.min(this.clock.now(), end);
    if (at <= sim.now) at = nextUp(sim.now);
    if (at > end) throw new RunOver(end);
    const entry = checkServedRequest({ at, ...values });
    if (Array.isArray(entry)) throw new Error(`a served request its recording could not hold: ${entry.join('; ')}`);
    const pending = this.simulation.served.schedule(entry);
    sim.run(at);
    for (const listener of this.#listeners) listener(entry, { at, ...values });
    const outcome = pending.outcome;
    if (outcome === undefined) throw new Error('a served request was not taken at its time');
    return outcome;
  }

  /** Stops taking requests and ends the run now: it ends where a run of its recording ends. Returns the end. */
  stop(): number {
    const end = Math.max(this.catchUp(), 1); // a scenario lasts at least a second
    this.#stopped = true;
    this.simulation.endAt(Math.min(end, this.simulation.end));
    while (!this.simulation.advance(50_000));
    return this.simulation.end;
  }
}
