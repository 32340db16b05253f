import { inService } from '../../model/capacity.js';
import type { HostFact, OperatorFact, ServerAction, ServerFact } from '../../cloud/facts.js';
import type { HostId, ServerId } from '../../model/ids.js';
import type { Inventory } from '../../model/inventory.js';
import { addMoves, drainSummary, movesOf, rollingSummary, runRow, type Drain, type Rolling, type Run } from './operation-records.js';
import { noMoves, type MoveTally, type OperationsSummary, type OptimisationSummary } from './operation-summary.js';
import type { RunFacts } from '../run-facts.js';

/** The moves an operator requests, by the API action that starts them. */
const MOVES: Readonly<Partial<Record<ServerAction, keyof MoveTally>>> = { live_migrate: 'live', migrate: 'cold', shelve_offload: 'offloaded' };

/**
 * What the operator workflows did, read from the steps they take
 * (drain_start, drained, update_start, rolling_update_start,
 * optimise_start, rebalance, wake_host ..., each naming its workflow) and
 * from the admin moves that follow. A move counts for a
 * drain when it is requested for a server on a host being drained, for an
 * optimisation run when a `rebalance` fact announced it. O(1) per fact,
 * except a run's start and end, which look at every host once.
 */
export class OperationStats {
  readonly #drains: Drain[] = [];
  readonly #openDrains = new Map<HostId, Drain>();
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

  constructor(
    facts: RunFacts,
    /** Read for host names and, when an optimisation run starts or ends, every host's load. */
    private readonly inventory: Inventory,
  ) {
    facts.on('server', (fact) => this.#server(fact));
    facts.on('operator', (fact) => this.#step(fact));
    facts.on('host', (fact) => this.#host(fact));
  }

  #server(fact: ServerFact): void {
    const kind = MOVES[fact.action];
    const server = fact.server;
    if (kind === undefined) return;
    if ((fact.outcome === 'accepted' || fact.outcome === 'rejected') && fact.asAdmin) {
      const drain = fact.host === null ? undefined : this.#openDrains.get(fact.host);
      const announced = this.#announced.get(server);
      this.#announced.delete(server);
      const owners: MoveTally[] = announced !== undefined ? [announced] : drain === undefined ? [] : drain.run === null ? [drain] : [drain, drain.run];
      if (fact.outcome === 'rejected') for (const o of owners) o.failed++;
      else if (owners.length > 0) this.#moveOf.set(server, owners);
      if (drain?.purpose === 'rolling update' && kind !== 'offloaded') this.#rollingMove.add(server);
      return;
    }
    if (fact.outcome !== 'completed' && fact.outcome !== 'failed') return;
    const owners = this.#moveOf.get(server);
    if (owners === undefined) return;
    this.#moveOf.delete(server);
    for (const o of owners) o[fact.outcome === 'completed' ? kind : 'failed']++;
    if (this.#rollingMove.delete(server) && fact.outcome === 'completed') this.#rolling?.moved.add(server);
  }

  #step(fact: OperatorFact): void {
    switch (fact.action) {
      case 'drain_start':
        if (fact.outcome === 'accepted' && fact.workflow !== 'optimisation') this.#openDrain(fact, fact.workflow);
        return;
      case 'drain_blocked':
        if (this.#openDrains.has(fact.host)) this.#openDrains.get(fact.host)!.blocked++;
        return;
      case 'drain_stalled':
        if (this.#openDrains.has(fact.host)) {
          const drain = this.#openDrains.get(fact.host)!;
          drain.outcome = 'stalled';
          drain.stalled ??= fact.time;
        }
        return;
      case 'drained':
      case 'drain_aborted':
        return this.#closeDrain(fact);
      case 'updated':
        if (fact.workflow === 'rolling update') this.#rolling?.updated.add(fact.host);
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
        if (fact.server !== null && this.#run !== null) this.#announced.set(fact.server, this.#run);
        return;
      case 'wake_host':
        this.#woken++;
        return;
    }
  }

  /** Every completed power_off_host and power_on_host, whoever asked. */
  #host(fact: HostFact): void {
    if ((fact.action !== 'power_off_host' && fact.action !== 'power_on_host') || fact.outcome !== 'completed') return;
    const off = fact.action === 'power_off_host';
    if (off) this.#poweredOff++;
    else this.#poweredOn++;
    if (off && this.#run !== null) this.#run.poweredOff++;
  }

  #openDrain(fact: OperatorFact, purpose: Drain['purpose']): void {
    const host = this.inventory.host(fact.host).name;
    const drain: Drain = { ...noMoves(), host, purpose, start: fact.time, end: null, outcome: 'open', stalled: null, blocked: 0, left: 0,
      run: purpose === 'consolidation' ? this.#run : null,
    };
    this.#drains.push(drain);
    this.#openDrains.set(fact.host, drain);
    if (purpose === 'rolling update') this.#rolling?.drains.push(drain);
  }

  #closeDrain(fact: OperatorFact): void {
    const drain = this.#openDrains.get(fact.host);
    if (drain === undefined) return;
    this.#openDrains.delete(fact.host);
    drain.end = fact.time;
    drain.outcome = fact.action === 'drained' ? 'drained' : 'aborted';
    drain.left = this.inventory.host(fact.host).servers.size;
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
    const byPurpose = (p: Drain['purpose']): Drain[] => this.#drains.filter((d) => d.purpose === p);
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
