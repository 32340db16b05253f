import { inService } from '../../model/capacity.js';
import type { ServerId } from '../../model/ids.js';
import type { Inventory } from '../../model/inventory.js';
import type { HostFact, ServerFact, Telemetry } from '../../model/telemetry.js';
import { rounded } from '../format.js';
import { Tally } from '../instruments/tally.js';
import { spreadOf } from './spread.js';
import {
  noMoves, type DrainRow, type MaintenanceSummary, type MoveCounts, type OperationsSummary, type OptimisationRunRow, type OptimisationSummary,
  type RollingUpdateSummary, type MoveTally,
} from './operation-summary.js';

/** The moves an operator requests, by the API action that starts them. */
const MOVES: Readonly<Record<string, keyof MoveTally>> = { live_migrate: 'live', migrate: 'cold', shelve_offload: 'offloaded' };

interface Drain extends MoveTally {
  readonly host: string;
  readonly purpose: string;
  readonly start: number;
  end: number | null;
  outcome: DrainRow['outcome'];
  /** When it first stalled: every server that could move had moved or run out of attempts. */
  stalled: number | null;
  blocked: number;
  /** Servers still on the host when the drain ended (they stay: they do not run). */
  left: number;
  /** The optimisation run a consolidation drain belongs to. */
  readonly run: Run | null;
}

interface Run extends MoveTally {
  readonly start: number;
  end: number | null;
  poweredOff: number;
  readonly before: { readonly load: number; readonly inUse: number };
  after: { readonly load: number; readonly inUse: number } | null;
}

interface Rolling {
  readonly start: number;
  end: number | null;
  readonly updated: Set<string>;
  readonly drains: Drain[];
  /** Servers migrated at least once by the rolling update's drains. */
  readonly moved: Set<ServerId>;
}

/**
 * What the operator workflows did, read from the facts they emit (host
 * facts named drain_start, drained, update_start, rolling_update_start,
 * optimise_start, rebalance, wake_host ...; the workflow leads each drain
 * fact's reason) and from the admin moves that follow. A move counts for a
 * drain when it is requested for a server on a host being drained, for an
 * optimisation run when a `rebalance` fact announced it. O(1) per fact,
 * except a run's start and end, which look at every host once.
 */
export class OperationStats implements Telemetry {
  readonly #drains: Drain[] = [];
  readonly #openDrains = new Map<string, Drain>();
  /** The tallies a move in flight counts in: its drain, and the optimisation run that drain belongs to. */
  readonly #moveOf = new Map<ServerId, readonly MoveTally[]>();
  readonly #announced = new Map<ServerId, MoveTally>();
  /** Migrations in flight that a rolling update's drain requested. */
  readonly #rollingMove = new Set<ServerId>();
  readonly #runs: Run[] = [];
  #run: Run | null = null;
  #rolling: Rolling | null = null;
  #skipped = 0;
  #woken = 0;
  #poweredOff = 0;
  #poweredOn = 0;

  constructor(private readonly inventory: Inventory) {}

