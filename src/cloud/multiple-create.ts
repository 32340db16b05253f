import { forbidden, type Refusal } from '../lifecycle/refusal.js';
import type { Flavor } from '../model/catalog.js';
import type { ProjectQuota, QuotaUsage } from '../model/compute-limits.js';

type Resource = keyof QuotaUsage;
const RESOURCES: readonly Resource[] = ['cores', 'instances', 'ram'];

/**
 * How many servers a multiple create (min_count..max_count) makes, as
 * nova/compute/utils.py `check_num_instances_quota` decides: max_count when
 * the quota holds them all; otherwise as many as the headroom allows, when
 * that is at least min_count; otherwise Nova's TooManyInstances (403).
 */
export function instancesAllowed(quota: ProjectQuota, usage: QuotaUsage, flavor: Flavor, min: number, max: number): number | Refusal {
  const deltas: Record<Resource, number> = { instances: max, cores: max * flavor.vcpus, ram: max * flavor.ramMb };
  const overs = RESOURCES.filter((r) => quota[r] >= 0 && usage[r] + deltas[r] > quota[r]);
  if (overs.length === 0) return max;
  const headroom = headroomOf(quota, usage, deltas);
  let allowed = headroom.instances;
  if (flavor.vcpus) allowed = Math.min(allowed, Math.floor(headroom.cores / flavor.vcpus));
  if (flavor.ramMb) allowed = Math.min(allowed, Math.floor(headroom.ram / flavor.ramMb));
  if (allowed > 0 && min <= allowed && allowed <= max) return instancesAllowed(quota, usage, flavor, min, allowed);
  const requested: Record<Resource, string> = {
    instances: min === max ? String(min) : `${min}-${max}`,
    cores: String(deltas.cores),
    ram: String(deltas.ram),
  };
  const part = (f: (r: Resource) => string | number): string => overs.map((r) => String(f(r))).join(', ');
  const names = overs.join(', ');
  // TooManyInstances' text (nova/exception.py), with get_over_quota_detail's parts: used is quota less headroom.
  return forbidden(
    `Quota exceeded for ${names}: Requested ${part((r) => requested[r])}, but already used ${part((r) => quota[r] - headroom[r])} of ${part((r) => quota[r])} ${names}`,
  );
}

/**
 * nova/compute/utils.py `get_headroom`: quota less usage; an unlimited
 * cores or ram quota takes its headroom from the instances headroom. (An
 * unlimited instances quota gives a negative headroom, as in Nova, so a
 * create over cores or ram then makes none.)
 */
function headroomOf(quota: ProjectQuota, usage: QuotaUsage, deltas: Record<Resource, number>): Record<Resource, number> {
  const headroom: Record<Resource, number> = { instances: quota.instances - usage.instances, cores: quota.cores - usage.cores, ram: quota.ram - usage.ram };
  if (quota.cores === -1) headroom.cores = deltas.cores ? (headroom.instances * deltas.cores) / deltas.instances : headroom.instances;
  if (quota.ram === -1) headroom.ram = deltas.ram ? (headroom.instances * deltas.ram) / deltas.instances : headroom.instances;
  return headroom;
}
