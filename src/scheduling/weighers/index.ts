import { buildFailureWeigher, projectSpreadWeigher, softAffinityWeigher, softAntiAffinityWeigher } from './count-weighers.js';
import { cpuWeigher, diskWeigher, ramWeigher } from './resource-weighers.js';
import type { HostWeigher } from './types.js';

/** The host weighers by Nova's class names. */
export const WEIGHERS: Readonly<Record<string, HostWeigher>> = {
  RAMWeigher: ramWeigher,
  CPUWeigher: cpuWeigher,
  DiskWeigher: diskWeigher,
  ServerGroupSoftAffinityWeigher: softAffinityWeigher,
  ServerGroupSoftAntiAffinityWeigher: softAntiAffinityWeigher,
  BuildFailureWeigher: buildFailureWeigher,
  ProjectSpreadWeigher: projectSpreadWeigher,
};

export type { HostWeigher } from './types.js';
