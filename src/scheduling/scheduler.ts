import type { Rng } from '../engine/random.js';
import type { HostId } from '../model/ids.js';
import type { Inventory } from '../model/inventory.js';
import type { PlacementDecision, WeighedHost } from '../model/placement-decision.js';
import { ProjectHosts } from '../model/project-hosts.js';
import type { Candidates } from './candidates.js';
import { PLACEMENT_RAM } from './features.js';
import { filterByIndex, filterByScan } from './filtering.js';
import type { HostFilter } from './filters/types.js';
import { HostIndex } from './host-index.js';
import type { PlacementPolicy } from './plugin.js';
import { featureScorer, type Scorer } from './scorer.js';
import type { PlacementRequest, Scheduler } from './types.js';
import { rank, sparseHosts, WeighedScorer, type ConfiguredWeigher } from './weighing.js';

/** How many weighed hosts a decision keeps for explanations. */
const TOP = 3;
/** Draws the random policy makes over all hosts before it counts the candidates out. */
const RANDOM_DRAWS = 32;

/** How the chosen host is picked among the candidates. */
export type Choice =
  | { readonly kind: 'weighed'; readonly weighers: readonly ConfiguredWeigher[]; readonly hostSubsetSize: number }
  | { readonly kind: 'ranked'; readonly scorer: Scorer }
  | { readonly kind: 'random' }
  | { readonly kind: 'round_robin' }
  | { readonly kind: 'plugin'; readonly policy: PlacementPolicy };

/** A plug-in policy that broke its contract: the run stops with this message. */
export class PolicyError extends Error {}

interface Ranked {
  readonly chosen: HostId | null;
  readonly alternates: HostId[];
  readonly top: WeighedHost[];
}

/**
 * Nova's scheduler: Placement's resource query, the enabled filters, then
 * a choice among the hosts that pass (weighing for the filter scheduler,
 * or a research policy), with alternates for reschedules. Filtering is
 * answered by the host index unless `indexed` is false, when every host is
 * scanned (the reference the index is tested against).
 */
export class NovaScheduler implements Scheduler {
  readonly #index: HostIndex | null;
  /** Made when a plug-in first asks how many of a project's servers a host holds. */
  #projects: ProjectHosts | null = null;
  #lastRoundRobin = -1;

  constructor(
    readonly name: string,
    private readonly inventory: Inventory,
    private readonly filters: readonly HostFilter[],
    private readonly choice: Choice,
    readonly maxAttempts: number,
    indexed = true,
  ) {
    this.#index = indexed ? new HostIndex(inventory) : null;
  }

  select(request: PlacementRequest, now: number, rng: Rng): PlacementDecision {
    const index = this.#index;
    index?.sync(now);
    const filtered = index === null ? filterByScan(request, this.filters, this.inventory, now) : filterByIndex(request, this.filters, this.inventory, index, now);
    const ranked = filtered.candidates.count === 0 ? { chosen: null, alternates: [], top: [] } : this.#choose(request, filtered.candidates, now, rng);
    return { policy: this.name, hosts: filtered.hosts, filters: filtered.trail, ...ranked };
  }

  #choose(request: PlacementRequest, candidates: Candidates, now: number, rng: Rng): Ranked {
    const c = this.choice;
    const wanted = 1 + request.alternates;
    switch (c.kind) {
      case 'weighed': {
        const scorer = WeighedScorer.prepare(c.weighers, request, candidates);
        const sparse = scorer.terms.length === 0 ? new Set<HostId>() : sparseHosts(c.weighers, request);
        const ranked = rank(candidates, scorer, Math.max(TOP, c.hostSubsetSize - 1 + wanted), sparse, this.inventory);
        // host_subset_size: Nova picks at random among the best few, then takes alternates from the rest in order.
        const pick = c.hostSubsetSize > 1 ? rng.int(Math.min(c.hostSubsetSize, ranked.length)) : 0;
        const chosen = ranked[pick]!;
        const alternates = ranked.filter((h) => h !== chosen).slice(0, request.alternates);
        return { chosen, alternates, top: this.#top(ranked, scorer, (h) => scorer.parts(this.inventory.host(h))) };
      }
      case 'ranked': {
        const ranked = candidates.best(Math.max(TOP, wanted), c.scorer, null);
        return { chosen: ranked[0]!, alternates: ranked.slice(1, wanted), top: this.#top(ranked, c.scorer, () => ({})) };
      }
      case 'random': {
        const chosen = randomCandidate(candidates, this.inventory.hosts.length, rng);
        return { chosen, alternates: following(candidates, chosen, request.alternates), top: [] };
      }
      case 'round_robin': {
        const chosen = candidates.firstFrom(this.#lastRoundRobin + 1) ?? candidates.firstFrom(0)!;
        this.#lastRoundRobin = chosen;
        return { chosen, alternates: following(candidates, chosen, request.alternates), top: [] };
      }
      case 'plugin':
        return { chosen: this.#plugin(c.policy, request, candidates, now, rng), alternates: [], top: [] };
    }
  }

  #top(ranked: readonly HostId[], scorer: Scorer, parts: (host: HostId) => Record<string, number>): WeighedHost[] {
    return ranked.slice(0, TOP).map((host) => ({ host, weight: scorer.score(this.inventory.host(host)), parts: parts(host) }));
  }

  #plugin(policy: PlacementPolicy, request: PlacementRequest, candidates: Candidates, now: number, rng: Rng): HostId | null {
    const hosts = candidates.list().map((id) => this.inventory.host(id));
    let picked;
    try {
      picked = policy.select(request, hosts, {
        now,
        rng,
        hosts: this.inventory.hosts,
        projectServersOn: (project, host) => (this.#projects ??= ProjectHosts.following(this.inventory)).serversOn(project, host),
      });
    } catch (e) {
      throw new PolicyError(`plug-in policy ${policy.name} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (picked === null || picked === undefined) return null;
    if (!candidates.has(picked.id)) {
      throw new PolicyError(`plug-in policy ${policy.name} chose host ${picked.name}, which did not pass the filters`);
    }
    return picked.id;
  }
}

/**
 * A uniformly random candidate: a few draws over all hosts (fast when many
 * hosts are candidates), then a draw among the candidates counted in host
 * order. Either way every candidate is equally likely.
 */
function randomCandidate(candidates: Candidates, hostCount: number, rng: Rng): HostId {
  for (let i = 0; i < RANDOM_DRAWS; i++) {
    const host = rng.int(hostCount) as HostId;
    if (candidates.has(host)) return host;
  }
  return candidates.nth(rng.int(candidates.count));
}

/** Up to n candidates after `chosen` in host order, wrapping around. */
function following(candidates: Candidates, chosen: HostId, n: number): HostId[] {
  const hosts: HostId[] = [];
  let from = chosen + 1;
  while (hosts.length < Math.min(n, candidates.count - 1)) {
    const next = candidates.firstFrom(from) ?? candidates.firstFrom(0)!;
    if (next === chosen) break;
    hosts.push(next);
    from = next + 1;
  }
  return hosts;
}

/** Best fit and worst fit compare the free RAM Placement counts (least first, or most first). */
export const BEST_FIT = featureScorer(PLACEMENT_RAM, -1);
export const WORST_FIT = featureScorer(PLACEMENT_RAM, 1);
