import type { FactSink } from '../../cloud/facts.js';
import type { Nova } from '../../cloud/nova.js';
import type { Simulator } from '../../engine/simulator.js';
import { guard as admitGuard } from '../../lifecycle/admit.js';
import { inService } from '../../model/capacity.js';
import type { Host } from '../../model/host.js';
import type { HostId, ServerId } from '../../model/ids.js';
import type { Server } from '../../model/server.js';
import type { HeadroomGuard } from '../headroom-guard.js';
import type { ServerMover } from '../server-mover.js';
import type { NovaCpu } from './nova-cpu.js';
import { planRoundFully, type ConsolidationPolicy, type RoundPlan } from './plan-round.js';
import type { HostLoad, Move } from './types.js';

/** How the rounds run in Nova's cloud. */
export interface NovaConsolidationSettings {
  /** Seconds between rounds. */
  readonly interval: number;
  /** Seconds after each interval's start a round runs at. */
  readonly offset: number;
  /** No round at or after this time. */
  readonly end: number;
  /** The detector and selector; null for DVFS, which shares CPU and switches empty hosts off but moves nothing. */
  readonly policy: Omit<ConsolidationPolicy, 'allowed'> | null;
  /** Each host's watts at a utilisation in [0, 1], by host id (PABFD compares rises in power). */
  readonly watts: readonly ((utilisation: number) => number)[];
  /**
   * The hosts Nova's scheduler would let the server move to now (Placement's
   * claims and the enabled filters, its own host excluded), among `only`
   * when given.
   */
  readonly destinations: (server: Server, only?: Host) => ReadonlySet<HostId>;
  /** Switch hosts left empty off (through the headroom guard). */
  readonly powerOffEmpty: boolean;
}

/**
 * Beloglazov and Buyya's dynamic consolidation in Nova's cloud
 * (operator.dynamic_consolidation, model nova). Every interval, after
 * NovaCpu's regular update:
 * 1. the policy plans a round (plan-round.ts: overloaded hosts give up
 *    servers by the selection policy, PABFD places them; underloaded hosts
 *    are emptied all or nothing) on the hosts in service, switched on and
 *    alive, PABFD taking only hosts Nova's scheduler would accept for the
 *    server (its filters and Placement's claims: anti-affinity holds);
 * 2. each planned move is asked of Nova as an admin's live migration to the
 *    host chosen, unless the server moved already this round, cannot move
 *    now (a task runs, its state refuses live_migrate, another operator
 *    moves it) or the scheduler refuses the host by now (a move before it
 *    claimed room there): those are skipped. The cloud's live-migration
 *    operation does the rest: the pre-copy model, the computes'
 *    max_concurrent_live_migrations, rollback on failure;
 * 3. if servers selected off an overloaded host found no host, the guard
 *    switches one host back on (it takes part from the next round);
 *    otherwise the hosts in service left empty are switched off, as the
 *    nightly consolidation switches them off (the headroom guard keeps
 *    min_headroom, and switches hosts back on when it drops or a create
 *    finds no valid host), but those this round's moves go to.
 * Each round tells a consolidation_round fact; each move it asked for ends
 * in a consolidation_move fact, or is still in flight when the run ends.
 */
export class NovaConsolidation {
  readonly #kind: number;

  constructor(
    private readonly sim: Simulator,
    private readonly nova: Nova,
    private readonly facts: FactSink,
    private readonly cpu: NovaCpu,
    private readonly mover: ServerMover,
    private readonly guard: HeadroomGuard | null,
    private readonly settings: NovaConsolidationSettings,
  ) {
    this.#kind = sim.register('dynamic-consolidation', (k) => this.#round(k));
  }

