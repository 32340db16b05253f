import type { HostId, ProjectId, ServerGroupId, ServerId } from './ids.js';

/** The four server group policies of the Compute API (microversion 2.64 names). */
export const GROUP_POLICIES = ['affinity', 'anti-affinity', 'soft-affinity', 'soft-anti-affinity'] as const;
export type GroupPolicy = (typeof GROUP_POLICIES)[number];

/**
 * A server group: its policy, its members and, kept up to date by the
 * inventory, how many members each host holds (Nova derives the same from
 * the group's members and their hosts on every request).
 */
export interface ServerGroup {
  readonly id: ServerGroupId;
  readonly uuid: string;
  readonly name: string;
  readonly policy: GroupPolicy;
  readonly project: ProjectId;
  /** The anti-affinity rule max_server_per_host (1 unless the group sets it). */
  readonly maxServerPerHost: number;
  readonly members: Set<ServerId>;
  readonly hostCounts: Map<HostId, number>;
}

export function makeServerGroup(
  id: ServerGroupId,
  uuid: string,
  name: string,
  policy: GroupPolicy,
  project: ProjectId,
  maxServerPerHost = 1,
): ServerGroup {
  return { id, uuid, name, policy, project, maxServerPerHost, members: new Set(), hostCounts: new Map() };
}

export const membersOn = (group: ServerGroup, host: HostId): number => group.hostCounts.get(host) ?? 0;
