import { sample } from '../engine/distributions.js';
import type { RandomStreams, Rng } from '../engine/random.js';
import type { Simulator } from '../engine/simulator.js';
import type { Nova } from '../cloud/nova.js';
import type { Server } from '../model/server.js';
import { nextArrival } from './arrivals.js';
import { nextTimeOfDay, nextWeekly } from './calendar.js';
import type { WorkloadSpec } from './types.js';

const enum Habit {
  Stop,
  Start,
  Shelve,
  Unshelve,
}
const FRIDAY = 4;
const MONDAY = 0;
const WEEKEND_SHELVE_AT = 18 * 3600;
const WEEKEND_UNSHELVE_AT = 8 * 3600;

/**
 * Turns workload specs into create requests, deletes at the end of each
 * server's lifetime, and the users' habits (stopping at night, shelving at
 * weekends). Each spec draws from its own named streams, so a change of
 * scheduling policy never moves an arrival.
 */
export class WorkloadGenerators {
  readonly #arrival: number;
  readonly #expire: number;
  readonly #habit: number;
  readonly #made: number[];
  readonly #owner = new Map<number, number>(); // server id -> spec index
  readonly #streams: { arrivals: Rng; mix: Rng; lifetimes: Rng; habits: Rng }[];

  constructor(
    private readonly sim: Simulator,
    private readonly nova: Nova,
    private readonly specs: readonly WorkloadSpec[],
    streams: RandomStreams,
    /** Told of each server the API accepted: its spec's index and its number in the spec (from 1). */
    private readonly created: (server: Server, spec: number, n: number) => void = () => {},
  ) {
    this.#made = specs.map(() => 0);
    this.#streams = specs.map((s) => ({
      arrivals: streams.stream(`arrivals/${s.name}`),
      mix: streams.stream(`flavor-mix/${s.name}`),
      lifetimes: streams.stream(`lifetimes/${s.name}`),
      habits: streams.stream(`habits/${s.name}`),
    }));
    this.#arrival = sim.register('arrival', (spec) => this.#arrive(spec));
    this.#expire = sim.register('lifetime-end', (server) => this.#request(server, 'delete'));
    this.#habit = sim.register('habit', (server, habit) => this.#onHabit(server, habit as Habit));
  }

  /** Schedules each spec's first arrival. */
  start(): void {
    this.specs.forEach((_, i) => this.#scheduleNext(i));
  }

  #scheduleNext(i: number): void {
    const t = nextArrival(this.specs[i]!, this.sim.now, this.#made[i]!, this.#streams[i]!.arrivals);
    if (t !== Number.POSITIVE_INFINITY) this.sim.at(Math.max(t, this.sim.now), this.#arrival, i);
  }

  #arrive(i: number): void {
    const spec = this.specs[i]!;
    const rng = this.#streams[i]!;
    const n = ++this.#made[i]!;
    const server = this.nova.api.create({
      action: 'create',
      server: `${spec.name}-${n}`,
      project: spec.project,
      flavor: pickWeighted(spec.flavors, rng.mix),
      image: spec.image,
      asAdmin: false,
      boot_from_volume: spec.boot_from_volume ?? false,
      ...(spec.group !== undefined ? { group: spec.group } : {}),
      ...(spec.availability_zone !== undefined ? { availability_zone: spec.availability_zone } : {}),
      ...(spec.networks !== undefined ? { networks: spec.networks } : {}),
    });
    this.#scheduleNext(i);
    if ('status' in server) return; // refused: its row says why
    this.#owner.set(server.id, i);
    this.created(server, i, n);
    if (spec.lifetime !== undefined) this.sim.after(sample(spec.lifetime, rng.lifetimes), this.#expire, server.id);
    const habits = spec.behaviour;
    // Draws happen whether or not a habit is configured for the other, so adding one never shifts the other.
    const nightly = rng.habits.next();
    const weekend = rng.habits.next();
    if (habits?.stop_at_night && nightly < habits.stop_at_night.fraction)
      this.sim.at(nextTimeOfDay(this.sim.now, habits.stop_at_night.stop), this.#habit, server.id, Habit.Stop);
    if (habits?.shelve_at_weekends && weekend < habits.shelve_at_weekends.fraction)
      this.sim.at(nextWeekly(this.sim.now, FRIDAY, WEEKEND_SHELVE_AT), this.#habit, server.id, Habit.Shelve);
  }

  #onHabit(serverId: number, habit: Habit): void {
    const server = this.nova.cloud.inventory.servers[serverId]!;
    if (server.vmState === 'deleted' || server.deletedAt !== null) return;
    const spec = this.specs[this.#owner.get(serverId)!]!;
    const night = spec.behaviour?.stop_at_night;
    switch (habit) {
      case Habit.Stop:
        this.#request(serverId, 'stop');
        return this.#next(server, nextTimeOfDay(this.sim.now, night!.start), Habit.Start);
      case Habit.Start:
        this.#request(serverId, 'start');
        return this.#next(server, nextTimeOfDay(this.sim.now, night!.stop), Habit.Stop);
      case Habit.Shelve:
        this.#request(serverId, 'shelve');
        return this.#next(server, nextWeekly(this.sim.now, MONDAY, WEEKEND_UNSHELVE_AT), Habit.Unshelve);
      case Habit.Unshelve:
        this.#request(serverId, 'unshelve');
        return this.#next(server, nextWeekly(this.sim.now, FRIDAY, WEEKEND_SHELVE_AT), Habit.Shelve);
    }
  }

  #next(server: Server, at: number, habit: Habit): void {
    this.sim.at(at, this.#habit, server.id, habit);
  }

  #request(serverId: number, action: 'delete' | 'stop' | 'start' | 'shelve' | 'unshelve'): void {
    const server = this.nova.cloud.inventory.servers[serverId]!;
    if (server.vmState === 'deleted') return;
    this.nova.api.submit({ action, server: server.name, asAdmin: false });
  }
}

/** A key chosen with probability proportional to its weight (keys in file order). */
export function pickWeighted(weights: Readonly<Record<string, number>>, rng: Rng): string {
  const entries = Object.entries(weights);
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let u = rng.next() * total;
  for (const [key, w] of entries) {
    u -= w;
    if (u < 0) return key;
  }
  return entries[entries.length - 1]![0];
}
