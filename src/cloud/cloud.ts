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
import type { HttpStatus, Outcome, Telemetry } from '../model/telemetry.js';
import type { Scheduler } from '../scheduling/types.js';
import type { NovaConfig } from './config.js';
import type { Durations } from './durations.js';
import { MoveLedger } from './move-ledger.js';

/** A change of Nova's state triple; absent fields stay as they are. */
export interface StateChange {
  readonly vmState?: VmState;
  readonly taskState?: TaskState;
  readonly powerState?: PowerState;
}

/** What a placement is for, what to leave out, and where an admin asked it to go. */
export interface PlaceOptions {
  /** create, unshelve, evacuate, resize, migrate or live_migrate. */
  readonly purpose: string;
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

/** How one row of the event log is labelled. */
export interface FactLabel {
  readonly action: string;
  readonly outcome: Outcome;
  readonly reason?: string;
  /** The HTTP status of a rejected request. */
  readonly httpStatus?: HttpStatus;
  readonly elapsed?: number;
  readonly asAdmin?: boolean;
}

/**
 * The shared state of the Nova behaviour (API, conductor and compute
 * managers): the simulator, the inventory, config, the scheduler and the
 * telemetry. Operations live in their own files and act through the
 * primitives here, so every state change is logged the same way.
 */
export class Cloud {
  /** Bumped whenever a server starts a new piece of work; timers carrying an older epoch are stale. */
  readonly #epochs: number[] = [];
  readonly #actionEnds: ((server: Server, action: string, outcome: 'completed' | 'failed') => void)[] = [];
  /** The moves in flight (migrations.csv). */
  readonly moves: MoveLedger = new MoveLedger(this);

  constructor(
    readonly sim: Simulator,
    readonly inventory: Inventory,
    readonly config: NovaConfig,
    readonly scheduler: Scheduler,
    readonly durations: Durations,
    readonly schedulerRng: Rng,
    /** Whether a build fails on its host: its own stream, so policies do not shift it. */
    readonly buildRng: Rng,
    readonly telemetry: Telemetry,
  ) {}

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
    const previousStatus = this.statusOf(server);
    if (change.vmState !== undefined) server.vmState = change.vmState;
    if (change.taskState !== undefined) server.taskState = change.taskState;
    if (change.powerState !== undefined) server.powerState = change.powerState;
    server.updatedAt = this.now;
    this.#emit(server, previousStatus, label);
    const outcome = label.outcome;
    if (outcome === 'completed' || outcome === 'failed') for (const listener of this.#actionEnds) listener(server, label.action, outcome);
  }

  /** Tells `listener` whenever a server's action ends (operators waiting on their requests use it). */
  onActionEnd(listener: (server: Server, action: string, outcome: 'completed' | 'failed') => void): void {
    this.#actionEnds.push(listener);
  }

  /** A row that changes nothing (a rejected request). */
  record(server: Server, label: FactLabel): void {
    this.#emit(server, this.statusOf(server), label);
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
    this.telemetry.placement({ time: this.now, server, host, reason, purpose: options.purpose, decision });
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
  setServiceEnabled(host: Host, enabled: boolean, action: string, reason: string): void {
    host.enabled = enabled;
    this.inventory.hostChanged(host);
    this.telemetry.host({ time: this.now, host, action, outcome: 'accepted', reason });
  }

  /** A rejected request that names no existing server (Nova's 404). */
  recordUnknown(serverName: string, label: FactLabel): void {
    this.telemetry.server({
      time: this.now,
      server: null,
      serverName,
      action: label.action,
      outcome: label.outcome,
      status: '',
      previousStatus: '',
      reason: label.reason ?? '',
      httpStatus: label.httpStatus ?? null,
      elapsed: 0,
      asAdmin: label.asAdmin ?? false,
    });
  }

  #emit(server: Server, previousStatus: string, label: FactLabel): void {
    this.telemetry.server({
      time: this.now,
      server,
      serverName: server.name,
      action: label.action,
      outcome: label.outcome,
      status: this.statusOf(server),
      previousStatus,
      reason: label.reason ?? '',
      httpStatus: label.httpStatus ?? null,
      elapsed: label.elapsed ?? 0,
      asAdmin: label.asAdmin ?? false,
    });
  }
}

/** Nova's NoValidHost message, with the filter counts its scheduler logs. */
export function noValidHost(decision: PlacementDecision): string {
  return decision.filters.length === 0 ? NO_VALID_HOST : `${NO_VALID_HOST} ${filterTrail(decision.filters)}`;
}
