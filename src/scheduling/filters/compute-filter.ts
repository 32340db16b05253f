import type { HostFilter } from './types.js';

/** ComputeFilter: the host's nova-compute service is enabled and up (the one in-service rule). */
export const computeFilter: HostFilter = {
  name: 'ComputeFilter',
  prepare: () => ({ kind: 'class', passes: (c) => c.inService }),
};
