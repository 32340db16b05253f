import { FEATURE_COUNT } from './features.js';

/** Class masks have 31 usable bits; classes past the 30th share the last bit and are told apart at the leaves. */
export const SHARED_BIT = 30;
export const bitOf = (cls: number): number => 1 << Math.min(cls, SHARED_BIT);

/**
 * One set of hosts per flavor (say, the hosts the flavor fits in), kept
 * for the host index: per flavor and class, how many hosts are in the set,
 * and a segment tree over the hosts in host order whose leaves hold the
 * features of the hosts in the set (absent ones hold -inf/+inf and no
 * class). Each node keeps the maximum and minimum of every feature below
 * it, the mask of their classes and how many there are, which the index
 * searches best-first or counts down.
 *
 * Memory: per flavor, 2 nodes per leaf of 104 bytes each (6 maxima, 6
 * minima, a mask and a count), leaves rounded up to a power of two, and 4
 * bytes per host for the class it is counted under: 100,000 hosts take
 * about 27 MB per flavor.
 */
export class HostTrees {
  /** Leaves: the tree has `size` leaves, the first power of two at or above the host count. */
  readonly size: number;
  readonly max: Float64Array;
  readonly min: Float64Array;
  readonly mask: Int32Array;
  /** How many hosts of the set are under each node. */
  readonly population: Int32Array;
  /** The first host under each node (the same in every flavor's tree). */
  readonly start: Int32Array;
  /** Per flavor and host: the class it is counted under, or -1 when not in the set. */
  readonly #countedAs: Int32Array;
  readonly #perClass: Int32Array;

  constructor(
    readonly flavorCount: number,
    readonly hostCount: number,
    readonly classCount: number,
  ) {
    let size = 1;
    while (size < hostCount) size *= 2;
    this.size = size;
    const nodes = 2 * size * flavorCount;
    this.max = new Float64Array(nodes * FEATURE_COUNT).fill(Number.NEGATIVE_INFINITY);
    this.min = new Float64Array(nodes * FEATURE_COUNT).fill(Number.POSITIVE_INFINITY);
    this.mask = new Int32Array(nodes);
    this.population = new Int32Array(nodes);
    this.start = new Int32Array(2 * size);
    for (let node = 2 * size - 1; node >= 1; node--) this.start[node] = node >= size ? node - size : this.start[2 * node]!;
    this.#countedAs = new Int32Array(flavorCount * hostCount).fill(-1);
    this.#perClass = new Int32Array(flavorCount * classCount);
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
   * it out; says whether its leaf changed (it was or is in the set). The
   * caller climbs the tree after.
   */
  set(f: number, host: number, present: boolean, cls: number, values: Float64Array): boolean {
    const at = f * this.hostCount + host;
    const was = this.#countedAs[at]!;
    if (was < 0 && !present) return false;
    if (was >= 0) this.#perClass[f * this.classCount + was]!--;
    if (present) this.#perClass[f * this.classCount + cls]!++;
    this.#countedAs[at] = present ? cls : -1;
    const leaf = this.slot(f, this.size + host);
    const base = leaf * FEATURE_COUNT;
    for (let i = 0; i < FEATURE_COUNT; i++) {
      this.max[base + i] = present ? values[i]! : Number.NEGATIVE_INFINITY;
      this.min[base + i] = present ? values[i]! : Number.POSITIVE_INFINITY;
    }
    this.mask[leaf] = present ? bitOf(cls) : 0;
    this.population[leaf] = present ? 1 : 0;
    return true;
  }

  /** Brings the host's ancestors up to date, climbing while a node changes (an ancestor moves only when this host was or becomes an extreme). */
  climb(f: number, host: number): void {
    for (let node = (this.size + host) >> 1; node >= 1 && this.#pull(f, node); node >>= 1);
  }

  /** Computes every inner node of every flavor's tree from the leaves. */
  build(): void {
    for (let f = 0; f < this.flavorCount; f++) for (let node = this.size - 1; node >= 1; node--) this.#pull(f, node);
  }

  /** Recomputes a node from its children; says whether it changed. */
  #pull(f: number, node: number): boolean {
    const slot = this.slot(f, node);
    const leftSlot = this.slot(f, 2 * node);
    const base = slot * FEATURE_COUNT;
    const left = leftSlot * FEATURE_COUNT;
    const right = left + FEATURE_COUNT;
    const max = this.max;
    const min = this.min;
    let changed = false;
    for (let i = 0; i < FEATURE_COUNT; i++) {
      const hi = Math.max(max[left + i]!, max[right + i]!);
      const lo = Math.min(min[left + i]!, min[right + i]!);
      if (hi !== max[base + i] || lo !== min[base + i]) changed = true;
      max[base + i] = hi;
      min[base + i] = lo;
    }
    const mask = this.mask[leftSlot]! | this.mask[leftSlot + 1]!;
    const population = this.population[leftSlot]! + this.population[leftSlot + 1]!;
    if (mask !== this.mask[slot] || population !== this.population[slot]) changed = true;
    this.mask[slot] = mask;
    this.population[slot] = population;
    return changed;
  }
}
