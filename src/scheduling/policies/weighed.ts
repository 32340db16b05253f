import type { HostId } from '../../model/ids.js';
import type { Inventory } from '../../model/inventory.js';
import type { IndexedPolicy } from '../policy.js';
import { TOP, topWeighed } from '../scorer.js';
import { WEIGHERS } from '../weighers/index.js';
import type { HostCounts } from '../weighers/types.js';
import { rank, sparseHosts, WeighedScorer, type ConfiguredWeigher } from '../weighing.js';

/**
 * Nova's filter scheduler choosing among the filtered hosts: the enabled
 * weighers (name -> multiplier) rank them, the chosen host is drawn at
 * random among the best host_subset_size, and the alternates are the rest
 * in order (cf. nova/scheduler/filter_scheduler.py _get_sorted_hosts).
 */
export function weighedPolicy(name: string, multipliers: Readonly<Record<string, number>>, hostSubsetSize: number, inventory: Inventory): IndexedPolicy {
  const weighers = configured(multipliers, inventory);
  return {
    name,
    choose(request, candidates, { rng, hosts }) {
      const scorer = WeighedScorer.prepare(weighers, request, candidates);
      const sparse = scorer.terms.length === 0 ? new Set<HostId>() : sparseHosts(weighers, request);
      const ranked = rank(candidates, scorer, Math.max(TOP, hostSubsetSize + request.alternates), sparse, hosts);
      const pick = hostSubsetSize > 1 ? rng.int(Math.min(hostSubsetSize, ranked.length)) : 0;
      const chosen = ranked[pick]!;
      const alternates = ranked.filter((h) => h !== chosen).slice(0, request.alternates);
      return { chosen, alternates, top: topWeighed(ranked, scorer, hosts, (host) => scorer.parts(host)) };
    },
  };
}

const NO_COUNTS: HostCounts = () => null;

/** The weighers by name with their multipliers; a count weigher starts following the inventory here. */
function configured(multipliers: Readonly<Record<string, number>>, inventory: Inventory): ConfiguredWeigher[] {
  return Object.entries(multipliers).map(([name, multiplier]) => {
    const weigher = WEIGHERS[name];
    if (weigher === undefined) throw new Error(`unknown weigher ${name}; known: ${Object.keys(WEIGHERS).join(', ')}`);
    return { weigher, multiplier, counts: weigher.weighs.kind === 'count' ? weigher.weighs.follow(inventory) : NO_COUNTS };
  });
}
