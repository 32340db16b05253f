import type { Rng } from '../engine/random.js';
import type { Flavor } from '../model/catalog.js';
import type { Host } from '../model/host.js';
import type { HostId, ProjectId } from '../model/ids.js';

/** What the conductor asks the scheduler for (a slimmed RequestSpec). */
export interface PlacementRequest {
  readonly flavor: Flavor;
  readonly project: ProjectId;
  /** Hosts the request must not land on (the source of a move, hosts already tried). */
  readonly ignoreHosts: readonly HostId[];
}

/** A read-only view of the cloud that a policy may consult. */
export interface CloudView {
  readonly hosts: readonly Readonly<Host>[];
  readonly now: number;
}

export type Placement =
  | { readonly kind: 'selected'; readonly host: HostId }
  | { readonly kind: 'no_valid_host'; readonly reason: string };

/** A placement policy: decides, never acts (the cloud layer claims the resources). */
export interface Scheduler {
  readonly name: string;
  select(request: PlacementRequest, view: CloudView, rng: Rng): Placement;
}
