import type { Aggregate } from '../model/aggregate.js';
import type { Flavor } from '../model/catalog.js';
import { fitCount, freeRoom, inService } from '../model/capacity.js';
import { serviceUp, type Host } from '../model/host.js';
import type { HostId } from '../model/ids.js';
import type { HostObserver, Inventory } from '../model/inventory.js';
import type { Candidates } from './candidates.js';
import { FEATURE_COUNT, featureOf } from './features.js';
import type { HostClass } from './filters/types.js';
import { featureScorer, type Scorer } from './scorer.js';

/** Class masks have 31 usable bits; classes past the 30th share the last bit and are told apart at the leaves. */
const SHARED_BIT = 30;
const bitOf = (cls: number): number => 1 << Math.min(cls, SHARED_BIT);

/**
 * An index over the hosts that answers placement questions without
 * visiting every host:
 *
 * - hosts fall in classes (same aggregates, so same zone; in service or
 *   not), so class filters are asked once per class;
 * - per flavor and class, the number of hosts the flavor fits in, so
 *   every filter's before/after count is a sum over classes;
 * - per flavor, a segment tree over the hosts in host order holding only
 *   the hosts the flavor fits in: each node keeps the maximum and minimum
 *   of every feature and the mask of classes below it, and is searched
 *   best-first with the scorer's bounds (branch and bound). Keeping one
 *   tree per flavor makes the bounds come from hosts that can take the
 *   server, which is what keeps stacking policies (the least free host that
 *   still fits) from visiting the many hosts that are nearly full. Ties go
 *   to the lower host id, exactly as a plain scan ranks them.
 *
 * Memory: per flavor about 100 bytes per host (2 nodes of 6 maxima, 6
 * minima and a mask), so 100,000 hosts and 4 flavors take about 100 MB.
 *
 * It follows the inventory as a HostObserver; a host whose service is due
 * to go down is re-checked at the next request, so the index is exact at
 * every request whatever the order of events at one instant.
 */
export class HostIndex implements HostObserver {
  readonly #inventory: Inventory;
  readonly #hostCount: number;
  readonly #size: number;
  readonly #max: Float64Array;
  readonly #min: Float64Array;
  readonly #mask: Int32Array;
  readonly #start: Int32Array;
  readonly #classes: HostClass[] = [];
  readonly #staticClass: Int32Array;
  readonly #cls: Int32Array;
  readonly #flavors: Flavor[];
  readonly #fits: Uint8Array;
  readonly #hostsFitting: Int32Array;
  readonly #pending = new Set<HostId>();
  readonly #heap = new NodeHeap();
  readonly #values = new Float64Array(FEATURE_COUNT);
  #now = 0;

