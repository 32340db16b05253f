import type { Rng } from '../engine/random.js';
import { fits } from '../model/capacity.js';
import type { Host } from '../model/host.js';
import type { FilterCount } from '../model/placement-decision.js';
import type { SchedulerConfig } from './config.js';
import { hashedStream, PlacementOrder } from './placement-order.js';
import type { PlacementRequest } from './types.js';

/** Named random streams (the run's RandomStreams): Placement draws from its own, so no other stream moves. */
export interface PlacementStreams {
  stream(name: string): Rng;
}

/** The stream whose first draw salts Placement's order (its process's hash seed). */
export const ORDER_STREAM = 'placement-order';
/** The stream randomize_allocation_candidates samples from. */
export const SAMPLE_STREAM = 'placement-sample';

/** The stage that stands for Placement's allocation-candidates query (resources with ratios and reserved). */
export const PLACEMENT_STAGE = 'Placement';

/**
 * Placement's part of a request: which hosts are viable (the flavor fits
 * and, with the Train pre-filter, the compute is enabled), and how many of
 * them Placement returns: at most max_placement_results, the first ones in
 * Placement's order, or a random sample with
 * randomize_allocation_candidates. One per scheduler, as one Placement
 * service serves one scheduler here.
 */
export class PlacementStage {
  readonly limit: number;
  readonly randomize: boolean;
  readonly prefilter: boolean;

  constructor(
    config: Pick<SchedulerConfig, 'maxPlacementResults' | 'randomizeAllocationCandidates' | 'prefilterDisabledComputes'>,
    readonly order: PlacementOrder,
    readonly sampler: Rng,
  ) {
    this.limit = config.maxPlacementResults;
    this.randomize = config.randomizeAllocationCandidates;
    this.prefilter = config.prefilterDisabledComputes;
  }

  /** The stage a scheduler's config asks for, its order and samples drawn from `streams` (or from fixed seeds without them). */
  static of(config: SchedulerConfig, streams?: PlacementStreams): PlacementStage {
    const salt = streams === undefined ? 0 : streams.stream(ORDER_STREAM).int(2 ** 32);
    const sampler = streams === undefined ? hashedStream(salt) : streams.stream(SAMPLE_STREAM);
    return new PlacementStage(config, new PlacementOrder(salt), sampler);
  }

  /**
   * The limit Nova sends for this request, or null when it sends none: a
   * request with group hints (a server group) or a target host (Nova asks
   * for that one node with in_tree, or drops the limit when the target is
   * several nodes) is not limited.
   */
  limitFor(request: PlacementRequest): number | null {
    return request.group !== null || request.onlyHosts !== null ? null : this.limit;
  }

  /** Would Placement return this host for the flavor (room, and not disabled when pre-filtered)? */
  isViable(host: Host, request: PlacementRequest): boolean {
    return fits(host, request.flavor) && (!this.prefilter || host.enabled);
  }
}

/** The Placement stage's line of the filter trail; `viable` is given only when the limit cut the candidates. */
export function placementCount(before: number, after: number, viable: number): FilterCount {
  return viable > after ? { filter: PLACEMENT_STAGE, before, after, viable } : { filter: PLACEMENT_STAGE, before, after };
}

/**
 * Floyd's algorithm: k distinct positions drawn uniformly from [0, n) with
 * k draws (k <= n), in ascending order. What Placement's `random.sample`
 * does, with this run's stream.
 */
export function floydSample(n: number, k: number, rng: Rng): Int32Array {
  const chosen = new Set<number>();
  const positions = new Int32Array(k);
  for (let j = n - k, i = 0; j < n; j++, i++) {
    const t = rng.int(j + 1);
    const position = chosen.has(t) ? j : t;
    chosen.add(position);
    positions[i] = position;
  }
  return positions.sort(); // a typed array sorts by value
}

/**
 * The plain reference of Placement's answer: the viable hosts among
 * `hosts`, cut to the limit when the request has one and there are more.
 * Returns the hosts kept, in host order, and the trail line.
 */
export function placeByScan(request: PlacementRequest, hosts: readonly Host[], stage: PlacementStage): { kept: Host[]; count: FilterCount } {
  const viable = hosts.filter((h) => stage.isViable(h, request));
  const limit = stage.limitFor(request);
  if (limit === null || viable.length <= limit) return { kept: viable, count: placementCount(hosts.length, viable.length, viable.length) };
  const keys = new Map(viable.map((h) => [h.id, stage.order.key(request.flavor, h.id)]));
  const ordered = [...viable].sort((a, b) => keys.get(a.id)! - keys.get(b.id)! || a.id - b.id);
  const kept = stage.randomize ? Array.from(floydSample(ordered.length, limit, stage.sampler), (i) => ordered[i]!) : ordered.slice(0, limit);
  kept.sort((a, b) => a.id - b.id);
  return { kept, count: placementCount(hosts.length, kept.length, viable.length) };
}