  /** Schedules the first round (and, before it, the first share of every host at once). */
  start(): void {
    this.cpu.shareAll(false);
    const { interval, offset, end } = this.settings;
    // Rounds stay on the grid k x interval + offset, k >= 1 (the first after one interval of history, as in CloudSim).
    const k = Math.max(1, Math.floor((this.sim.now - offset) / interval) + 1);
    if (k * interval + offset < end) this.sim.at(k * interval + offset, this.#kind, k);
  }

  #round(k: number): void {
    const { interval, offset, end, policy } = this.settings;
    const next = (k + 1) * interval + offset;
    if (next < end) this.sim.at(next, this.#kind, k + 1);
    this.cpu.shareAll(true);
    const plan = policy === null ? null : this.#plan(policy);
    let requested = 0;
    const moved = new Set<number>();
    const targets = new Set<HostId>();
    for (const move of plan?.moves ?? []) {
      if (moved.has(move.server)) continue;
      moved.add(move.server);
      if (!this.#request(move)) continue;
      requested++;
      targets.add(move.to as HostId);
    }
    const stranded = plan?.stranded.length ?? 0;
    // Servers of an overloaded host found no host in service: capacity is needed, so none is switched off and one comes back.
    if (stranded > 0) this.guard?.wake(`CPU: ${stranded} servers of overloaded hosts found no host in service`);
    else if (this.settings.powerOffEmpty && this.guard !== null) this.#switchOffEmpty(this.guard, targets);
    const planned = plan?.moves.length ?? 0;
    this.facts.emit({ type: 'consolidation_round', time: this.sim.now, overloaded: plan?.overloaded.length ?? 0, planned, requested, skipped: planned - requested, stranded });
  }

  /** The policy's round on the hosts in use, PABFD taking only hosts Nova's scheduler accepts (asked once per server). */
  #plan(policy: Omit<ConsolidationPolicy, 'allowed'>): RoundPlan {
    const inUse = this.nova.cloud.inventory.hosts.filter((h) => this.#usable(h));
    const destinations = new Map<ServerId, ReadonlySet<HostId>>();
    const allowedFor = (id: ServerId): ReadonlySet<HostId> => {
      let set = destinations.get(id);
      if (set === undefined) destinations.set(id, (set = this.settings.destinations(this.nova.cloud.inventory.servers[id]!)));
      return set;
    };
    return planRoundFully(
      inUse.map((h) => this.#load(h)),
      { ...policy, allowed: (server, host) => allowedFor(server.id as ServerId).has(host as HostId) },
    );
  }

  /** Asks Nova for one planned move; false when it is skipped. */
  #request(move: Move): boolean {
    const { inventory } = this.nova.cloud;
    const server = inventory.servers[move.server as ServerId]!;
    if (server.host !== move.from || !this.#movable(server)) return false;
    const to = inventory.host(move.to as HostId);
    if (!this.settings.destinations(server, to).has(to.id)) return false;
    this.mover.move(server, 'live', to, (result) => {
      this.facts.emit({ type: 'consolidation_move', time: this.sim.now, server: server.id, result });
    });
    return true;
  }

  /** Switches off the hosts in service holding no server, but those this round's moves go to. */
  #switchOffEmpty(guard: HeadroomGuard, targets: ReadonlySet<HostId>): void {
    for (const host of this.nova.cloud.inventory.hosts)
      if (this.#usable(host) && host.servers.size === 0 && !targets.has(host.id) && !guard.vacating.has(host.id)) guard.switchOffIfRoom(host);
  }

  /** A host the round plans on: switched on, alive and in service. */
  #usable(host: Host): boolean {
    return host.poweredOn && host.alive && inService(host, this.sim.now);
  }

  /** May the round choose to move this server now? Running, no task, no move, nobody else moving it, and live_migrate admitted. */
  #movable(server: Server): boolean {
    return server.migration === null && this.nova.executor.running(server) === undefined && !this.mover.moving(server) && admitGuard(server, 'live_migrate', true) === null;
  }

  #load(host: Host): HostLoad {
    const capacity = host.capacity;
    return {
      id: host.id,
      cpu: this.cpu.capacityOf(host),
      ramMb: capacity.ramMb,
      utilisation: this.cpu.utilisation(host),
      watts: this.settings.watts[host.id]!,
      servers: this.cpu.residents(host, (s) => this.#movable(s)),
    };
  }
}
