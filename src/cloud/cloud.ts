import type { Rng } from '../engine/random.js';
import type { Simulator } from '../engine/simulator.js';
import { statusOf, type Status } from '../lifecycle/status.js';
import type { Flavor } from '../model/catalog.js';
import type { Host } from '../model/host.js';
import type { HostId } from '../model/ids.js';
import type { Inventory } from '../model/inventory.js';
import type { Server } from '../model/server.js';
import type { PowerState, TaskState, VmState } from '../model/states.js';
import { filterTrail, NO_VALID_HOST, type PlacementDecision } from '../model/placement-decision.js';
import type { Scheduler } from '../scheduling/types.js';
import type { NovaConfig } from './config.js';
import type { Durations } from './durations.js';
import type { HostAction, PlacementPurpose } from './fact-names.js';
import type { FactSink, Outcome, ServerAction, ServerState } from './facts.js';
import { serverFact, stateOf, type FactLabel, type Refused, type ServerBooks } from './server-rows.js';
import { tellInventoryChanges } from './inventory-facts.js';
import { MoveLedger } from './move-ledger.js';

/** A change of Nova's state triple; absent fields stay as they are. */
export interface StateChange {
  readonly vmState?: VmState;
  readonly taskState?: TaskState;
  readonly powerState?: PowerState;
}

/** What a placement is for, what to leave out, and where an admin asked it to go. */
export interface PlaceOptions {
  readonly purpose: PlacementPurpose;
  readonly ignore?: readonly HostId[];
  readonly target?: Host | undefined;
  /** The target was forced (create with zone:host): the filters do not run. */
  readonly forced?: boolean;
  /** Alternates to keep for reschedules (max_attempts - 1 for a build). */
  readonly alternates?: number;
}

/** A scheduler's answer: the host to claim and the alternates behind it. */
export interface Placed {
  readonly host: Host;
  readonly alternates: readonly HostId[];
}

/**
 * Told when a server's action ends: the operators waiting on their
 * requests. A hook of the domain, not of the outputs: processes that act
 * are called by the cloud, so what listens to the facts never changes a run.
 */
export type ActionEnd = (server: Server, action: ServerAction, outcome: 'completed' | 'failed') => void;

/** What a Cloud is made of. */
export interface CloudParts {
  readonly sim: Simulator;
  readonly inventory: Inventory;
  readonly config: NovaConfig;
  readonly scheduler: Scheduler;
  readonly durations: Durations;
  readonly schedulerRng: Rng;
  /** Whether a build fails on its host: its own stream, so policies do not shift it. */
  readonly buildRng: Rng;
  readonly facts: FactSink;
  readonly books: ServerBooks;
}

/**
 * The shared state of the Nova behaviour (API, conductor and compute
 * managers): the simulator, the inventory, config, the scheduler and where
 * facts go. Operations live in their own files and act through the
 * primitives here, so every state change is logged the same way.
 */
export class Cloud {
  readonly sim: Simulator;
  readonly inventory: Inventory;
  readonly config: NovaConfig;
  readonly scheduler: Scheduler;
  readonly durations: Durations;
  readonly schedulerRng: Rng;
  readonly buildRng: Rng;
  readonly facts: FactSink;
  readonly #books: ServerBooks;
  /** Bumped whenever a server starts a new piece of work; timers carrying an older epoch are stale. */
  readonly #epochs: number[] = [];
  readonly #actionEnds: ActionEnd[] = [];
  /** The moves in flight (migrations.csv). */
  readonly moves: MoveLedger = new MoveLedger(this);

  constructor(parts: CloudParts) {
    this.sim = parts.sim;
    this.inventory = parts.inventory;
    this.config = parts.config;
    this.scheduler = parts.scheduler;
    this.durations = parts.durations;
    this.schedulerRng = parts.schedulerRng;
    this.buildRng = parts.buildRng;
    this.facts = parts.facts;
    this.#books = parts.books;
    tellInventoryChanges(parts.inventory, parts.sim, parts.facts);
  }

  get now(): number {
    return this.sim.now;
  }

  epochOf(server: Server): number {
    return this.#epochs[server.id] ?? 0;
  }

