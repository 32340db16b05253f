import { FEATURE_COUNT } from './features.js';

/** Class masks have 31 usable bits; classes past the 30th share the last bit and are told apart at the leaves. */
export const SHARED_BIT = 30;
export const bitOf = (cls: number): number => 1 << Math.min(cls, SHARED_BIT);

const EMPTY_FLOATS = new Float64Array(0);
const EMPTY_INTS = new Int32Array(0);

/**
 * One set of hosts per flavor (say, the hosts the flavor fits in), kept
 * for the host index: per flavor and class, how many hosts are in the set,
 * and a segment tree over the hosts in host order whose leaves hold the
 * features of the hosts in the set (absent ones hold -inf/+inf and no
 * class). Each node keeps the maximum and minimum of every feature below
 * it, the mask of their classes and how many there are, which the index
 * searches best-first or counts down.
 *
 * Memory: per flavor, 4 bytes per host for the class it is counted under
 * and, once searched, 2 nodes per leaf of 104 bytes each (6 maxima, 6
 * minima, a mask and a count; leaves rounded up to a power of two) and a
 * byte per host: 100,000 hosts take about 27 MB per flavor.
 *
 * Upkeep is lazy, because it is paid at every claim and release while most
 * runs read little of it: which hosts are in the set and the class counts
 * are always exact, but the nodes (leaves included) are made only when a
 * search first needs them (`ready`, the leaves from the hosts' features as
 * they are then), a
 * changed leaf's ancestors are brought up to date at the next search (each
 * host once however often it changed, or the whole tree rebuilt when that
 * is cheaper), and of the twelve feature bounds (a maximum and a minimum of
 * each feature) only those some scorer has read (`need`) are kept. Profiled
 * on the full region, climbing every bound of every set at every claim and
 * release was 13% of the run: the default weighers read half of the
 * bounds, the sets of hosts out of service are never searched while
 * ComputeFilter is on, and a request Placement limits searches only the
 * hosts it keeps. Inner nodes are a pure function of the leaves (maxima,
 * minima, masks and counts), so when they are brought up to date changes
 * nothing a search finds.
 */
export class HostTrees {
  /** Leaves: the tree has `size` leaves, the first power of two at or above the host count. */
  readonly size: number;
  // The nodes, made by the first `ready` (read them only after it).
  max = EMPTY_FLOATS;
  min = EMPTY_FLOATS;
  mask = EMPTY_INTS;
  /** How many hosts of the set are under each node. */
  population = EMPTY_INTS;
  /** The first host under each node (the same in every flavor's tree). */
  readonly start: Int32Array;
  /** Per flavor and host: the class it is counted under, or -1 when not in the set. */
  readonly #countedAs: Int32Array;
  readonly #perClass: Int32Array;
  /** Are the inner nodes built (and kept up to date from then on)? */
  #built = false;
  /** Leaves changed since the last search, as flavor x hostCount + host, each once. */
  readonly #changed: number[] = [];
  #isChanged = new Uint8Array(0);
  /** The bounds kept up the tree: feature indexes whose maxima, and whose minima, some scorer reads. */
  readonly #maxima: number[] = [];
  readonly #minima: number[] = [];

  constructor(
    readonly flavorCount: number,
    readonly hostCount: number,
    readonly classCount: number,
    /** Writes a host's features (FEATURE_COUNT values) to `out`: the leaves are made from them. */
    private readonly featuresOf: (host: number, out: Float64Array) => void,
  ) {
    let size = 1;
    while (size < hostCount) size *= 2;
    this.size = size;
    this.start = new Int32Array(2 * size);
    for (let node = 2 * size - 1; node >= 1; node--) this.start[node] = node >= size ? node - size : this.start[2 * node]!;
    this.#countedAs = new Int32Array(flavorCount * hostCount).fill(-1);
    this.#perClass = new Int32Array(flavorCount * classCount);
    this.#isChanged = new Uint8Array(flavorCount * hostCount);
  }

  /** Is the host in flavor f's set? */
  has(f: number, host: number): boolean {
    return this.#countedAs[f * this.hostCount + host]! >= 0;
  }

  /** Hosts of class `cls` in flavor f's set. */
  count(f: number, cls: number): number {
    return this.#perClass[f * this.classCount + cls]!;
  }

  /** Node `node` of flavor f's tree, as an index into the node arrays. */
  slot(f: number, node: number): number {
    return f * 2 * this.size + node;
  }

