import { FREE_DISK_MB, FREE_RAM_MB, FREE_VCPUS, type Feature } from '../features.js';
import type { HostWeigher } from './types.js';

/**
 * Nova's resource weighers: more free wins, so a positive multiplier
 * spreads and a negative one stacks. minval 0, as in Nova, so hosts
 * overcommitted past their physical size weigh as empty of that resource.
 */
const resourceWeigher = (name: string, feature: Feature): HostWeigher => ({
  name,
  minval: 0,
  maxval: null,
  multiplier: (m) => m,
  weighs: { kind: 'feature', feature },
});

/** RAMWeigher: free_ram_mb (physical: total less reserved less used). */
export const ramWeigher = resourceWeigher('RAMWeigher', FREE_RAM_MB);
/** CPUWeigher: vcpus_total x cpu_allocation_ratio less vcpus_used. */
export const cpuWeigher = resourceWeigher('CPUWeigher', FREE_VCPUS);
/** DiskWeigher: free_disk_mb. */
export const diskWeigher = resourceWeigher('DiskWeigher', FREE_DISK_MB);