  constructor(inventory: Inventory) {
    this.#inventory = inventory;
    const n = inventory.hosts.length;
    this.#hostCount = n;
    let size = 1;
    while (size < n) size *= 2;
    this.#size = size;
    this.#flavors = [...inventory.flavors.values()].sort((a, b) => a.id - b.id);
    const nodes = 2 * size * this.#flavors.length;
    this.#max = new Float64Array(nodes * FEATURE_COUNT).fill(Number.NEGATIVE_INFINITY);
    this.#min = new Float64Array(nodes * FEATURE_COUNT).fill(Number.POSITIVE_INFINITY);
    this.#mask = new Int32Array(nodes);
    this.#start = new Int32Array(2 * size);
    for (let node = 2 * size - 1; node >= 1; node--) this.#start[node] = node >= size ? node - size : this.#start[2 * node]!;
    this.#staticClass = new Int32Array(n);
    this.#cls = new Int32Array(n).fill(-1);
    this.#fits = new Uint8Array(this.#flavors.length * n);

    const byKey = new Map<string, number>();
    for (const host of inventory.hosts) {
      const key = host.aggregates.map((a) => a.id).join(',');
      let sid = byKey.get(key);
      if (sid === undefined) {
        sid = byKey.size;
        byKey.set(key, sid);
        this.#classes.push(hostClass(host.aggregates, host.availabilityZone, false), hostClass(host.aggregates, host.availabilityZone, true));
      }
      this.#staticClass[host.id] = sid;
    }
    this.#hostsFitting = new Int32Array(this.#flavors.length * this.#classes.length);
    for (const host of inventory.hosts) this.#refreshLeaf(host);
    for (const flavor of this.#flavors) for (let node = size - 1; node >= 1; node--) this.#pull(flavor, node);
    inventory.observe(this);
  }

  get classes(): readonly HostClass[] {
    return this.#classes;
  }

  hostChanged(host: Host): void {
    this.#refreshLeaf(host);
    // Climb while the node changes: an ancestor's extremes move only when this host was or becomes one.
    for (const flavor of this.#flavors) {
      for (let node = (this.#size + host.id) >> 1; node >= 1 && this.#pull(flavor, node); node >>= 1);
    }
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

  fitsFlavor(flavor: Flavor, host: HostId): boolean {
    return this.#fits[flavor.id * this.#hostCount + host] === 1;
  }

  /** Hosts of class `cls` the flavor fits in. */
  hostsFitting(flavor: Flavor, cls: number): number {
    return this.#hostsFitting[flavor.id * this.#classes.length + cls]!;
  }

  /** The candidates left by class filters (`pass`, per class) and explicit exclusions. */
  candidates(flavor: Flavor, pass: Uint8Array, excluded: ReadonlySet<HostId>, count: number): Candidates {
    return new IndexedCandidates(this, flavor, pass, excluded, count);
  }

  /** Is the host a candidate of the query (class passes, flavor fits, not excluded)? */
  isCandidate(q: IndexedCandidates, host: number): boolean {
    return host < this.#hostCount && q.pass[this.#cls[host]!] === 1 && this.#fits[q.flavor.id * this.#hostCount + host] === 1 && !q.excluded.has(host as HostId);
  }

  /** Node `node` of the flavor's tree, as an index into the node arrays. */
  #slot(flavor: Flavor, node: number): number {
    return flavor.id * 2 * this.#size + node;
  }

  /** Can the subtree at `node` hold a candidate of the query? (only hosts the flavor fits are in its tree) */
  #mayHold(q: IndexedCandidates, node: number): boolean {
    return (this.#mask[this.#slot(q.flavor, node)]! & q.passMask) !== 0;
  }

  /**
   * The largest or smallest feature value among the query's candidates: read
   * at the root when every host in the flavor's tree is a candidate (no
   * class filtered out, nothing excluded), else found by a search.
   */
  extreme(q: IndexedCandidates, feature: number, sign: 1 | -1): number {
    const root = this.#slot(q.flavor, 1);
    if (q.excluded.size === 0 && (this.#mask[root]! & ~q.passMask) === 0 && !q.sharedBitFiltered) {
      return (sign > 0 ? this.#max : this.#min)[root * FEATURE_COUNT + feature]!;
    }
    const host = this.best(q, 1, featureScorer(feature, sign), null)[0]!;
    return featureOf(this.#inventory.host(host), feature);
  }

  /** Best-first search for the k best candidates (score desc, host order), leaving out `skip`. */
  best(q: IndexedCandidates, k: number, scorer: Scorer, skip: ReadonlySet<HostId> | null): HostId[] {
    const found: HostId[] = [];
    if (k <= 0 || q.count === 0) return found;
    const heap = this.#heap;
    heap.clear();
    const push = (node: number): void => {
      if (node >= this.#size) {
        const id = node - this.#size;
        if (!this.isCandidate(q, id) || (skip !== null && skip.has(id as HostId))) return;
        heap.push(scorer.score(this.#inventory.host(id as HostId)), id, node);
      } else if (this.#mayHold(q, node)) {
        heap.push(scorer.bound(this.#max, this.#min, this.#slot(q.flavor, node) * FEATURE_COUNT), this.#start[node]!, node);
      }
    };
    push(1);
    while (heap.size > 0 && found.length < k) {
      const node = heap.pop();
      if (node >= this.#size) found.push((node - this.#size) as HostId);
      else {
        push(2 * node);
        push(2 * node + 1);
      }
    }
    return found;
  }

  /** Visits the candidates at or after `from` in host order until `visit` returns true. */
  walk(q: IndexedCandidates, from: number, visit: (host: HostId) => boolean): void {
    const stack = [1];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node >= this.#size) {
        const id = node - this.#size;
        if (id >= from && this.isCandidate(q, id) && visit(id as HostId)) return;
        continue;
      }
      if (!this.#mayHold(q, node)) continue;
      // Right child first onto the stack so the left one is visited first. The left child ends where
      // the right one starts: skip it when that is not past `from`.
      stack.push(2 * node + 1);
      if (this.#start[2 * node + 1]! > from) stack.push(2 * node);
    }
  }

  #refreshLeaf(host: Host): void {
    const ok = inService(host, this.#now);
    if (ok && host.downSince !== Number.POSITIVE_INFINITY) this.#pending.add(host.id);
    else this.#pending.delete(host.id);
    const cls = this.#staticClass[host.id]! * 2 + (ok ? 1 : 0);
    const before = this.#cls[host.id]!;
    const classCount = this.#classes.length;
    const room = freeRoom(host);
    for (const flavor of this.#flavors) {
      const slot = flavor.id * this.#hostCount + host.id;
      const was = this.#fits[slot] === 1;
      const now = fitCount(room, flavor) > 0;
      if (was && before >= 0) this.#hostsFitting[flavor.id * classCount + before]!--;
      if (now) this.#hostsFitting[flavor.id * classCount + cls]!++;
      this.#fits[slot] = now ? 1 : 0;
    }
    this.#cls[host.id] = cls;
    const values = this.#values;
    for (let f = 0; f < FEATURE_COUNT; f++) values[f] = featureOf(host, f);
    for (const flavor of this.#flavors) {
      const leaf = this.#slot(flavor, this.#size + host.id);
      const base = leaf * FEATURE_COUNT;
      const present = this.#fits[flavor.id * this.#hostCount + host.id] === 1;
      for (let f = 0; f < FEATURE_COUNT; f++) {
        this.#max[base + f] = present ? values[f]! : Number.NEGATIVE_INFINITY;
        this.#min[base + f] = present ? values[f]! : Number.POSITIVE_INFINITY;
      }
      this.#mask[leaf] = present ? bitOf(cls) : 0;
    }
  }

  /** Recomputes a node from its children; says whether it changed. */
  #pull(flavor: Flavor, node: number): boolean {
    const slot = this.#slot(flavor, node);
    const leftSlot = this.#slot(flavor, 2 * node);
    const base = slot * FEATURE_COUNT;
    const left = leftSlot * FEATURE_COUNT;
    const right = left + FEATURE_COUNT;
    const max = this.#max;
    const min = this.#min;
    let changed = false;
    for (let f = 0; f < FEATURE_COUNT; f++) {
      const hi = Math.max(max[left + f]!, max[right + f]!);
      const lo = Math.min(min[left + f]!, min[right + f]!);
      if (hi !== max[base + f] || lo !== min[base + f]) changed = true;
      max[base + f] = hi;
      min[base + f] = lo;
    }
    const mask = this.#mask[leftSlot]! | this.#mask[leftSlot + 1]!;
    if (mask !== this.#mask[slot]) changed = true;
    this.#mask[slot] = mask;
    return changed;
  }
}

const hostClass = (aggregates: readonly Aggregate[], availabilityZone: string, inService: boolean): HostClass => ({
  aggregates,
  availabilityZone,
  inService,
});

/** The candidates of one request, answered by the host index. */
export class IndexedCandidates implements Candidates {
  readonly passMask: number;

  constructor(
    private readonly index: HostIndex,
    readonly flavor: Flavor,
    readonly pass: Uint8Array,
    readonly excluded: ReadonlySet<HostId>,
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
    let seen = 0;
    let found = -1;
    this.index.walk(this, 0, (host) => {
      if (seen++ < i) return false;
      found = host;
      return true;
    });
    return found as HostId;
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

/** A binary max-heap of tree nodes keyed by (score desc, first host asc). */
class NodeHeap {
  readonly #keys: number[] = [];
  readonly #starts: number[] = [];
  readonly #nodes: number[] = [];

  get size(): number {
    return this.#nodes.length;
  }

  clear(): void {
    this.#keys.length = 0;
    this.#starts.length = 0;
    this.#nodes.length = 0;
  }

  push(key: number, start: number, node: number): void {
    let i = this.#nodes.length;
    this.#keys.push(key);
    this.#starts.push(start);
    this.#nodes.push(node);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#before(i, parent)) break;
      this.#swap(i, parent);
      i = parent;
    }
  }

  pop(): number {
    const top = this.#nodes[0]!;
    const last = this.#nodes.length - 1;
    this.#swap(0, last);
    this.#keys.pop();
    this.#starts.pop();
    this.#nodes.pop();
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < last && this.#before(l, m)) m = l;
      if (r < last && this.#before(r, m)) m = r;
      if (m === i) break;
      this.#swap(i, m);
      i = m;
    }
    return top;
  }

  #before(a: number, b: number): boolean {
    const ka = this.#keys[a]!;
    const kb = this.#keys[b]!;
    return ka > kb || (ka === kb && this.#starts[a]! < this.#starts[b]!);
  }

  #swap(a: number, b: number): void {
    const key = this.#keys[a]!;
    this.#keys[a] = this.#keys[b]!;
    this.#keys[b] = key;
    const start = this.#starts[a]!;
    this.#starts[a] = this.#starts[b]!;
    this.#starts[b] = start;
    const node = this.#nodes[a]!;
    this.#nodes[a] = this.#nodes[b]!;
    this.#nodes[b] = node;
  }
}
