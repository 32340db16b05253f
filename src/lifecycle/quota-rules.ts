import type { Flavor } from '../model/catalog.js';
import type { ProjectQuota, QuotaUsage } from '../model/compute-limits.js';
import { forbidden, type Refusal } from './refusal.js';

/** The resources a server counts against: Nova's counted quotas instances, cores and ram (MB). */
export type QuotaResource = keyof QuotaUsage;

/**
 * Nova's `Quotas.check_deltas`: a resource is over when its quota is not
 * -1 and usage + delta exceeds it. Over any, the answer is 403
 * TooManyInstances, "Quota exceeded for %(overs)s: Requested %(req)s, but
 * already used %(used)s of %(allowed)s %(overs)s", each part listing the
 * resources over quota in sorted order, joined with ", "
 * (nova/compute/utils.py `get_over_quota_detail`). `requested` is what the
 * message shows as requested (the deltas, for a create and for a resize).
 */
export function quotaRefusal(quota: ProjectQuota, usage: QuotaUsage, deltas: Partial<Record<QuotaResource, number>>): Refusal | null {
  const overs = (Object.keys(deltas) as QuotaResource[])
    .filter((r) => quota[r] >= 0 && usage[r] + deltas[r]! > quota[r])
    .sort();
  if (overs.length === 0) return null;
  const part = (f: (r: QuotaResource) => number): string => overs.map((r) => String(f(r))).join(', ');
  const names = overs.join(', ');
  return forbidden(
    `Quota exceeded for ${names}: Requested ${part((r) => deltas[r]!)}, but already used ${part((r) => usage[r])} of ${part((r) => quota[r])} ${names}`,
  );
}

/** One more server of `flavor`: a create, or a restore that counts a soft-deleted server again (nova/compute/utils.py `check_num_instances_quota`). */
export const oneServerOf = (flavor: Flavor): Record<QuotaResource, number> => ({ instances: 1, cores: flavor.vcpus, ram: flavor.ramMb });

/**
 * A resize from `from` to `to` (and a revert, the other way): only an
 * upsize is checked, on cores and ram (nova/compute/api.py
 * `_check_quota_for_upsize`); null when neither grows.
 */
export function upsizeOf(from: Flavor, to: Flavor): Partial<Record<QuotaResource, number>> | null {
  const cores = to.vcpus - from.vcpus;
  const ram = to.ramMb - from.ramMb;
  return cores <= 0 && ram <= 0 ? null : { cores: Math.max(cores, 0), ram: Math.max(ram, 0) };
}
