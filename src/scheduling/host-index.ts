import type { Rng } from '../engine/random.js';
import type { Aggregate } from '../model/aggregate.js';
import type { Flavor } from '../model/catalog.js';
import { fitCount, freeRoom } from '../model/capacity.js';
import { serviceUp, type Host } from '../model/host.js';
import type { HostId } from '../model/ids.js';
import type { HostObserver, Inventory } from '../model/inventory.js';
import type { Candidates } from './candidates.js';
import { Fenwick } from './fenwick.js';
import { FEATURE_COUNT, featureOf } from './features.js';
import type { HostClass } from './filters/types.js';
import type { HostSet } from './host-set.js';
import { bitOf, HostTrees, SHARED_BIT } from './host-trees.js';
import { NodeHeap } from './node-heap.js';
import type { FlavorRanks } from './placement-order.js';
import { floydSample, type PlacementStage } from './placement-stage.js';
import { featureScorer, type Scorer } from './scorer.js';

/** A host's service, as classes tell it apart: in service, enabled but down, disabled. */
const IN_SERVICE = 0;
const DOWN = 1;
const DISABLED = 2;
const STATES = 3;

/**
 * An index over the hosts that answers placement questions without
 * visiting every host:
 *
 * - hosts fall in classes (same aggregates, so same zone; in service,
 *   down or disabled), so class filters are asked once per class;
 * - per flavor, the hosts it fits in (`fitting`): per class how many, and
 *   a segment tree over them in host order, each node with the maximum
 *   and minimum of every feature and the mask of classes below it,
 *   searched best-first with the scorer's bounds (branch and bound).
 *   Keeping one tree per flavor makes the bounds come from hosts that can
 *   take the server, which keeps stacking policies (the least free host
 *   that still fits) from visiting the many nearly full hosts. Ties go to
 *   the lower host id, exactly as a plain scan ranks them;
 * - when max_placement_results is below the host count, per flavor the
 *   hosts Placement returns to a limited request (`kept`): the viable
 *   hosts (fitting and, pre-filtered, enabled) whose rank in Placement's
 *   order is at or below the rank of the limit-th viable host. A Fenwick
 *   tree over the ranks counts the viable hosts and finds that threshold
 *   in O(log n). One host's change of viability moves the threshold past
 *   at most one other viable host, so the kept set changes by at most two
 *   hosts besides the one that changed. The kept hosts have trees and
 *   class counts of their own, so a limited request is searched with
 *   bounds that come from the kept hosts alone and costs what an
 *   unlimited one among that many hosts would.
 *
 * Memory: per flavor, each set of trees searched (100,000 hosts and 4
 * flavors: about 110 MB a set; with ComputeFilter on, only the in-service
 * twins are ever searched, so only they are made) and with `kept` 13
 * bytes per host per flavor for Placement's order, the Fenwick tree and
 * the viable flags.
 *
 * It follows the inventory as a HostObserver; a host whose service is due
 * to go down is re-checked at the next request, so the index is exact at
 * every request whatever the order of events at one instant.
 */
export class HostIndex implements HostObserver {
  /** Per flavor, the hosts it fits in. */
  readonly fitting: HostTrees;
  /** Per flavor, the hosts a limited request gets from Placement; null when the limit is at least the host count. */
  readonly kept: HostTrees | null;
  /**
   * The same two sets less the hosts out of service (down or disabled).
   * Searches run on these when the filters leave no out-of-service class
   * (ComputeFilter always does): otherwise the bounds of a subtree would
   * come from hosts that are never candidates, and a cloud with many hosts
   * switched off (empty, so the best bound for a spreading weigher)
   * would have every search walk down to each of them. Profiled on a
   * 1,000-host region with consolidation: these searches took 70% of the
   * run before.
   */
  readonly #fittingInService: HostTrees;
  readonly #keptInService: HostTrees | null;
  readonly #inventory: Inventory;
  readonly #placement: PlacementStage;
  readonly #hostCount: number;
  readonly #classes: HostClass[] = [];
  readonly #staticClass: Int32Array;
  readonly #cls: Int32Array;
  readonly #flavors: Flavor[];
  readonly #pending = new Set<HostId>();
  readonly #heap = new NodeHeap();
  readonly #values = new Float64Array(FEATURE_COUNT);
  readonly #otherValues = new Float64Array(FEATURE_COUNT);
  // Placement's order and the viable hosts, per flavor (only with `kept`).
  readonly #ranks: FlavorRanks[] = [];
  readonly #viable: Fenwick[] = [];
  readonly #isViable: Uint8Array;
  /** Per flavor, the rank of the last host kept (-1 when none is viable). */
  readonly #threshold: Int32Array;
  #now = 0;

