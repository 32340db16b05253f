/** An inclusive range of addresses, as numbers. */
export interface AddressRange {
  readonly first: bigint;
  readonly last: bigint;
}

/**
 * The addresses of one subnet and who holds each. Addresses are handed out
 * lowest first from the allocation pools: a cursor walks the pools once,
 * and an address given back below the cursor goes on a min-heap to be
 * handed out again before the cursor moves on. Any address of the subnet
 * (inside the pools or not) may also be claimed by value, as a requested
 * fixed IP is. Every operation is O(log n) in the addresses given back, or
 * amortised O(1) for the cursor, never a scan of the subnet: a /16 or a /64
 * costs what a /28 does.
 */
export class AddressPool<Holder> {
  readonly #ranges: readonly AddressRange[];
  readonly #holders = new Map<bigint, Holder>();
  readonly #returned = new BigintHeap();
  /** The cursor: the range it is in and the next address it has not passed. */
  #range = 0;
  #next: bigint;

  /** `ranges` ascending and disjoint (the scenario checks guarantee it). */
  constructor(ranges: readonly AddressRange[]) {
    this.#ranges = ranges;
    this.#next = ranges[0]?.first ?? 0n;
  }

  get used(): number {
    return this.#holders.size;
  }

  holderOf(address: bigint): Holder | undefined {
    return this.#holders.get(address);
  }

  /** The lowest free address of the pools, now held by `holder`; null when none is left. */
  allocate(holder: Holder): bigint | null {
    while (this.#returned.size > 0) {
      const address = this.#returned.pop();
      // A returned address may have been claimed by value since: skip it.
      if (!this.#holders.has(address)) return this.#take(address, holder);
    }
    for (let range = this.#ranges[this.#range]; range !== undefined; range = this.#ranges[this.#range]) {
      while (this.#next <= range.last) {
        const address = this.#next++;
        if (!this.#holders.has(address)) return this.#take(address, holder);
      }
      this.#range++;
      this.#next = this.#ranges[this.#range]?.first ?? this.#next;
    }
    return null;
  }

  /** Takes one given address for `holder`; false when someone holds it already. */
  claim(address: bigint, holder: Holder): boolean {
    if (this.#holders.has(address)) return false;
    this.#take(address, holder);
    return true;
  }

  /** Gives an address back. One the cursor has passed is handed out again first; one ahead of it the cursor will reach. */
  release(address: bigint): void {
    if (!this.#holders.delete(address)) return;
    if (this.#passed(address)) this.#returned.push(address);
  }

  #take(address: bigint, holder: Holder): bigint {
    this.#holders.set(address, holder);
    return address;
  }

  /** Inside a pool and behind the cursor (addresses outside the pools are never handed out). */
  #passed(address: bigint): boolean {
    for (const [i, r] of this.#ranges.entries()) {
      if (address >= r.first && address <= r.last) return i < this.#range || (i === this.#range && address < this.#next);
    }
    return false;
  }
}

/** A binary min-heap of bigints. */
class BigintHeap {
  readonly #items: bigint[] = [];

  get size(): number {
    return this.#items.length;
  }

  push(value: bigint): void {
    const a = this.#items;
    a.push(value);
    for (let i = a.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (a[parent]! <= a[i]!) break;
      [a[parent], a[i]] = [a[i]!, a[parent]!];
      i = parent;
    }
  }

  /** Removes and returns the least value; the heap must not be empty. */
  pop(): bigint {
    const a = this.#items;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length === 0) return top;
    a[0] = last;
    for (let i = 0; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let least = i;
      if (l < a.length && a[l]! < a[least]!) least = l;
      if (r < a.length && a[r]! < a[least]!) least = r;
      if (least === i) break;
      [a[least], a[i]] = [a[i]!, a[least]!];
      i = least;
    }
    return top;
  }
}
