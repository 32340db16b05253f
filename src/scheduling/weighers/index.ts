import { buildFailureWeigher } from './build-failure-weigher.js';
import { projectSpreadWeigher } from './project-spread-weigher.js';
import { cpuWeigher, diskWeigher, ramWeigher } from './resource-weighers.js';
import { softAffinityWeigher, softAntiAffinityWeigher } from './server-group-weighers.js';
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
