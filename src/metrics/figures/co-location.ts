import type { HostId, ProjectId, ServerGroupId } from '../../model/ids.js';
import type { Inventory } from '../../model/inventory.js';
import { ProjectHosts } from '../../model/project-hosts.js';
import { membersOn, type GroupPolicy } from '../../model/server-group.js';
import type { Server } from '../../model/server.js';
import type { RunFacts } from '../run-facts.js';
import { sortedByKey } from '../format.js';

/** Pairs of servers sharing a host at the end, per project and per server group, names sorted (summary.json's `anti_affinity`). */
export interface AntiAffinity {
  readonly projects: Record<string, number>;
  readonly groups: Record<string, { readonly policy: GroupPolicy; readonly members: number; readonly shared_pairs: number }>;
}

/** Pairs among n servers on one host. */
const pairs = (n: number): number => (n * (n - 1)) / 2;

/**
 * Servers that share a host: per project and per server group, the pairs
 * of its servers (members) on one host, summed over hosts (what one host
 * failure takes out together). A moving server counts on both of its hosts
 * until the move ends. Kept exact as servers are attached and detached,
 * O(1) each; totals are O(1) to read.
 */
export class CoLocation {
  /** This figure's own per-project counts, fed here first so the count after each change is known. */
  readonly #projects: ProjectHosts;
  readonly #projectPairs: number[] = [];
  readonly #groupPairs: number[] = [];
  #projectTotal = 0;
  #groupTotal = 0;

  constructor(
    facts: RunFacts,
    /** Read for each server's project and group, and the group's members on a host. */
    private readonly inventory: Inventory,
  ) {
    this.#projects = new ProjectHosts(inventory);
    for (const project of inventory.projects.values()) {
      for (const n of this.#projects.countsOf(project.id).values()) this.#addProject(project.id, pairs(n));
    }
    for (const group of inventory.groups) for (const n of group.hostCounts.values()) this.#addGroup(group.id, pairs(n));
    facts.on('server_attached', (fact) => this.#attached(inventory.servers[fact.server]!, fact.host));
    facts.on('server_detached', (fact) => this.#detached(inventory.servers[fact.server]!, fact.host));
  }

  #attached(server: Server, host: HostId): void {
    this.#projects.serverAttached(server, host);
    // A server joining n - 1 others on the host makes n - 1 new pairs.
    this.#addProject(server.project, this.#projects.serversOn(server.project, host) - 1);
    const group = this.inventory.groupOf(server);
    if (group !== null) this.#addGroup(group.id, membersOn(group, host) - 1);
  }

  #detached(server: Server, host: HostId): void {
    this.#projects.serverDetached(server, host);
    // One leaving n others on the host ends n pairs.
    this.#addProject(server.project, -this.#projects.serversOn(server.project, host));
    const group = this.inventory.groupOf(server);
    if (group !== null) this.#addGroup(group.id, -membersOn(group, host));
  }

  /** Pairs of the project's servers that share a host. */
  projectPairs(project: ProjectId): number {
    return this.#projectPairs[project] ?? 0;
  }

  /** Pairs of the group's members that share a host. */
  groupPairs(group: ServerGroupId): number {
    return this.#groupPairs[group] ?? 0;
  }

  /** Summed over projects. */
  get projectTotal(): number {
    return this.#projectTotal;
  }

  /** Summed over groups. */
  get groupTotal(): number {
    return this.#groupTotal;
  }

  /** summary.json's `anti_affinity`. O(projects + groups), once at the end. */
  antiAffinity(): AntiAffinity {
    const { inventory } = this;
    const projects = new Map([...inventory.projects.values()].map((p) => [p.name, this.projectPairs(p.id)]));
    const groups = new Map(inventory.groups.map((g) => [g.name, { policy: g.policy, members: g.members.size, shared_pairs: this.groupPairs(g.id) }]));
    return { projects: Object.fromEntries(sortedByKey(projects)), groups: Object.fromEntries(sortedByKey(groups)) };
  }

  #addProject(project: ProjectId, delta: number): void {
    this.#projectPairs[project] = (this.#projectPairs[project] ?? 0) + delta;
    this.#projectTotal += delta;
  }

  #addGroup(group: ServerGroupId, delta: number): void {
    this.#groupPairs[group] = (this.#groupPairs[group] ?? 0) + delta;
    this.#groupTotal += delta;
  }
}
