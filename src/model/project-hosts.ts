import type { HostId, ProjectId } from './ids.js';
import { bumpCount } from './host-counts.js';
import type { Inventory, ServerObserver } from './inventory.js';
import type { Server } from './server.js';

const NONE: ReadonlyMap<HostId, number> = new Map();

/**
 * How many of each project's servers each host holds (a moving server
 * counts on both of its hosts until the move ends). An index, not a table
 * of the inventory: whoever reads it (ProjectSpreadWeigher, a plug-in
 * policy's projectServersOn, the co-location figures) keeps its own,
 * following the inventory's attach and detach, O(1) each.
 */
export class ProjectHosts implements ServerObserver {
  readonly #counts: Map<HostId, number>[] = [];

  /** Starts from the servers the hosts hold now. O(servers). */
  constructor(inventory: Inventory) {
    for (const host of inventory.hosts) for (const id of host.servers) this.serverAttached(inventory.servers[id]!, host.id);
  }

  /** A ProjectHosts the inventory keeps up to date. */
  static following(inventory: Inventory): ProjectHosts {
    const index = new ProjectHosts(inventory);
    inventory.observeServers(index);
    return index;
  }

  serverAttached(server: Server, host: HostId): void {
    bumpCount((this.#counts[server.project] ??= new Map()), host, 1);
  }

  serverDetached(server: Server, host: HostId): void {
    bumpCount((this.#counts[server.project] ??= new Map()), host, -1);
  }

  /** The hosts holding the project's servers, with how many each holds. */
  countsOf(project: ProjectId): ReadonlyMap<HostId, number> {
    return this.#counts[project] ?? NONE;
  }

  /** How many of the project's servers the host holds. */
  serversOn(project: ProjectId, host: HostId): number {
    return this.#counts[project]?.get(host) ?? 0;
  }
}
