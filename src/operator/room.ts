import { fitCountIn } from '../model/capacity.js';
import { freeOf, type Host } from '../model/host.js';
import type { Resources } from '../model/resources.js';

/** The fraction of its RAM capacity a host has claimed (its load, for ordering). */
export const ramLoad = (host: Host): number => (host.capacity.ramMb > 0 ? host.used.ramMb / host.capacity.ramMb : 1);

/**
 * Would `servers` all find room on `others`, each (largest RAM first) in
 * the tightest host it fits (least free RAM after it), and how many of
 * `probe` would still fit on `others` afterwards? Resources only: zones,
 * aggregates and server groups are the scheduler's, checked when the moves
 * are requested. O(servers x hosts), in scratch columns rather than an
 * object per host: a consolidation asks once per host it empties, over
 * every non-empty host of the cloud.
 */
export function vacatePlan(servers: readonly Readonly<Resources>[], others: readonly Host[], probe: Readonly<Resources>): { fits: boolean; headroom: number } {
  const n = others.length;
  const { vcpus, ramMb, diskGb } = scratchFor(n);
  others.forEach((host, i) => {
    vcpus[i] = freeOf(host, 'vcpus');
    ramMb[i] = freeOf(host, 'ramMb');
    diskGb[i] = freeOf(host, 'diskGb');
  });
  for (const need of [...servers].sort((a, b) => b.ramMb - a.ramMb)) {
    let best = -1;
    for (let i = 0; i < n; i++) if (fitCountIn(vcpus[i]!, ramMb[i]!, diskGb[i]!, need) > 0 && (best < 0 || ramMb[i]! < ramMb[best]!)) best = i;
    if (best < 0) return { fits: false, headroom: 0 };
    vcpus[best] = vcpus[best]! - need.vcpus;
    ramMb[best] = ramMb[best]! - need.ramMb;
    diskGb[best] = diskGb[best]! - need.diskGb;
  }
  let headroom = 0;
  for (let i = 0; i < n; i++) headroom += fitCountIn(vcpus[i]!, ramMb[i]!, diskGb[i]!, probe);
  return { fits: true, headroom };
}

/** Free room per class, one slot per host, reused from call to call (grown when a call has more hosts). */
let scratch = { vcpus: new Float64Array(0), ramMb: new Float64Array(0), diskGb: new Float64Array(0) };
function scratchFor(n: number): typeof scratch {
  if (scratch.vcpus.length < n) scratch = { vcpus: new Float64Array(n), ramMb: new Float64Array(n), diskGb: new Float64Array(n) };
  return scratch;
}
