/** A binary max-heap of tree nodes keyed by (score desc, first host asc). */
export class NodeHeap {
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
