import type { Rng } from '../engine/random.js';
import type { HostId, ProjectId } from '../model/ids.js';
import type { HostView, PlacementRequest } from './types.js';

/** What a plug-in policy may read besides the candidates. */
export interface PolicyContext {
  readonly now: number;
  /** The scheduler's own random stream: draw from it (never an ambient source) so runs repeat. */
  readonly rng: Rng;
  /** Every host of the cloud, in host order (candidates are a subset). */
  readonly hosts: readonly HostView[];
  /** How many of a project's servers a host holds. */
  projectServersOn(project: ProjectId, host: HostId): number;
}

/**
 * A placement policy written by a researcher: a module that exports one of
 * these (as `default` or as `policy`). It is given the request and the
 * hosts that passed Nova's enabled filters (room for the flavor, compute
 * service up and enabled, zone, server group rules), in host order, and
 * returns one of them or null (NoValidHost).
 */
export interface PlacementPolicy {
  readonly name: string;
  select(request: PlacementRequest, candidates: readonly HostView[], context: PolicyContext): HostView | null;
}
