import type { Aggregate } from '../../model/aggregate.js';
import type { HostId } from '../../model/ids.js';
import type { Inventory } from '../../model/inventory.js';
import type { PlacementRequest } from '../types.js';

/**
 * What a class filter may look at: the host's aggregates (and so its zone)
 * and whether it is in service (model/capacity.ts). Hosts alike in these
 * form one class, so the host index asks a class filter once per class,
 * not once per host.
 */
export interface HostClass {
  readonly aggregates: readonly Aggregate[];
  readonly availabilityZone: string;
  readonly inService: boolean;
}

/**
 * A filter prepared for one request, in one of three shapes the index can
 * apply without visiting every host: a test on the host's class, a short
 * list of hosts to remove, or a short list of hosts to keep.
 */
export type FilterStep =
  | { readonly kind: 'class'; passes(hostClass: HostClass): boolean }
  | { readonly kind: 'exclude'; readonly hosts: readonly HostId[] }
  | { readonly kind: 'restrict'; readonly hosts: readonly HostId[] };

/** A host filter (Nova's BaseHostFilter): null from prepare means it passes every host for this request. */
export interface HostFilter {
  readonly name: string;
  prepare(request: PlacementRequest, inventory: Inventory): FilterStep | null;
}
