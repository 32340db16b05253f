import type { OverloadDetector } from './overload/detector.js';
import { powerAwareBestFit } from './pabfd.js';
import { PlanningHost } from './planning-host.js';
import type { HostLoad, Move, ServerLoad } from './types.js';

/** Where the servers of the start went, and those no host could take. */
export interface InitialPlacement {
  readonly placed: readonly Move[];
  readonly unplaced: readonly number[];
}

/** How the start's servers are placed. */
export type StartRule = { readonly kind: 'pabfd'; readonly detector: OverloadDetector } | { readonly kind: 'first-fit' };

/**
 * How CloudSim places the servers present at the start, one at a time in
 * the order given (the benchmark's id order, unsorted):
 * - `pabfd` (the consolidating policies): the PABFD rule, with the
 *   policy's detector refusing hosts it would overload;
 * - `first-fit` (NPA and DVFS, PowerVmAllocationPolicySimple): the first
 *   host in order that can take it.
 * A server being created asks for its whole flavor (every vCPU at full
 * speed, all its RAM), and is given that share; once created it asks for
 * what its demand says, which before the first update is nothing. Every
 * host's "now" is an idle draw, so PABFD's smallest rise in watts is the
 * smallest absolute draw after the move, and it spreads the servers over
 * empty hosts while there are any (548 hosts with one server and 252 with
 * two in the benchmark).
 */
export function placeInitially(loads: readonly HostLoad[], servers: readonly ServerLoad[], rule: StartRule): InitialPlacement {
  const hosts = loads.map((l) => new PlanningHost(l));
  const placed: Move[] = [];
  const unplaced: number[] = [];
  for (const server of servers) {
    const starting: ServerLoad = { ...server, requested: server.speed, ramClaimMb: server.ramMb };
    const host = rule.kind === 'pabfd' ? powerAwareBestFit(hosts, starting, new Set(), rule.detector) : (hosts.find((h) => h.suitable(starting)) ?? null);
    if (host === null) {
      unplaced.push(server.id);
      continue;
    }
    host.create({ ...starting, requested: 0 }, server.speed);
    placed.push({ server: server.id, from: null, to: host.id });
  }
  return { placed, unplaced };
}
