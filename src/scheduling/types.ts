import type { Rng } from '../engine/random.js';
import type { Flavor } from '../model/catalog.js';
import type { Host } from '../model/host.js';
import type { HostId, ProjectId, ServerId } from '../model/ids.js';
import type { PlacementDecision } from '../model/placement-decision.js';
import type { ServerGroup } from '../model/server-group.js';

/** What the conductor asks the scheduler for (a slimmed RequestSpec). */
export interface PlacementRequest {
  /** The server being placed (a move may stay on a host that already holds it). */
  readonly server: ServerId;
  readonly flavor: Flavor;
  readonly project: ProjectId;
  readonly group: ServerGroup | null;
  /** The availability zone asked for; null for any. */
  readonly availabilityZone: string | null;
  /** Hosts the request must not land on (the source of a move, hosts already tried). */
  readonly ignoreHosts: readonly HostId[];
  /** A requested destination (an admin's target host): only these are considered, still filtered unless `forced`. */
  readonly onlyHosts: readonly HostId[] | null;
  /**
   * The destination was forced (create with zone:host): Nova's host manager
   * then returns the forced hosts without running the filters; Placement
   * still checks the resources.
   */
  readonly forced?: boolean;
  /** How many alternates to return beside the chosen host (max_attempts - 1 for a build). */
  readonly alternates: number;
}

/** A placement policy: decides, never acts (the cloud layer claims the resources). */
export interface Scheduler {
  readonly name: string;
  /** max_attempts: a build tries its first host and up to max_attempts - 1 alternates. */
  readonly maxAttempts: number;
  select(request: PlacementRequest, now: number, rng: Rng): PlacementDecision;
}

/** A read-only view of one host, as a plug-in policy sees it. */
export type HostView = Readonly<Host>;
