import { aggregateInstanceExtraSpecsFilter } from './aggregate-instance-extra-specs-filter.js';
import { availabilityZoneFilter } from './availability-zone-filter.js';
import { computeFilter } from './compute-filter.js';
import { serverGroupAffinityFilter, serverGroupAntiAffinityFilter } from './server-group-filters.js';
import type { HostFilter } from './types.js';

/** The host filters by Nova's class names, as enabled_filters lists them. */
export const FILTERS: Readonly<Record<string, HostFilter>> = {
  ComputeFilter: computeFilter,
  AvailabilityZoneFilter: availabilityZoneFilter,
  AggregateInstanceExtraSpecsFilter: aggregateInstanceExtraSpecsFilter,
  ServerGroupAntiAffinityFilter: serverGroupAntiAffinityFilter,
  ServerGroupAffinityFilter: serverGroupAffinityFilter,
};

export type { FilterStep, HostClass, HostFilter } from './types.js';
