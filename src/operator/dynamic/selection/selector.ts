import type { Resident, ServerLoad } from '../types.js';

/**
 * Chooses the next server to move off an overloaded host, or null when none
 * can go. Servers already in a live migration are never chosen.
 */
export interface ServerSelector {
  /** The policy's name as results show it: MMT, MU, MC, RS. */
  readonly name: string;
  select(residents: readonly Resident[]): ServerLoad | null;
}

/** The servers that may be chosen, in the host's list order. */
export const movable = (residents: readonly Resident[]): ServerLoad[] => residents.filter((r) => !r.server.migrating).map((r) => r.server);

/** The first server with the smallest `metric` (ties go to the earlier one). */
export function firstMinimum(servers: readonly ServerLoad[], metric: (s: ServerLoad) => number): ServerLoad | null {
  let best: ServerLoad | null = null;
  let min = Number.MAX_VALUE;
  for (const s of servers) {
    const m = metric(s);
    if (m < min) {
      min = m;
      best = s;
    }
  }
  return best;
}
