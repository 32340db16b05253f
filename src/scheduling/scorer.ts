import type { Host } from '../model/host.js';
import type { HostId } from '../model/ids.js';
import type { WeighedHost } from '../model/placement-decision.js';
import { featureOf, type Feature } from './features.js';
import type { HostView } from './types.js';

/** How many weighed hosts a decision keeps for explanations. */
export const TOP = 3;

/**
 * How a policy ranks hosts: higher scores win, ties go to the earlier host.
 * `bound` gives an upper bound of the score over any host whose features
 * lie within a subtree's per-feature maxima and minima (arrays read at
 * `base + feature`) and whose sparse counts are all zero; the host index
 * uses it to skip subtrees that cannot hold a better host. It must be
 * computed with the same arithmetic as `score`, so a lone host's bound
 * equals its score. `reads` names every bound `bound` reads (a feature and
 * 1 for its maxima or -1 for its minima): the index keeps only bounds some
 * scorer reads.
 */
export interface Scorer {
  score(host: Host): number;
  bound(max: Float64Array, min: Float64Array, base: number): number;
  readonly reads: readonly BoundRead[];
}

/** One bound a scorer reads: the maxima (sign 1) or minima (sign -1) of a feature. */
export interface BoundRead {
  readonly feature: Feature;
  readonly sign: 1 | -1;
}

/** Every host scores the same: the first in host order wins (first fit). */
export const SAME_SCORE: Scorer = { score: () => 0, bound: () => 0, reads: [] };

/** Ranks by one feature, most first (sign 1) or least first (sign -1). */
export function featureScorer(feature: Feature, sign: 1 | -1): Scorer {
  return {
    score: (host) => sign * featureOf(host, feature),
    bound: (max, min, base) => (sign > 0 ? max[base + feature]! : -min[base + feature]!),
    reads: [{ feature, sign }],
  };
}

/** The first TOP of the ranked hosts with their scores and, if given, each weigher's share (explanations). */
export function topWeighed(
  ranked: readonly HostId[],
  scorer: Scorer,
  hosts: readonly HostView[],
  parts: (host: HostView) => Record<string, number> = () => ({}),
): WeighedHost[] {
  return ranked.slice(0, TOP).map((host) => ({ host, weight: scorer.score(hosts[host]!), parts: parts(hosts[host]!) }));
}
