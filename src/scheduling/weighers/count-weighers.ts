import type { GroupPolicy } from '../../model/server-group.js';
import type { HostWeigher } from './types.js';

const groupWeigher = (name: string, policy: GroupPolicy, sign: 1 | -1): HostWeigher => ({
  name,
  minval: null,
  maxval: null,
  multiplier: (m) => m,
  weighs: {
    kind: 'count',
    counts: (request) => (request.group !== null && request.group.policy === policy ? request.group.hostCounts : null),
    raw: (count) => sign * count,
  },
});

/** ServerGroupSoftAffinityWeigher: for a soft-affinity group, more members on the host weigh more. */
export const softAffinityWeigher = groupWeigher('ServerGroupSoftAffinityWeigher', 'soft-affinity', 1);

/** ServerGroupSoftAntiAffinityWeigher: for a soft-anti-affinity group, fewer members weigh more. */
export const softAntiAffinityWeigher = groupWeigher('ServerGroupSoftAntiAffinityWeigher', 'soft-anti-affinity', -1);

/**
 * BuildFailureWeigher: hosts whose compute service failed recent builds
 * weigh less. Nova negates its multiplier (build_failure_weight_multiplier,
 * 1000000.0 by default, so one failure outweighs everything else).
 */
export const buildFailureWeigher: HostWeigher = {
  name: 'BuildFailureWeigher',
  minval: null,
  maxval: null,
  multiplier: (m) => -m,
  weighs: { kind: 'count', counts: (_request, inventory) => inventory.failedBuildHosts, raw: (count) => count },
};

/**
 * ProjectSpreadWeigher (novasim's own, not in Nova): fewer of the request's
 * project's servers on the host weigh more, spreading each customer's
 * servers across hosts the way soft-anti-affinity spreads a group. Its cost
 * grows with the number of hosts the project uses.
 */
export const projectSpreadWeigher: HostWeigher = {
  name: 'ProjectSpreadWeigher',
  minval: null,
  maxval: null,
  multiplier: (m) => m,
  weighs: { kind: 'count', counts: (request, inventory) => inventory.projectHostCounts(request.project), raw: (count) => -count },
};