  constructor(inventory: Inventory, placement: PlacementStage) {
    this.#inventory = inventory;
    this.#placement = placement;
    const n = inventory.hosts.length;
    this.#hostCount = n;
    this.#flavors = [...inventory.flavors.values()].sort((a, b) => a.id - b.id);
    this.#staticClass = new Int32Array(n);
    this.#cls = new Int32Array(n).fill(-1);
    const byKey = new Map<string, number>();
    for (const host of inventory.hosts) {
      const key = host.aggregates.map((a) => a.id).join(',');
      let sid = byKey.get(key);
      if (sid === undefined) {
        sid = byKey.size;
        byKey.set(key, sid);
        const { aggregates, availabilityZone } = host;
        this.#classes.push(hostClass(aggregates, availabilityZone, true), hostClass(aggregates, availabilityZone, false), hostClass(aggregates, availabilityZone, false));
      }
      this.#staticClass[host.id] = sid;
    }
    const flavorCount = this.#flavors.length;
    const trees = (): HostTrees =>
      new HostTrees(flavorCount, n, this.#classes.length, (host, out) => {
        const h = inventory.host(host as HostId);
        for (let f = 0; f < FEATURE_COUNT; f++) out[f] = featureOf(h, f);
      });
    this.fitting = trees();
    this.#fittingInService = trees();
    const limited = placement.limit < n;
    this.kept = limited ? trees() : null;
    this.#keptInService = limited ? trees() : null;
    this.#isViable = new Uint8Array(limited ? flavorCount * n : 0);
    this.#threshold = new Int32Array(flavorCount).fill(-1);
    if (limited) {
      for (const flavor of this.#flavors) {
        this.#ranks.push(placement.order.ranks(flavor, n));
        this.#viable.push(new Fenwick(n));
      }
    }
    // The trees' inner nodes are built when a search first needs them (HostTrees.ready).
    for (const host of inventory.hosts) this.#refresh(host);
    inventory.observe(this);
  }

  get classes(): readonly HostClass[] {
    return this.#classes;
  }

  hostChanged(host: Host): void {
    this.#refresh(host);
  }

  /** Brings the index to `now`: hosts whose service went down since are re-classed. */
  sync(now: number): void {
    this.#now = now;
    for (const id of this.#pending) {
      const host = this.#inventory.host(id);
      if (!serviceUp(host, now) || host.downSince === Number.POSITIVE_INFINITY) this.hostChanged(host);
    }
  }

  classOf(host: HostId): number {
    return this.#cls[host]!;
  }

  /** Is the class one of disabled hosts (which the Train pre-filter keeps out of Placement's answer)? */
  isDisabledClass(cls: number): boolean {
    return cls % STATES === DISABLED;
  }

  /**
   * The trees to search for the candidates `pass` leaves in `trees`: their
   * in-service twin when no class out of service passes (same candidates,
   * tighter bounds).
   */
  searchTrees(trees: HostTrees, pass: Uint8Array): HostTrees {
    for (let cls = 0; cls < pass.length; cls++) if (pass[cls] === 1 && cls % STATES !== IN_SERVICE) return trees;
    return trees === this.fitting ? this.#fittingInService : trees === this.kept ? this.#keptInService! : trees;
  }

  /** The candidates in `trees` left by class filters (`pass`, per class) and explicit exclusions. */
  candidates(trees: HostTrees, flavor: Flavor, pass: Uint8Array, excluded: HostSet, count: number): Candidates {
    return new IndexedCandidates(this, trees, flavor, pass, excluded, count);
  }

  /**
   * randomize_allocation_candidates: `limit` of the flavor's `viable` viable
   * hosts drawn uniformly (Floyd's algorithm over their places in
   * Placement's order, each found by a Fenwick search), in host order.
   * O(limit log n) and `limit` draws; the caller lists them.
   */
  sample(flavor: Flavor, viable: number, limit: number, rng: Rng): HostId[] {
    const fenwick = this.#viable[flavor.id]!;
    const { hostAt } = this.#ranks[flavor.id]!;
    const hosts = floydSample(viable, limit, rng).map((i) => hostAt[fenwick.select(i + 1)]!);
    return Array.from(hosts.sort(), (host) => host as HostId);
  }

  /** Is the host a candidate of the query (in its trees, class passes, not excluded)? */
  isCandidate(q: IndexedCandidates, host: number): boolean {
    return host < this.#hostCount && q.pass[this.#cls[host]!] === 1 && q.trees.has(q.flavor.id, host) && !q.excluded.has(host as HostId);
  }

  /** Can the subtree at `node` hold a candidate of the query? (only hosts of the set are in its tree) */
  #mayHold(q: IndexedCandidates, node: number): boolean {
    return (q.trees.mask[q.trees.slot(q.flavor.id, node)]! & q.passMask) !== 0;
  }

  /** Is every host in the query's trees a candidate (no class of theirs filtered out, nothing excluded)? */
  #allCandidates(q: IndexedCandidates): boolean {
    return q.excluded.size === 0 && (q.trees.mask[q.trees.slot(q.flavor.id, 1)]! & ~q.passMask) === 0 && !q.sharedBitFiltered;
  }

  /**
   * The largest or smallest feature value among the query's candidates: read
   * at the root when every host in the flavor's tree is a candidate, else
   * found by a search.
   */
  extreme(q: IndexedCandidates, feature: number, sign: 1 | -1): number {
    const trees = q.trees;
    const root = trees.slot(q.flavor.id, 1);
    trees.ready();
    if (this.#allCandidates(q)) {
      trees.need(feature, sign);
      return (sign > 0 ? trees.max : trees.min)[root * FEATURE_COUNT + feature]!;
    }
    const host = this.best(q, 1, featureScorer(feature, sign), null)[0]!;
    return featureOf(this.#inventory.host(host), feature);
  }

  /** Best-first search for the k best candidates (score desc, host order), leaving out `skip`. */
  best(q: IndexedCandidates, k: number, scorer: Scorer, skip: ReadonlySet<HostId> | null): HostId[] {
    const found: HostId[] = [];
    if (k <= 0 || q.count === 0) return found;
    const { trees } = q;
    for (const { feature, sign } of scorer.reads) trees.need(feature, sign);
    trees.ready();
    const size = trees.size;
    const heap = this.#heap;
    heap.clear();
    this.#push(q, scorer, skip, 1);
    while (heap.size > 0 && found.length < k) {
      const node = heap.pop();
      if (node >= size) found.push((node - size) as HostId);
      else {
        this.#push(q, scorer, skip, 2 * node);
        this.#push(q, scorer, skip, 2 * node + 1);
      }
    }
    return found;
  }

  /** Queues a node of the search: a leaf by its host's score (if a candidate), a subtree by its bound (if it may hold one). */
  #push(q: IndexedCandidates, scorer: Scorer, skip: ReadonlySet<HostId> | null, node: number): void {
    const trees = q.trees;
    if (node >= trees.size) {
      const id = node - trees.size;
      if (!this.isCandidate(q, id) || (skip !== null && skip.has(id as HostId))) return;
      this.#heap.push(scorer.score(this.#inventory.host(id as HostId)), id, node);
    } else if (this.#mayHold(q, node)) {
      this.#heap.push(scorer.bound(trees.max, trees.min, trees.slot(q.flavor.id, node) * FEATURE_COUNT), trees.start[node]!, node);
    }
  }

  /**
   * The i-th candidate in host order (0-based): counted down the tree in
   * O(log n) when every host in it is a candidate, else walked to.
   */
  nth(q: IndexedCandidates, i: number): HostId {
    const { trees } = q;
    trees.ready();
    if (this.#allCandidates(q)) {
      let node = 1;
      let rest = i;
      while (node < trees.size) {
        const left = trees.population[trees.slot(q.flavor.id, 2 * node)]!;
        if (rest < left) node = 2 * node;
        else {
          rest -= left;
          node = 2 * node + 1;
        }
      }
      return (node - trees.size) as HostId;
    }
    let seen = 0;
    let found = -1;
    this.walk(q, 0, (host) => {
      if (seen++ < i) return false;
      found = host;
      return true;
    });
    return found as HostId;
  }

  /** Visits the candidates at or after `from` in host order until `visit` returns true. */
  walk(q: IndexedCandidates, from: number, visit: (host: HostId) => boolean): void {
    q.trees.ready();
    const { size, start } = q.trees;
    const stack = [1];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node >= size) {
        const id = node - size;
        if (id >= from && this.isCandidate(q, id) && visit(id as HostId)) return;
        continue;
      }
      if (!this.#mayHold(q, node)) continue;
      // Right child first onto the stack so the left one is visited first. The left child ends where
      // the right one starts: skip it when that is not past `from`.
      stack.push(2 * node + 1);
      if (start[2 * node + 1]! > from) stack.push(2 * node);
    }
  }

  #refresh(host: Host): void {
    const state = !host.enabled ? DISABLED : serviceUp(host, this.#now) ? IN_SERVICE : DOWN;
    if (state === IN_SERVICE && host.downSince !== Number.POSITIVE_INFINITY) this.#pending.add(host.id);
    else this.#pending.delete(host.id);
    const cls = this.#staticClass[host.id]! * STATES + state;
    this.#cls[host.id] = cls;
    const values = this.#values;
    for (let f = 0; f < FEATURE_COUNT; f++) values[f] = featureOf(host, f);
    const room = freeRoom(host);
    const viableState = !this.#placement.prefilter || state !== DISABLED;
    for (const flavor of this.#flavors) {
      const fits = fitCount(room, flavor) > 0;
      this.fitting.set(flavor.id, host.id, fits, cls, values);
      this.#fittingInService.set(flavor.id, host.id, fits && state === IN_SERVICE, cls, values);
      if (this.kept !== null) this.#keep(flavor.id, host.id, fits && viableState);
    }
  }

  /** Updates flavor f's viable hosts and kept set for a host whose viability may have changed. */
  #keep(f: number, host: number, viable: boolean): void {
    const at = f * this.#hostCount + host;
    const before = this.#threshold[f]!;
    if ((this.#isViable[at] === 1) !== viable) {
      const fenwick = this.#viable[f]!;
      this.#isViable[at] = viable ? 1 : 0;
      fenwick.add(this.#ranks[f]!.rankOf[host]!, viable ? 1 : -1);
      const k = Math.min(this.#placement.limit, fenwick.total);
      this.#threshold[f] = k === 0 ? -1 : fenwick.select(k);
    }
    this.#touch(f, host, this.#values);
    const after = this.#threshold[f]!;
    if (after === before) return;
    const { hostAt } = this.#ranks[f]!;
    if (before >= 0 && hostAt[before] !== host) this.#touch(f, hostAt[before]!, null);
    if (after >= 0 && hostAt[after] !== host) this.#touch(f, hostAt[after]!, null);
  }

  /** Puts a host in flavor f's kept set or takes it out, as its viability and rank say. */
  #touch(f: number, host: number, values: Float64Array | null): void {
    const kept = this.#isViable[f * this.#hostCount + host] === 1 && this.#ranks[f]!.rankOf[host]! <= this.#threshold[f]!;
    let features = values;
    if (features === null) {
      features = this.#otherValues;
      const other = this.#inventory.host(host as HostId);
      for (let i = 0; i < FEATURE_COUNT; i++) features[i] = featureOf(other, i);
    }
    const cls = this.#cls[host]!;
    this.kept!.set(f, host, kept, cls, features);
    this.#keptInService!.set(f, host, kept && cls % STATES === IN_SERVICE, cls, features);
  }
}

