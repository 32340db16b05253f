import { fitCount, freeRoom } from '../model/capacity.js';
import type { Host } from '../model/host.js';
import { subtractFrom, type Resources } from '../model/resources.js';

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
  for (const need of [...servers].sort((a, b) => b.ramMb - a.ramMb)) {
    let best: Resources | undefined;
    for (const room of free) if (fitCount(room, need) > 0 && (best === undefined || room.ramMb < best.ramMb)) best = room;
    if (best === undefined) return { fits: false, headroom: 0 };
    subtractFrom(best, need);
  }
  return { fits: true, headroom: free.reduce((sum, room) => sum + fitCount(room, probe), 0) };
}
