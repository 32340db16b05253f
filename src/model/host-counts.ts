import type { HostId } from './ids.js';

/**
 * Adds `delta` (+1 or -1) to how many servers of some set (a project, a
 * group) a host holds, dropping hosts that reach 0 so the map lists only
 * hosts that hold some; returns the count after.
 */
export function bumpCount(counts: Map<HostId, number>, host: HostId, delta: 1 | -1): number {
  const after = (counts.get(host) ?? 0) + delta;
  if (after === 0) counts.delete(host);
  else counts.set(host, after);
  return after;
}