const hostClass = (aggregates: readonly Aggregate[], availabilityZone: string, inService: boolean): HostClass => ({
  aggregates,
  availabilityZone,
  inService,
});

/** The candidates of one request, answered by the host index from one of its sets of trees. */
export class IndexedCandidates implements Candidates {
  readonly passMask: number;

  constructor(
    private readonly index: HostIndex,
    readonly trees: HostTrees,
    readonly flavor: Flavor,
    readonly pass: Uint8Array,
    readonly excluded: HostSet,
    readonly count: number,
  ) {
    let mask = 0;
    pass.forEach((p, cls) => {
      if (p === 1) mask |= bitOf(cls);
    });
    this.passMask = mask;
  }

  /** Some class sharing the last mask bit is filtered out, so that bit says nothing about candidates. */
  get sharedBitFiltered(): boolean {
    for (let cls = SHARED_BIT; cls < this.pass.length; cls++) if (this.pass[cls] !== 1) return true;
    return false;
  }

  has(host: HostId): boolean {
    return this.index.isCandidate(this, host);
  }

  extreme(feature: number, sign: 1 | -1): number {
    return this.index.extreme(this, feature, sign);
  }

  best(k: number, scorer: Scorer, skip: ReadonlySet<HostId> | null): HostId[] {
    return this.index.best(this, k, scorer, skip);
  }

  nth(i: number): HostId {
    return this.index.nth(this, i);
  }

  firstFrom(from: number): HostId | null {
    let found: HostId | null = null;
    this.index.walk(this, from, (host) => {
      found = host;
      return true;
    });
    return found;
  }

  list(): HostId[] {
    const hosts: HostId[] = [];
    this.index.walk(this, 0, (host) => {
      hosts.push(host);
      return false;
    });
    return hosts;
  }
}