  server(fact: ServerFact): void {
    const kind = MOVES[fact.action];
    const server = fact.server;
    if (kind === undefined || server === null) return;
    if ((fact.outcome === 'accepted' || fact.outcome === 'rejected') && fact.asAdmin) {
      const host = server.host === null ? undefined : this.inventory.host(server.host).name;
      const drain = host === undefined ? undefined : this.#openDrains.get(host);
      const announced = this.#announced.get(server.id);
      this.#announced.delete(server.id);
      const owners: MoveTally[] = announced !== undefined ? [announced] : drain === undefined ? [] : drain.run === null ? [drain] : [drain, drain.run];
      if (fact.outcome === 'rejected') for (const o of owners) o.failed++;
      else if (owners.length > 0) this.#moveOf.set(server.id, owners);
      if (drain?.purpose === 'rolling update' && kind !== 'offloaded') this.#rollingMove.add(server.id);
      return;
    }
    if (fact.outcome !== 'completed' && fact.outcome !== 'failed') return;
    const owners = this.#moveOf.get(server.id);
    if (owners === undefined) return;
    this.#moveOf.delete(server.id);
    for (const o of owners) o[fact.outcome === 'completed' ? kind : 'failed']++;
    if (this.#rollingMove.delete(server.id) && fact.outcome === 'completed') this.#rolling?.moved.add(server.id);
  }

  host(fact: HostFact): void {
    const purpose = fact.reason.split(':', 1)[0]!;
    switch (fact.action) {
      case 'drain_start':
        if (fact.outcome === 'accepted') this.#openDrain(fact, purpose);
        return;
      case 'drain_blocked':
        if (this.#openDrains.has(fact.host.name)) this.#openDrains.get(fact.host.name)!.blocked++;
        return;
      case 'drain_stalled':
        if (this.#openDrains.has(fact.host.name)) {
          const drain = this.#openDrains.get(fact.host.name)!;
          drain.outcome = 'stalled';
          drain.stalled ??= fact.time;
        }
        return;
      case 'drained':
      case 'drain_aborted':
        return this.#closeDrain(fact);
      case 'updated':
        if (purpose === 'rolling update') this.#rolling?.updated.add(fact.host.name);
        return;
      case 'rolling_update_start':
        this.#rolling = { start: fact.time, end: null, updated: new Set(), drains: [], moved: new Set() };
        return;
      case 'rolling_update_done':
        if (this.#rolling !== null) this.#rolling.end = fact.time;
        return;
      case 'optimise_start':
        this.#run = { ...noMoves(), start: fact.time, end: null, poweredOff: 0, before: this.#loads(fact.time), after: null };
        this.#runs.push(this.#run);
        return;
      case 'optimise_end':
        if (this.#run !== null) Object.assign(this.#run, { end: fact.time, after: this.#loads(fact.time) });
        this.#run = null;
        return;
      case 'optimise_skipped':
        this.#skipped++;
        return;
      case 'rebalance':
        if (fact.server !== undefined && this.#run !== null) this.#announced.set(fact.server.id, this.#run);
        return;
      case 'wake_host':
        this.#woken++;
        return;
      case 'power_off_host':
      case 'power_on_host':
        if (fact.outcome === 'completed') this.#power(fact);
        return;
    }
  }

  placement(): void {}
  buildFailure(): void {}
  migration(): void {}

  #openDrain(fact: HostFact, purpose: string): void {
    const drain: Drain = { ...noMoves(), host: fact.host.name, purpose, start: fact.time, end: null, outcome: 'open', stalled: null, blocked: 0, left: 0,
      run: purpose === 'consolidation' ? this.#run : null,
    };
    this.#drains.push(drain);
    this.#openDrains.set(drain.host, drain);
    if (purpose === 'rolling update') this.#rolling?.drains.push(drain);
  }

  #closeDrain(fact: HostFact): void {
    const drain = this.#openDrains.get(fact.host.name);
    if (drain === undefined) return;
    this.#openDrains.delete(drain.host);
    drain.end = fact.time;
    drain.outcome = fact.action === 'drained' ? 'drained' : 'aborted';
    drain.left = fact.host.servers.size;
  }

  #power(fact: HostFact): void {
    const off = fact.action === 'power_off_host';
    if (off) this.#poweredOff++;
    else this.#poweredOn++;
    if (off && this.#run !== null) this.#run.poweredOff++;
  }

  /** The highest RAM load among the hosts in service, and how many hosts hold servers. O(hosts). */
  #loads(time: number): { load: number; inUse: number } {
    let load = 0;
    let inUse = 0;
    for (const h of this.inventory.hosts) {
      if (h.servers.size > 0) inUse++;
      if (inService(h, time) && h.capacity.ramMb > 0) load = Math.max(load, h.used.ramMb / h.capacity.ramMb);
    }
    return { load, inUse };
  }

  summary(): OperationsSummary {
    const byPurpose = (p: string): Drain[] => this.#drains.filter((d) => d.purpose === p);
    const runTotals = this.#runs.reduce((t, r) => addMoves(t, r), noMoves());
    const optimisation: OptimisationSummary | null = this.#runs.length === 0 && this.#skipped === 0 ? null : {
      runs: this.#runs.length,
      skipped: this.#skipped,
      ...movesOf(runTotals),
      hosts_powered_off: this.#runs.reduce((n, r) => n + r.poweredOff, 0),
      hosts_powered_on: this.#woken,
      runs_detail: this.#runs.map((r) => runRow(r)),
    };
    return {
      maintenance: drainSummary(byPurpose('maintenance')),
      rolling_update: this.#rolling === null ? null : rollingSummary(this.#rolling, this.inventory.hosts.length),
      optimisation,
      power: {
        powered_off: this.#poweredOff,
        powered_on: this.#poweredOn,
        hosts_off_at_end: this.inventory.hosts.filter((h) => !h.poweredOn).length,
      },
    };
  }
}

function addMoves(total: MoveTally, t: MoveTally): MoveTally {
  return { live: total.live + t.live, cold: total.cold + t.cold, offloaded: total.offloaded + t.offloaded, failed: total.failed + t.failed };
}

/** A tally as summary.json shows it: migrations (live + cold) first. */
const movesOf = (t: MoveTally): MoveCounts => ({ migrations: t.live + t.cold, live: t.live, cold: t.cold, offloaded: t.offloaded, failed_moves: t.failed });

function drainSummary(drains: readonly Drain[]): MaintenanceSummary {
  const done = drains.filter((d) => d.outcome === 'drained');
  return {
    drains: drains.length,
    emptied: done.filter((d) => d.left === 0).length,
    duration_s: spreadOf(Tally.of(done.map((d) => d.end! - d.start))),
    ...movesOf(drains.reduce((t, d) => addMoves(t, d), noMoves())),
    blocked: drains.reduce((n, d) => n + d.blocked, 0),
    hosts: drains.map(drainRow),
  };
}

function drainRow(d: Drain): DrainRow {
  return {
    host: d.host, start_s: rounded(d.start, 3), duration_s: d.end === null ? null : rounded(d.end - d.start, 3), outcome: d.outcome,
    stalled_after_s: d.stalled === null ? null : rounded(d.stalled - d.start, 3),
    migrations: d.live + d.cold, failed_moves: d.failed, blocked: d.blocked, left_on_host: d.left,
  };
}

function rollingSummary(r: Rolling, hosts: number): RollingUpdateSummary {
  const totals = r.drains.reduce((t, d) => addMoves(t, d), noMoves());
  const drained = r.drains.filter((d) => d.end !== null);
  return {
    hosts, updated: r.updated.size, start_s: rounded(r.start, 3), duration_s: r.end === null ? null : rounded(r.end - r.start, 3),
    ...movesOf(totals),
    servers_moved: r.moved.size,
    left_on_hosts: drained.reduce((n, d) => n + d.left, 0),
    drain_s: spreadOf(Tally.of(drained.map((d) => d.end! - d.start))),
  };
}

function runRow(r: Run): OptimisationRunRow {
  return {
    start_s: rounded(r.start, 3), duration_s: r.end === null ? null : rounded(r.end - r.start, 3), migrations: r.live + r.cold, failed_moves: r.failed,
    hosts_powered_off: r.poweredOff, max_ram_load_before: rounded(r.before.load, 4), max_ram_load_after: r.after === null ? null : rounded(r.after.load, 4),
    hosts_in_use_before: r.before.inUse, hosts_in_use_after: r.after?.inUse ?? null,
  };
}
