/**
 * The scheduler's options, under nova.conf's [filter_scheduler] names where
 * Nova has them, with Nova's defaults.
 */

/**
 * Nova's enabled_filters default (Victoria onward: RetryFilter is gone,
 * alternates replaced it), less ComputeCapabilitiesFilter and
 * ImagePropertiesFilter: novasim models no host capabilities or image
 * properties, and with none Nova's versions pass every host.
 */
export const DEFAULT_FILTERS = [
  'ComputeFilter',
  'AvailabilityZoneFilter',
  'ServerGroupAntiAffinityFilter',
  'ServerGroupAffinityFilter',
] as const;

/**
 * Weigher -> multiplier. Nova's defaults: ram/cpu/disk 1.0 (spread), the soft
 * group weighers 1.0, build_failure_weight_multiplier 1000000.0 (applied
 * negated, as Nova does).
 */
export const DEFAULT_WEIGHERS: Readonly<Record<string, number>> = {
  RAMWeigher: 1.0,
  CPUWeigher: 1.0,
  DiskWeigher: 1.0,
  ServerGroupSoftAffinityWeigher: 1.0,
  ServerGroupSoftAntiAffinityWeigher: 1.0,
  BuildFailureWeigher: 1000000.0,
};

/** The built-in policies; a scenario may instead name a plug-in module. */
export const POLICY_NAMES = ['filter_scheduler', 'pack', 'spread', 'first_fit', 'best_fit', 'worst_fit', 'random', 'round_robin'] as const;
export type PolicyName = (typeof POLICY_NAMES)[number];

export interface SchedulerConfig {
  /** A built-in policy, or 'plugin' for a researcher's module. */
  readonly policy: PolicyName | 'plugin';
  /** enabled_filters, in order. */
  readonly filters: readonly string[];
  /** Weigher name -> multiplier (the filter scheduler, pack and spread). */
  readonly weighers: Readonly<Record<string, number>>;
  /** host_subset_size: pick at random among this many best hosts. */
  readonly hostSubsetSize: number;
  /** max_attempts: the first host plus alternates for reschedules. */
  readonly maxAttempts: number;
  /**
   * Nova's `[scheduler] max_placement_results` (nova/conf/scheduler.py,
   * default 1000, min 1; since 17.0.0 Queens): the `limit` Nova sends on
   * GET /allocation_candidates, so the filters and weighers see at most this
   * many hosts. Nova drops it for a request with group hints (group,
   * same_host, different_host) or a target host (nova/scheduler/utils.py).
   */
  readonly maxPlacementResults: number;
  /**
   * Placement's `[placement] randomize_allocation_candidates`
   * (placement/conf/placement.py, default false): when the limit cuts the
   * candidates, keep a random sample of them (`random.sample`) instead of
   * the first ones in Placement's own order.
   */
  readonly randomizeAllocationCandidates: boolean;
  /**
   * Nova's mandatory request filter `compute_status_filter`
   * (nova/scheduler/request_filter.py, since 20.0.0 Train): disabled
   * computes carry the COMPUTE_STATUS_DISABLED trait and Placement leaves
   * them out, so they take no candidate slot. false models Nova before
   * Train: disabled hosts are Placement candidates, and ComputeFilter
   * removes them after the limit. Not a nova.conf option (Nova has none).
   */
  readonly prefilterDisabledComputes: boolean;
}

export const SCHEDULER_DEFAULTS: SchedulerConfig = {
  policy: 'filter_scheduler',
  filters: DEFAULT_FILTERS,
  weighers: DEFAULT_WEIGHERS,
  hostSubsetSize: 1,
  maxAttempts: 3,
  maxPlacementResults: 1000,
  randomizeAllocationCandidates: false,
  prefilterDisabledComputes: true,
};
