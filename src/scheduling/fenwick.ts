/**
 * A Fenwick (binary indexed) tree of counts over positions 0..n-1: add to a
 * position, count a prefix, and find the position of the k-th unit, each in
 * O(log n). The host index keeps one per flavor over Placement's order, to
 * find where the first max_placement_results viable hosts end.
 */
export class Fenwick {
  readonly #tree: Int32Array;
  readonly #top: number;
  #total = 0;

  constructor(readonly size: number) {
    this.#tree = new Int32Array(size + 1);
    let top = 1;
    while (top * 2 <= size) top *= 2;
    this.#top = top;
  }

  /** The sum over every position. */
  get total(): number {
    return this.#total;
  }

  /** Adds `delta` at `position`. */
  add(position: number, delta: number): void {
    this.#total += delta;
    for (let i = position + 1; i <= this.size; i += i & -i) this.#tree[i]! += delta;
  }

  /** The sum over positions 0..position (0 when position < 0). */
  prefix(position: number): number {
    let sum = 0;
    for (let i = Math.min(position, this.size - 1) + 1; i > 0; i -= i & -i) sum += this.#tree[i]!;
    return sum;
  }

  /**
   * The smallest position whose prefix sum reaches k (1 <= k <= total), for
   * counts of 0 and 1: the position of the k-th unit.
   */
  select(k: number): number {
    let position = 0;
    let rest = k;
    for (let step = this.#top; step > 0; step >>= 1) {
      const next = position + step;
      if (next <= this.size && this.#tree[next]! < rest) {
        position = next;
        rest -= this.#tree[next]!;
      }
    }
    return position; // 1-based `position + 1`, so 0-based `position`
  }
}