  /** Starts a new piece of work on the server, making its pending timers stale. */
  nextEpoch(server: Server): number {
    const epoch = this.epochOf(server) + 1;
    this.#epochs[server.id] = epoch;
    return epoch;
  }

  statusOf(server: Server): Status {
    return statusOf(server.vmState, server.taskState);
  }

  /** The one place a server's state changes; every change is one event-log row. */
  transition(server: Server, change: StateChange, label: FactLabel): void {
    const before = stateOf(server);
    if (change.vmState !== undefined) server.vmState = change.vmState;
    if (change.taskState !== undefined) server.taskState = change.taskState;
    if (change.powerState !== undefined) server.powerState = change.powerState;
    server.updatedAt = this.now;
    this.#row(server, before, label);
    const outcome = label.outcome;
    if (outcome === 'completed' || outcome === 'failed') for (const listener of this.#actionEnds) listener(server, label.action, outcome);
  }

  /** Tells `listener` whenever a server's action ends (operators waiting on their requests use it). */
  onActionEnd(listener: ActionEnd): void {
    this.#actionEnds.push(listener);
  }

  /** A row that changes nothing (a rejected request). */
  record(server: Server, label: FactLabel): void {
    this.#row(server, stateOf(server), label);
  }

  /**
   * Asks the scheduler for a host with room for `flavor`. A target host an
   * admin named is still filtered, as Nova's scheduler does for a requested
   * destination. Returns the host (and alternates when asked for) or the
   * NoValidHost reason with the filter counts.
   */
  place(server: Server, flavor: Flavor, options: PlaceOptions): Placed | string {
    const decision = this.scheduler.select(
      {
        server: server.id,
        flavor,
        project: server.project,
        group: this.inventory.groupOf(server),
        availabilityZone: server.availabilityZone,
        ignoreHosts: options.ignore ?? [],
        onlyHosts: options.target ? [options.target.id] : null,
        forced: options.forced === true && options.target !== undefined,
        alternates: options.alternates ?? 0,
      },
      this.now,
      this.schedulerRng,
    );
    const host = decision.chosen === null ? null : this.inventory.host(decision.chosen);
    const reason = host === null ? noValidHost(decision) : '';
    this.facts.emit({ type: 'placement', time: this.now, server: server.id, host: decision.chosen, reason, purpose: options.purpose, decision });
    return host === null ? reason : { host, alternates: decision.alternates };
  }

  /** Puts the server's current flavor on `host` (claim and membership). */
  occupy(server: Server, host: Host): void {
    this.inventory.claim(host.id, server.flavor);
    this.inventory.attach(server, host.id);
    server.host = host.id;
  }

  /** Takes the server's claim of `flavor` off its host, if it has one. */
  vacate(server: Server, flavor: Flavor = server.flavor): void {
    if (server.host === null) return;
    const host = this.inventory.host(server.host);
    this.inventory.release(host.id, flavor);
    this.inventory.detach(server, host.id);
    server.host = null;
  }

  /** Enables or disables a host's compute service (nova service-disable, or Nova's own auto-disable). */
  setServiceEnabled(host: Host, enabled: boolean, action: HostAction, reason: string): void {
    host.enabled = enabled;
    this.inventory.hostChanged(host);
    this.hostFact(host, action, 'accepted', reason);
  }

  /** A row about a host (and one server on it, for facts about one server). */
  hostFact(host: Host, action: HostAction, outcome: Outcome, reason: string, server: Server | null = null): void {
    this.facts.emit({ type: 'host', time: this.now, host: host.id, action, outcome, reason, server: server?.id ?? null });
  }

  /** A request refused before any server record answered for it (a refused create, or Nova's 404). */
  refuse(serverName: string, refused: Refused): void {
    this.facts.emit({ type: 'refused_request', time: this.now, name: serverName, ...refused });
  }

  #row(server: Server, before: ServerState, label: FactLabel): void {
    this.#books.recorded(server, label.outcome, this.now);
    this.facts.emit(serverFact(server, this.now, before, label));
  }
}

/** Nova's NoValidHost message, with the filter counts its scheduler logs. */
export function noValidHost(decision: PlacementDecision): string {
  return decision.filters.length === 0 ? NO_VALID_HOST : `${NO_VALID_HOST} ${filterTrail(decision.filters)}`;
}
