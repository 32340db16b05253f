import { freeOf, reachable, type Host } from '../model/host.js';
import { RESOURCE_CLASSES, subtractFrom, type Resources } from '../model/resources.js';

/** Free capacity as Placement counts it: (total - reserved) x ratio, less the claims. */
export const freeRoom = (host: Host): Resources => ({ vcpus: freeOf(host, 'vcpus'), ramMb: freeOf(host, 'ramMb'), diskGb: freeOf(host, 'diskGb') });

/** How many servers of size `need` fit in `free`: min over the classes it needs of floor(free / need). */
export function slots(free: Readonly<Resources>, need: Readonly<Resources>): number {
  let n = Number.POSITIVE_INFINITY;
  for (const cls of RESOURCE_CLASSES) if (need[cls] > 0) n = Math.min(n, Math.floor(Math.max(0, free[cls]) / need[cls]));
  return n === Number.POSITIVE_INFINITY ? 0 : n;
}

/** A host the scheduler may place on: switched on, up and reachable, its service enabled. */
export const inService = (host: Host): boolean => host.poweredOn && host.enabled && reachable(host) && !host.forcedDown;

/** The fraction of its RAM capacity a host has claimed (its load, for ordering). */
export const ramLoad = (host: Host): number => (host.capacity.ramMb > 0 ? host.used.ramMb / host.capacity.ramMb : 1);

/**
 * Would `servers` all find room on `others`, each (largest RAM first) in
 * the tightest host it fits (least free RAM after it), and how many of
 * `probe` would still fit on `others` afterwards? Resources only: zones,
 * aggregates and server groups are the scheduler's, checked when the moves
 * are requested. O(servers x hosts).
 */
export function vacatePlan(servers: readonly Readonly<Resources>[], others: readonly Host[], probe: Readonly<Resources>): { fits: boolean; headroom: number } {
  const free = others.map(freeRoom);
  const fitsIn = (room: Resources, need: Readonly<Resources>): boolean => RESOURCE_CLASSES.every((cls) => room[cls] >= need[cls]);
  for (const need of [...servers].sort((a, b) => b.ramMb - a.ramMb)) {
    let best: Resources | undefined;
    for (const room of free) if (fitsIn(room, need) && (best === undefined || room.ramMb < best.ramMb)) best = room;
    if (best === undefined) return { fits: false, headroom: 0 };
    subtractFrom(best, need);
  }
  return { fits: true, headroom: free.reduce((sum, room) => sum + slots(room, probe), 0) };
}