  /**
   * Puts the host in flavor f's set (with its class and features) or takes
   * it out.
   */
  set(f: number, host: number, present: boolean, cls: number, values: Float64Array): void {
    const at = f * this.hostCount + host;
    const was = this.#countedAs[at]!;
    if (was < 0 && !present) return;
    if (was >= 0) this.#perClass[f * this.classCount + was]!--;
    if (present) this.#perClass[f * this.classCount + cls]!++;
    this.#countedAs[at] = present ? cls : -1;
    if (!this.#built) return;
    this.#setLeaf(f, host, present ? cls : -1, values);
    // Its ancestors are brought up to date at the next search.
    if (this.#isChanged[at] === 1) return;
    this.#isChanged[at] = 1;
    this.#changed.push(at);
  }

  /** Writes the leaf of a host in flavor f's tree: its features and class, or nothing (cls -1: not in the set). */
  #setLeaf(f: number, host: number, cls: number, values: Float64Array): void {
    const present = cls >= 0;
    const leaf = this.slot(f, this.size + host);
    const base = leaf * FEATURE_COUNT;
    for (let i = 0; i < FEATURE_COUNT; i++) {
      this.max[base + i] = present ? values[i]! : Number.NEGATIVE_INFINITY;
      this.min[base + i] = present ? values[i]! : Number.POSITIVE_INFINITY;
    }
    this.mask[leaf] = present ? bitOf(cls) : 0;
    this.population[leaf] = present ? 1 : 0;
  }

  /** Makes the nodes: leaves from the hosts in the sets as they are now, then every inner node. */
  #build(): void {
    this.#built = true;
    const nodes = 2 * this.size * this.flavorCount;
    this.max = new Float64Array(nodes * FEATURE_COUNT).fill(Number.NEGATIVE_INFINITY);
    this.min = new Float64Array(nodes * FEATURE_COUNT).fill(Number.POSITIVE_INFINITY);
    this.mask = new Int32Array(nodes);
    this.population = new Int32Array(nodes);
    this.#isChanged = new Uint8Array(this.flavorCount * this.hostCount);
    const values = new Float64Array(FEATURE_COUNT);
    for (let host = 0; host < this.hostCount; host++) {
      let read = false;
      for (let f = 0; f < this.flavorCount; f++) {
        const cls = this.#countedAs[f * this.hostCount + host]!;
        if (cls < 0) continue;
        if (!read) this.featuresOf(host, values);
        read = true;
        this.#setLeaf(f, host, cls, values);
      }
    }
    this.#rebuild();
  }

  /** Computes every inner node of every flavor's tree from the leaves. */
  #rebuild(): void {
    for (let f = 0; f < this.flavorCount; f++) for (let node = this.size - 1; node >= 1; node--) this.#pull(f, node);
  }

  /** Makes the inner nodes (masks, counts and the bounds kept) agree with the leaves: built the first time, then brought up to date. */
  ready(): void {
    const changed = this.#changed;
    if (!this.#built) return this.#build();
    if (changed.length === 0) return;
    // A climb costs up to log2(size) pulls, a rebuild flavorCount x size.
    if (changed.length * Math.log2(this.size) > this.flavorCount * this.size) this.#rebuild();
    else {
      for (const at of changed) {
        const f = Math.floor(at / this.hostCount);
        // Climb while a node changes: an ancestor moves only when this host was or becomes an extreme.
        for (let node = (this.size + at - f * this.hostCount) >> 1; node >= 1 && this.#pull(f, node); node >>= 1);
      }
    }
    for (const at of changed) this.#isChanged[at] = 0;
    changed.length = 0;
  }

  /** Makes the inner nodes hold the maxima (sign 1) or minima (sign -1) of a feature, built from the leaves the first time. */
  need(feature: number, sign: 1 | -1): void {
    this.ready();
    const kept = sign > 0 ? this.#maxima : this.#minima;
    if (kept.includes(feature)) return;
    kept.push(feature);
    const values = sign > 0 ? this.max : this.min;
    const pick = sign > 0 ? Math.max : Math.min;
    for (let f = 0; f < this.flavorCount; f++) {
      for (let node = this.size - 1; node >= 1; node--) {
        const left = this.slot(f, 2 * node) * FEATURE_COUNT + feature;
        values[this.slot(f, node) * FEATURE_COUNT + feature] = pick(values[left]!, values[left + FEATURE_COUNT]!);
      }
    }
  }

  /** Recomputes a node from its children (the bounds kept); says whether it changed. */
  #pull(f: number, node: number): boolean {
    const slot = this.slot(f, node);
    const leftSlot = this.slot(f, 2 * node);
    const base = slot * FEATURE_COUNT;
    const left = leftSlot * FEATURE_COUNT;
    const right = left + FEATURE_COUNT;
    let changed = false;
    const max = this.max;
    for (const i of this.#maxima) {
      const hi = Math.max(max[left + i]!, max[right + i]!);
      if (hi !== max[base + i]) {
        max[base + i] = hi;
        changed = true;
      }
    }
    const min = this.min;
    for (const i of this.#minima) {
      const lo = Math.min(min[left + i]!, min[right + i]!);
      if (lo !== min[base + i]) {
        min[base + i] = lo;
        changed = true;
      }
    }
    const mask = this.mask[leftSlot]! | this.mask[leftSlot + 1]!;
    const population = this.population[leftSlot]! + this.population[leftSlot + 1]!;
    if (mask !== this.mask[slot] || population !== this.population[slot]) changed = true;
    this.mask[slot] = mask;
    this.population[slot] = population;
    return changed;
  }
}
