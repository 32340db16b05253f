import type { OverloadDetector } from './overload/detector.js';
import { powerAwareBestFit } from './pabfd.js';
import { PlanningHost } from './planning-host.js';
import type { ServerSelector } from './selection/selector.js';
import { totalRequested, type DestinationRule, type HostLoad, type Move, type ServerLoad } from './types.js';

export interface ConsolidationPolicy {
  readonly detector: OverloadDetector;
  readonly selector: ServerSelector;
  /** Hosts a server may go to besides fitting (novasim's own model: Nova's filters); none in CloudSim's. */
  readonly allowed?: DestinationRule;
}

/**
 * One round of dynamic consolidation (CloudSim's optimizeAllocation) on a
 * working copy of the cloud; returns the moves to start, in order:
 * 1. Overload: every host the detector flags gives up servers, chosen one
 *    at a time by the selector until it no longer is; they are placed by
 *    PABFD (largest request first) on any host but the overloaded ones,
 *    switched-off hosts included. A server no host can take stays.
 * 2. Underload: the least utilised host still in use (by the last update;
 *    overloaded and switched-off hosts excluded) tries to place all its
 *    servers elsewhere, switched-off hosts excluded; all or nothing. Its
 *    destinations are then no longer candidates to empty; the next least
 *    utilised host tries, until none is left.
 * CloudSim's quirks are kept and said where they act: destinations of step 1
 * may be emptied in step 2 (so a server can be in two moves of one round,
 * the later one wins when they complete), and "now" is the last update's
 * utilisation throughout.
 */
export function planRound(loads: readonly HostLoad[], policy: ConsolidationPolicy): Move[] {
  return planRoundFully(loads, policy).moves;
}

/** A round's moves, and what step 1 could not resolve. */
export interface RoundPlan {
  readonly moves: Move[];
  /** Hosts the detector found overloaded, by id. */
  readonly overloaded: readonly number[];
  /** Servers selected off an overloaded host for which no host was found (they stay). */
  readonly stranded: readonly number[];
}

/** planRound, telling also which hosts were overloaded and which of their servers found no host. */
export function planRoundFully(loads: readonly HostLoad[], policy: ConsolidationPolicy): RoundPlan {
  const hosts = loads.map((l) => new PlanningHost(l));
  const origin = new Map<ServerLoad, PlanningHost>();
  for (const host of hosts) for (const r of host.residents) if (r.role !== 'in') origin.set(r.server, host);

  const overloaded = hosts.filter((h) => policy.detector.overloaded(h));
  const leaving = selectFromOverloaded(overloaded, policy);
  const placed = placeAll(hosts, leaving, new Set(overloaded), policy, false);
  const moves = placed.map(({ server, to }) => ({
    server: server.id,
    from: origin.get(server)?.id ?? null,
    to: to.id,
  }));
  const went = new Set(placed.map((p) => p.server));
  const stranded = leaving.filter((s) => !went.has(s)).map((s) => s.id);
  moves.push(...emptyUnderloaded(hosts, overloaded, policy));
  return { moves, overloaded: overloaded.map((h) => h.id), stranded };
}

/** The servers selected off each overloaded host, taken off it in the working copy. */
function selectFromOverloaded(overloaded: readonly PlanningHost[], policy: ConsolidationPolicy): ServerLoad[] {
  const leaving: ServerLoad[] = [];
  for (const host of overloaded) {
    for (;;) {
      const server = policy.selector.select(host.residents);
      if (server === null) break;
      leaving.push(server);
      host.destroy(server);
      if (!policy.detector.overloaded(host)) break;
    }
  }
  return leaving;
}

interface Placed {
  readonly server: ServerLoad;
  readonly to: PlanningHost;
}

/**
 * PABFD over a list: largest request first (a stable sort, as Java's), each
 * put on its host in the working copy. `allOrNothing` undoes every placement
 * as soon as one server finds no host.
 */
function placeAll(hosts: readonly PlanningHost[], servers: readonly ServerLoad[], excluded: ReadonlySet<PlanningHost>, policy: ConsolidationPolicy, allOrNothing: boolean): Placed[] {
  const placed: Placed[] = [];
  for (const server of [...servers].sort((a, b) => totalRequested(b) - totalRequested(a))) {
    const to = powerAwareBestFit(hosts, server, excluded, policy.detector, policy.allowed);
    if (to !== null) {
      to.create(server);
      placed.push({ server, to });
    } else if (allOrNothing) {
      for (const p of placed) p.to.destroy(p.server);
      return [];
    }
  }
  return placed;
}

function emptyUnderloaded(hosts: readonly PlanningHost[], overloaded: readonly PlanningHost[], policy: ConsolidationPolicy): Move[] {
  const switchedOff = hosts.filter((h) => h.utilisation === 0);
  const notToEmpty = new Set([...overloaded, ...switchedOff]);
  const notToFill = new Set([...overloaded, ...switchedOff]);
  const moves: Move[] = [];
  while (notToEmpty.size < hosts.length) {
    const source = leastUtilised(hosts, notToEmpty);
    if (source === null) break;
    notToEmpty.add(source);
    notToFill.add(source);
    const servers = source.residents.filter((r) => !r.server.migrating).map((r) => r.server);
    if (servers.length === 0) continue;
    const placed = placeAll(hosts, servers, notToFill, policy, true);
    for (const { server, to } of placed) {
      notToEmpty.add(to);
      moves.push({ server: server.id, from: source.id, to: to.id });
    }
  }
  return moves;
}

/**
 * The host with the lowest utilisation in (0, 1) at the last update, first
 * in host order on a tie, skipping hosts whose every server is in a live
 * migration (CloudSim's areAllVmsMigratingOutOrAnyVmMigratingIn, which, as
 * written, answers at the first server not migrating, so in effect asks
 * only that; a host holding no server is skipped too).
 */
function leastUtilised(hosts: readonly PlanningHost[], excluded: ReadonlySet<PlanningHost>): PlanningHost | null {
  let best: PlanningHost | null = null;
  let min = 1;
  for (const host of hosts) {
    if (excluded.has(host)) continue;
    const u = host.utilisation;
    if (u > 0 && u < min && !allMigrating(host)) {
      min = u;
      best = host;
    }
  }
  return best;
}

function allMigrating(host: PlanningHost): boolean {
  for (const r of host.residents) {
    if (!r.server.migrating) return false;
    if (r.role === 'in') return true;
  }
  return true;
}
