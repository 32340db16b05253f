import type { HostId } from '../../model/ids.js';
import type { Inventory } from '../../model/inventory.js';
import type { Feature } from '../features.js';
import type { PlacementRequest } from '../types.js';

/** A count weigher's non-zero counts for a request; null when it gives every host 0. */
export type HostCounts = (request: PlacementRequest) => ReadonlyMap<HostId, number> | null;

/**
 * A host weigher (Nova's BaseHostWeigher). Its raw weight is either a host
 * feature (free RAM, ...) or a count that is zero on most hosts (group
 * members, failed builds, the project's servers), given as the map of the
 * hosts where it is not. minval/maxval fix the ends of the normalisation,
 * as Nova's weighers may; null takes them from the candidates.
 */
export interface HostWeigher {
  readonly name: string;
  readonly minval: number | null;
  readonly maxval: number | null;
  /** The multiplier Nova applies, from the configured one (BuildFailureWeigher negates it). */
  multiplier(configured: number): number;
  readonly weighs:
    | { readonly kind: 'feature'; readonly feature: Feature }
    | {
        readonly kind: 'count';
        /**
         * Starts keeping the counts: once per scheduler, which then asks the
         * result for each request. A weigher whose counts need an index owns
         * it (an inventory observer it makes here), not the inventory.
         */
        follow(inventory: Inventory): HostCounts;
        raw(count: number): number;
      };
}
