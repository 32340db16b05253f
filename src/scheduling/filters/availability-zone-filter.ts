import type { HostFilter } from './types.js';

/** AvailabilityZoneFilter: when the request names a zone, the host must be in it. */
export const availabilityZoneFilter: HostFilter = {
  name: 'AvailabilityZoneFilter',
  prepare(request) {
    const zone = request.availabilityZone;
    return zone === null ? null : { kind: 'class', passes: (c) => c.availabilityZone === zone };
  },
};
