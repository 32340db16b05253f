import { freeOf, serviceUp, type Host } from './host.js';
import type { Resources } from './resources.js';

/**
 * The one rule for a host new servers may go to: its compute service is
 * enabled and, as Nova's servicegroup driver judges it at `now`, up. The
 * scheduler's ComputeFilter, the headroom and spare-capacity figures and
 * the operators' workflows all read it, so they agree on every host. It is
 * Nova's view, not the machine's: a host that died counts until
 * service_down_time has passed since its last heartbeat, as it does for
 * the scheduler. (A host switched off is always forced down, so it never
 * counts.)
 */
export const inService = (host: Host, now: number): boolean => host.enabled && serviceUp(host, now);

/** Free capacity per class as Placement counts it: (total - reserved) x ratio, less the claims. */
export const freeRoom = (host: Host): Resources => ({ vcpus: freeOf(host, 'vcpus'), ramMb: freeOf(host, 'ramMb'), diskGb: freeOf(host, 'diskGb') });

/**
 * How many more servers of size `need` fit in `free`: the least, over the
 * classes the size asks for, of floor(free / need). A class it asks none
 * of is not looked at (Placement leaves a zero amount out of the query);
 * negative free room (overcommitted) holds none. A size that asks for
 * nothing fits 0 times (flavors always ask for vCPUs and RAM).
 */
export function fitCount(free: Readonly<Resources>, need: Readonly<Resources>): number {
  return fitCountIn(free.vcpus, free.ramMb, free.diskGb, need);
}

/** fitCount with the free room given class by class, for callers that keep it in typed arrays rather than objects. */
export function fitCountIn(vcpus: number, ramMb: number, diskGb: number, need: Readonly<Resources>): number {
  // Written out per class rather than looped over RESOURCE_CLASSES: the host index calls it on every claim.
  const n = Math.min(times(vcpus, need.vcpus), times(ramMb, need.ramMb), times(diskGb, need.diskGb));
  return n === Number.POSITIVE_INFINITY ? 0 : n;
}

/** How many times `need` fits in `free` of one class; without bound when nothing is asked. */
const times = (free: number, need: number): number => (need > 0 ? Math.floor(Math.max(0, free) / need) : Number.POSITIVE_INFINITY);

/** Would one more server of size `need` fit on the host (Placement's allocation-candidates test)? */
export const fits = (host: Host, need: Readonly<Resources>): boolean => fitCount(freeRoom(host), need) > 0;
