import type { HostId } from '../model/ids.js';

/**
 * A set of hosts as flags over the host ids: what a request leaves out of
 * the host index's answer. Built for thousands of members (a consolidation
 * move lists every non-empty host in service, so every other host is left
 * out, at every move) without the hashing a Set pays per member.
 */
export class HostSet {
  /** Made at the first member: most requests leave no host out, and a million of them should not each clear 10,000 bytes. */
  #flags: Uint8Array | null = null;
  readonly #members: HostId[] = [];

  constructor(private readonly hostCount: number) {}

  /** Every host below `hostCount` not in `hosts`. O(hostCount). */
  static complementOf(hosts: readonly HostId[], hostCount: number): HostSet {
    const set = new HostSet(hostCount);
    const flags = new Uint8Array(hostCount);
    set.#flags = flags;
    for (const host of hosts) flags[host] = 1;
    for (let host = 0; host < hostCount; host++) {
      const out = flags[host] === 0;
      flags[host] = out ? 1 : 0;
      if (out) set.#members.push(host as HostId);
    }
    return set;
  }

  get size(): number {
    return this.#members.length;
  }

  has(host: HostId): boolean {
    return this.#flags !== null && this.#flags[host] === 1;
  }

  /** Adds the host; false when it was already in. */
  add(host: HostId): boolean {
    this.#flags ??= new Uint8Array(this.hostCount);
    if (this.#flags[host] === 1) return false;
    this.#flags[host] = 1;
    this.#members.push(host);
    return true;
  }

  [Symbol.iterator](): Iterator<HostId> {
    return this.#members[Symbol.iterator]();
  }
}
