import type { Rng } from '../engine/random.js';
import type { HostId, ProjectId } from '../model/ids.js';
import type { Inventory } from '../model/inventory.js';
import type { PlacementDecision } from '../model/placement-decision.js';
import { ProjectHosts } from '../model/project-hosts.js';
import type { Candidates } from './candidates.js';
import { filterByIndex, filterByScan } from './filtering.js';
import type { HostFilter } from './filters/types.js';
import { HostIndex } from './host-index.js';
import type { PlacementStage } from './placement-stage.js';
import { isIndexed, type Choice, type ListPolicy, type PlacementPolicy, type PolicyContext } from './policy.js';
import type { PlacementRequest, Scheduler } from './types.js';

/** A plug-in policy that broke its contract: the run stops with this message. */
export class PolicyError extends Error {}

const NO_HOST: Choice = { chosen: null, alternates: [], top: [] };

/**
 * Nova's scheduler: Placement's resource query (cut to
 * max_placement_results unless the request has a group or a target), the
 * enabled filters, then the policy's choice among the hosts that pass
 * (weighing for the filter scheduler, or a research policy), with
 * alternates for reschedules.
 * Filtering, and the questions an indexed policy asks of the candidates,
 * are answered by the host index unless `indexed` is false, when every
 * host is scanned (the reference the index is tested against). A policy
 * that reads a list gets the candidates listed from the index: that still
 * spares it the scan of every host through every filter.
 */
export class NovaScheduler implements Scheduler {
  readonly name: string;
  readonly #index: HostIndex | null;
  /** Made when a policy first asks how many of a project's servers a host holds. */
  #projects: ProjectHosts | null = null;

  constructor(
    private readonly inventory: Inventory,
    private readonly filters: readonly HostFilter[],
    private readonly policy: PlacementPolicy,
    readonly maxAttempts: number,
    private readonly placement: PlacementStage,
    indexed: boolean | HostIndex = true,
  ) {
    this.name = policy.name;
    this.#index = indexed === true ? new HostIndex(inventory, placement) : indexed === false ? null : indexed;
  }

  /** The host index this scheduler asks (null when it scans), for another scheduler to share. */
  get hostIndex(): HostIndex | null {
    return this.#index;
  }

  select(request: PlacementRequest, now: number, rng: Rng): PlacementDecision {
    const index = this.#index;
    index?.sync(now);
    const filtered =
      index === null
        ? filterByScan(request, this.filters, this.inventory, now, this.placement)
        : filterByIndex(request, this.filters, this.inventory, index, now, this.placement);
    const choice = filtered.candidates.count === 0 ? NO_HOST : this.#choose(request, filtered.candidates, now, rng);
    return { policy: this.name, hosts: filtered.hosts, filters: filtered.trail, chosen: choice.chosen, alternates: choice.alternates, top: choice.top };
  }

  #choose(request: PlacementRequest, candidates: Candidates, now: number, rng: Rng): Choice {
    const { policy } = this;
    const context: PolicyContext = { now, rng, hosts: this.inventory.hosts, projectServersOn: this.#serversOn };
    const choice = isIndexed(policy) ? policy.choose(request, candidates, context) : { chosen: this.#listed(policy, request, candidates, context), alternates: [], top: [] };
    // A plug-in may take either form: whichever it takes, it may only choose a host that passed the filters.
    if (choice.chosen !== null && !candidates.has(choice.chosen)) {
      const host = this.inventory.hosts[choice.chosen]?.name ?? `#${choice.chosen}`;
      throw new PolicyError(`policy ${policy.name} chose host ${host}, which did not pass the filters`);
    }
    return choice;
  }

  readonly #serversOn = (project: ProjectId, host: HostId): number =>
    (this.#projects ??= ProjectHosts.following(this.inventory)).serversOn(project, host);

  /** A policy that reads the list (a researcher's module): its errors stop the run, naming it. */
  #listed(policy: ListPolicy, request: PlacementRequest, candidates: Candidates, context: PolicyContext): HostId | null {
    const hosts = candidates.list().map((id) => this.inventory.host(id));
    try {
      return policy.select(request, hosts, context)?.id ?? null;
    } catch (e) {
      throw new PolicyError(`plug-in policy ${policy.name} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
