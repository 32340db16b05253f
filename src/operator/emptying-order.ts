import type { Host } from '../model/host.js';
import type { HostId } from '../model/ids.js';
import type { HostObserver, Inventory, ServerObserver } from '../model/inventory.js';
import { ramLoad } from './room.js';

const holdsServers = (host: Host): boolean => host.servers.size > 0;

/** Consolidation's order: the cheapest host to empty first (fewest servers, then least RAM used, then host order). */
export const cheapestToEmpty = (a: Host, b: Host): number => a.servers.size - b.servers.size || ramLoad(a) - ramLoad(b) || a.id - b.id;

/**
 * The hosts that hold servers, in consolidation's order, kept sorted while
 * a run lasts: a run asks for the order once per host it empties, and
 * between two asks only the hosts whose servers or claims changed move
 * (their servers come and go through the inventory's observers). Those are
 * taken out, sorted and merged back (if they still hold servers), O(hosts
 * held) instead of a sort of every host: on the full region (10,000 hosts,
 * a few hundred hosts emptied a night) sorting every host at each ask was
 * 5% of the run. Empty hosts are left out because a run has nothing to
 * empty there, and at night most are (switched off): they were most of
 * what each ask walked.
 */
export class EmptyingOrder implements HostObserver, ServerObserver {
  /** The hosts in order as of the last ask; null outside a run (then nothing is tracked). */
  #order: Host[] | null = null;
  readonly #changed = new Set<HostId>();
  readonly #isMoved: Uint8Array;

  constructor(private readonly inventory: Inventory) {
    this.#isMoved = new Uint8Array(inventory.hosts.length);
    inventory.observe(this);
    inventory.observeServers(this);
  }

  hostChanged(host: Host): void {
    if (this.#order !== null) this.#changed.add(host.id);
  }

  serverAttached(_server: unknown, host: HostId): void {
    if (this.#order !== null) this.#changed.add(host);
  }

  serverDetached(_server: unknown, host: HostId): void {
    if (this.#order !== null) this.#changed.add(host);
  }

  /** The hosts that hold servers, cheapest to empty first, as they are now. */
  hosts(): readonly Host[] {
    const changed = this.#changed;
    if (this.#order === null || changed.size * Math.log2(changed.size + 1) > this.inventory.hosts.length) {
      this.#order = this.inventory.hosts.filter(holdsServers).sort(cheapestToEmpty);
    } else if (changed.size > 0) {
      const moved = [...changed].map((id) => this.inventory.host(id)).filter(holdsServers).sort(cheapestToEmpty);
      const isMoved = this.#isMoved;
      for (const id of changed) isMoved[id] = 1;
      const order: Host[] = [];
      let m = 0;
      for (const host of this.#order) {
        if (isMoved[host.id] === 1) continue;
        while (m < moved.length && cheapestToEmpty(moved[m]!, host) < 0) order.push(moved[m++]!);
        order.push(host);
      }
      while (m < moved.length) order.push(moved[m++]!);
      for (const id of changed) isMoved[id] = 0;
      this.#order = order;
    }
    changed.clear();
    return this.#order;
  }

  /** The run is over: stop tracking (the next run sorts afresh). */
  forget(): void {
    this.#order = null;
    this.#changed.clear();
  }
}
