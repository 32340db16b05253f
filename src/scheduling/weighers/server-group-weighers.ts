import type { GroupPolicy } from '../../model/server-group.js';
import type { HostWeigher } from './types.js';

/** The request's group's members per host, when its policy is `policy` (the group keeps the counts itself). */
const groupWeigher = (name: string, policy: GroupPolicy, sign: 1 | -1): HostWeigher => ({
  name,
  minval: null,
  maxval: null,
  multiplier: (m) => m,
  weighs: {
    kind: 'count',
    follow: () => (request) => (request.group !== null && request.group.policy === policy ? request.group.hostCounts : null),
    raw: (count) => sign * count,
  },
});

/** ServerGroupSoftAffinityWeigher: for a soft-affinity group, more members on the host weigh more. */
export const softAffinityWeigher = groupWeigher('ServerGroupSoftAffinityWeigher', 'soft-affinity', 1);

/** ServerGroupSoftAntiAffinityWeigher: for a soft-anti-affinity group, fewer members weigh more. */
export const softAntiAffinityWeigher = groupWeigher('ServerGroupSoftAntiAffinityWeigher', 'soft-anti-affinity', -1);
