import type { HostId } from '../model/ids.js';
import type { Inventory } from '../model/inventory.js';
import { featureOf, type Feature } from './features.js';
import type { Scorer } from './scorer.js';

/**
 * The hosts that passed every filter for one request, and the questions
 * policies ask of them. Two implementations answer alike: a plain list
 * (the reference, and what a forced host or an affinity group leaves) and
 * the host index, which answers without visiting every host.
 */
export interface Candidates {
  readonly count: number;
  has(host: HostId): boolean;
  /** The largest (sign 1) or smallest (sign -1) value of a feature among the candidates. */
  extreme(feature: Feature, sign: 1 | -1): number;
  /** The k best hosts by (score desc, host order), leaving out `skip`. */
  best(k: number, scorer: Scorer, skip: ReadonlySet<HostId> | null): HostId[];
  /** The i-th candidate in host order (0-based). */
  nth(i: number): HostId;
  /** The first candidate at or after `from` in host order, or null. */
  firstFrom(from: number): HostId | null;
  /** Every candidate in host order (a plug-in policy reads them all). */
  list(): HostId[];
}

/** Orders two scored hosts: higher score first, then lower host id. */
export const byScore = (a: { host: HostId; score: number }, b: { host: HostId; score: number }): number =>
  b.score - a.score || a.host - b.host;

/** Candidates held as a list in host order. */
export class ListCandidates implements Candidates {
  readonly #members: ReadonlySet<HostId>;

  constructor(
    readonly hosts: readonly HostId[],
    private readonly inventory: Inventory,
  ) {
    this.#members = new Set(hosts);
  }

  get count(): number {
    return this.hosts.length;
  }

  has(host: HostId): boolean {
    return this.#members.has(host);
  }

  extreme(feature: Feature, sign: 1 | -1): number {
    const values = this.hosts.map((h) => featureOf(this.inventory.host(h), feature));
    return sign > 0 ? Math.max(...values) : Math.min(...values);
  }

  best(k: number, scorer: Scorer, skip: ReadonlySet<HostId> | null): HostId[] {
    return this.hosts
      .filter((h) => skip === null || !skip.has(h))
      .map((host) => ({ host, score: scorer.score(this.inventory.host(host)) }))
      .sort(byScore)
      .slice(0, k)
      .map((s) => s.host);
  }

  nth(i: number): HostId {
    return this.hosts[i]!;
  }

  firstFrom(from: number): HostId | null {
    return this.hosts.find((h) => h >= from) ?? null;
  }

  list(): HostId[] {
    return [...this.hosts];
  }
}

/** Up to n candidates after `chosen` in host order, wrapping around (the alternates of random and round robin). */
export function following(candidates: Candidates, chosen: HostId, n: number): HostId[] {
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
