import type { Host } from '../model/host.js';
import type { HostId } from '../model/ids.js';
import { byScore, type Candidates } from './candidates.js';
import { featureOf } from './features.js';
import type { BoundRead, Scorer } from './scorer.js';
import type { HostView, PlacementRequest } from './types.js';
import type { HostCounts, HostWeigher } from './weighers/types.js';

/** A weigher as configured: Nova's class, its multiplier and, for a count weigher, the counts it follows. */
export interface ConfiguredWeigher {
  readonly weigher: HostWeigher;
  readonly multiplier: number;
  readonly counts: HostCounts;
}

/** One weigher prepared for a request: its multiplier, its counts for the request (a count weigher) and normalisation. */
interface Term {
  readonly name: string;
  readonly weigher: HostWeigher;
  readonly multiplier: number;
  readonly counts: ReadonlyMap<HostId, number> | null;
  readonly rawOfCountZero: number;
  readonly feature: number | null;
  readonly lo: number;
  readonly hi: number;
}

/** The weigher's raw weight of a host. */
function rawOf(t: Term, host: Host): number {
  if (t.feature !== null) return featureOf(host, t.feature);
  if (t.counts === null) return t.rawOfCountZero;
  return (t.weigher.weighs as { raw(count: number): number }).raw(t.counts.get(host.id) ?? 0);
}

/** A raw weight held to the weigher's minval and maxval. */
function clamped(weigher: HostWeigher, raw: number): number {
  const low = weigher.minval === null ? raw : Math.max(raw, weigher.minval);
  return weigher.maxval === null ? low : Math.min(low, weigher.maxval);
}

/** Nova's normalize(): (w - min) / (max - min), or 0 for all when max equals min. */
const normalized = (t: Term, raw: number): number => (t.lo === t.hi ? 0 : (clamped(t.weigher, raw) - t.lo) / (t.hi - t.lo));

/**
 * Nova's weighing (BaseWeightHandler.get_weighed_objects) as a Scorer: for
 * each weigher in order, the raw weights are clamped to minval/maxval,
 * normalised over the candidates to [0, 1], multiplied, and added to the
 * host's weight. With one candidate or none, Nova weighs nothing (all 0).
 */
export class WeighedScorer implements Scorer {
  readonly reads: readonly BoundRead[];
  /**
   * The terms that tell candidates apart. A weigher whose raw weights are all
   * equal over the candidates (lo = hi: no group for the group weighers, no
   * failed builds) adds 0 to every host, which changes no sum, so scores and
   * bounds leave it out (it still shows in `parts`): most creates weigh three
   * weighers of the default six.
   */
  readonly #weighing: readonly Term[];

  private constructor(readonly terms: readonly Term[]) {
    this.#weighing = terms.filter((t) => t.lo !== t.hi);
    const reads: BoundRead[] = [];
    for (const t of this.#weighing) if (t.feature !== null) reads.push({ feature: t.feature, sign: t.multiplier >= 0 ? 1 : -1 });
    this.reads = reads;
  }

  static prepare(weighers: readonly ConfiguredWeigher[], request: PlacementRequest, candidates: Candidates): WeighedScorer {
    if (candidates.count <= 1) return new WeighedScorer([]);
    return new WeighedScorer(weighers.map((w) => term(w, request, candidates)));
  }

  score(host: Host): number {
    let weight = 0;
    for (const t of this.#weighing) weight += t.multiplier * normalized(t, rawOf(t, host));
    return weight;
  }

  bound(max: Float64Array, min: Float64Array, base: number): number {
    let weight = 0;
    for (const t of this.#weighing) {
      const raw = t.feature === null ? t.rawOfCountZero : t.multiplier >= 0 ? max[base + t.feature]! : min[base + t.feature]!;
      weight += t.multiplier * normalized(t, raw);
    }
    return weight;
  }

  /** Each weigher's share of a host's weight (multiplier x normalised weight), for explanations. */
  parts(host: Host): Record<string, number> {
    const parts: Record<string, number> = {};
    for (const t of this.terms) parts[t.name] = t.multiplier * normalized(t, rawOf(t, host));
    return parts;
  }
}

// Per request and weigher, so written without closures or arrays: a million creates each prepare every weigher.
function term({ weigher, multiplier, counts: countsOf }: ConfiguredWeigher, request: PlacementRequest, candidates: Candidates): Term {
  const w = weigher.weighs;
  // The ends of the normalisation: the least and most clamped raw weight among the candidates (Math.min and
  // Math.max one value at a time, as over the list).
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  let counts: ReadonlyMap<HostId, number> | null = null;
  let rawOfCountZero = 0;
  if (w.kind === 'feature') {
    // Only the ends Nova takes from the candidates need a search: minval/maxval fix the others.
    if (weigher.maxval === null) {
      const v = clamped(weigher, candidates.extreme(w.feature, 1));
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    if (weigher.minval === null) {
      const v = clamped(weigher, candidates.extreme(w.feature, -1));
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  } else {
    counts = countsOf(request);
    rawOfCountZero = w.raw(0);
    let nonZero = 0;
    for (const [host, count] of counts ?? []) {
      if (count !== 0 && candidates.has(host)) {
        const v = clamped(weigher, w.raw(count));
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
        nonZero++;
      }
    }
    if (nonZero < candidates.count) {
      const v = clamped(weigher, rawOfCountZero);
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  return {
    name: weigher.name,
    weigher,
    multiplier: weigher.multiplier(multiplier),
    counts,
    rawOfCountZero,
    feature: w.kind === 'feature' ? w.feature : null,
    lo: weigher.minval ?? lo,
    hi: weigher.maxval ?? hi,
  };
}

/**
 * The k best candidates for a scorer. Hosts with a non-zero count for some
 * weigher are scored one by one; the rest come from the candidates' own
 * search, which may assume every count is zero.
 */
export function rank(candidates: Candidates, scorer: Scorer, k: number, sparse: ReadonlySet<HostId>, hosts: readonly HostView[]): HostId[] {
  const fromSearch = candidates.best(k, scorer, sparse.size === 0 ? null : sparse);
  if (sparse.size === 0) return fromSearch;
  const scored = fromSearch.map((host) => ({ host, score: scorer.score(hosts[host]!) }));
  for (const host of sparse) if (candidates.has(host)) scored.push({ host, score: scorer.score(hosts[host]!) });
  return scored.sort(byScore).slice(0, k).map((s) => s.host);
}

/** The hosts with a non-zero count for any of the weighers, for this request. */
export function sparseHosts(weighers: readonly ConfiguredWeigher[], request: PlacementRequest): Set<HostId> {
  const hosts = new Set<HostId>();
  for (const { counts } of weighers) for (const [host, count] of counts(request) ?? []) if (count !== 0) hosts.add(host);
  return hosts;
}
