import type { Nova } from '../cloud/nova.js';
import { inService } from '../model/capacity.js';
import type { Host } from '../model/host.js';
import type { Drains } from './drains.js';
import { EmptyingOrder } from './emptying-order.js';
import { InServiceList } from './in-service-list.js';
import type { HeadroomGuard } from './headroom-guard.js';
import type { DrainEnd, HostDrain } from './host-drain.js';
import { moveFor } from './move-choice.js';
import type { OptimisationRun, RunReport } from './optimisation.js';
import { vacatePlan } from './room.js';
import type { MovePlanner } from './types.js';

/**
 * Consolidation: pack the servers onto the fewest hosts and switch the
 * empty ones off (the seed's resource optimisation "to reduce energy
 * usage"). A run first switches off the hosts in service that are already
 * empty, then empties hosts one after another, the one with the fewest
 * servers first (the cheapest in migrations; then the least RAM used, then
 * host order), while the budget holds all of its servers. A host is taken
 * only if every server on it can move now (none in a task, none in a state
 * no move accepts) and would fit, by resources, on the other non-empty
 * hosts in service with the headroom guard's minimum left over; else the
 * run ends (the next hosts are fuller). Its servers go to the fullest host
 * the scheduler's filters accept (a packing planner names it; the real
 * scheduler filters it again, so server groups hold). A failed move ends
 * the run and gives the host back to service. The emptied host is switched
 * off (or, without power_off_empty, enabled again, empty).
 */
export class Consolidation implements OptimisationRun {
  readonly mode = 'consolidate';
  #budget = 0;
  #moves = 0;
  #switchedOff = 0;
  #done: (report: RunReport) => void = () => {};
  readonly #order: EmptyingOrder;
  readonly #stillInService: InServiceList;

  constructor(
    private readonly nova: Nova,
    private readonly drains: Drains,
    private readonly planner: MovePlanner,
    /** Switches hosts off and on again; null without power_off_empty. */
    private readonly guard: HeadroomGuard | null,
  ) {
    this.#order = new EmptyingOrder(nova.cloud.inventory);
    this.#stillInService = new InServiceList(nova.cloud.inventory);
  }

  firstHost(): Host | undefined {
    return this.#candidates()[0] ?? this.nova.cloud.inventory.hosts.find((h) => this.#isInService(h));
  }

  run(budget: number, done: (report: RunReport) => void): void {
    this.#budget = budget;
    this.#moves = 0;
    this.#switchedOff = 0;
    this.#done = done;
    if (this.guard !== null) for (const host of this.nova.cloud.inventory.hosts) if (this.#isInService(host) && host.servers.size === 0) this.#switchOff(host);
    this.#next();
  }

  /** Non-empty hosts in service, the cheapest to empty first. */
  #candidates(): Host[] {
    return this.#order.hosts().filter((h) => this.#isInService(h) && h.servers.size > 0);
  }

  #next(): void {
    const candidates = this.#candidates();
    for (const host of candidates) {
      if (host.servers.size > this.#budget - this.#moves) return this.#finish('budget spent');
      const servers = [...host.servers].map((id) => this.nova.cloud.inventory.servers[id]!);
      if (!servers.every((s) => this.nova.executor.running(s) === undefined && moveFor(s, true).kind === 'move')) continue;
      const others = candidates.filter((h) => h !== host);
      const plan = vacatePlan(servers.map((s) => s.flavor), others, this.guard?.probe ?? servers[0]!.flavor);
      if (!plan.fits) return this.#finish(`${host.name}'s servers would not fit elsewhere`);
      if (this.guard !== null && plan.headroom < this.guard.min) return this.#finish(`emptying ${host.name} would leave headroom ${plan.headroom} < ${this.guard.min}`);
      return this.#vacate(host, others);
    }
    this.#finish('no host left to empty');
  }

  #vacate(host: Host, others: readonly Host[]): void {
    this.guard?.vacating.add(host.id);
    const drain = this.drains.drain(host, {
      purpose: 'consolidation',
      moveStopped: true,
      giveUpOnFailure: true,
      target: (server) => this.planner(server, { only: this.#stillInService.of(others, this.nova.cloud.now) }),
      settled: (d, end) => this.#settled(d, end),
    });
    if (drain === null) {
      this.guard?.vacating.delete(host.id);
      this.#finish(`${host.name} could not be drained`);
    }
  }

  #settled(drain: HostDrain, end: DrainEnd): void {
    const host = drain.host;
    this.#moves += drain.requested;
    if (end === 'empty' && this.#switchOff(host)) return this.#next();
    if (end === 'stalled') drain.abandon('consolidation: a server cannot move');
    this.guard?.vacating.delete(host.id);
    if (drain.wasEnabled) this.nova.hosts.setEnabled(host, true);
    if (end === 'empty' && this.guard === null) return this.#next();
    this.#finish(end === 'empty' ? `switching ${host.name} off would leave too little headroom` : `gave up on ${host.name}`);
  }

  /** Switches an empty host off if the headroom allows it; false when it stays on. */
  #switchOff(host: Host): boolean {
    if (this.guard === null || !this.guard.switchOffIfRoom(host)) return false;
    this.#switchedOff++;
    return true;
  }

  #isInService(host: Host): boolean {
    return inService(host, this.nova.cloud.now);
  }

  #finish(why: string): void {
    this.#order.forget();
    this.#done({ moves: this.#moves, note: `${this.#switchedOff} hosts switched off; stopped: ${why}` });
  }
}
