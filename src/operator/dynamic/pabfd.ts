import type { OverloadDetector } from './overload/detector.js';
import type { PlanningHost } from './planning-host.js';
import { totalRequested, type DestinationRule, type ServerLoad } from './types.js';

/**
 * Power-Aware Best Fit Decreasing's choice of host for one server
 * (findHostForVm): among the hosts not excluded that can take it, and that
 * it would not overload (a host using no CPU is never refused that way),
 * the one whose draw rises least, first in host order on a tie. The rise is
 * watts at the utilisation after the move minus watts now, "now" being the
 * last update's: a switched-off host counts at its idle draw, so waking one
 * costs only the slope of its curve. Null when no host can take it.
 * `allowed`, when given, refuses hosts besides (novasim's own model: the
 * hosts Nova's scheduler filters would refuse the server).
 */
export function powerAwareBestFit(
  hosts: readonly PlanningHost[],
  server: ServerLoad,
  excluded: ReadonlySet<PlanningHost>,
  detector: OverloadDetector,
  allowed?: DestinationRule,
): PlanningHost | null {
  let best: PlanningHost | null = null;
  let minRise = Number.MAX_VALUE;
  for (const host of hosts) {
    if (excluded.has(host) || !host.suitable(server)) continue;
    if (allowed !== undefined && !allowed(server, host.id)) continue;
    const used = host.usedSpeed();
    if (used !== 0 && overloadedWith(host, server, detector)) continue;
    const after = (used + totalRequested(server)) / host.totalSpeed;
    // CloudSim's power models refuse a load over 100 % (the run stops); only servers arriving in migrations can take a host there.
    if (after > 1) continue;
    const rise = host.watts(after) - host.wattsNow;
    if (rise < minRise) {
      minRise = rise;
      best = host;
    }
  }
  return best;
}

/** Would the host be overloaded with the server on it? */
const overloadedWith = (host: PlanningHost, server: ServerLoad, detector: OverloadDetector): boolean => host.withTrial(server, (h) => detector.overloaded(h));
