import { bumpCount } from './host-counts.js';
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
  /**
   * The hosts holding max_server_per_host members or more, kept with the
   * counts so the anti-affinity filter lists them without visiting every
   * host the group is on (a tier of thousands asks at every create).
   */
  readonly fullHosts: Set<HostId>;
}

export function makeServerGroup(
  id: ServerGroupId,
  uuid: string,
  name: string,
  policy: GroupPolicy,
  project: ProjectId,
  maxServerPerHost = 1,
): ServerGroup {
  return { id, uuid, name, policy, project, maxServerPerHost, members: new Set(), hostCounts: new Map(), fullHosts: new Set() };
}

/** A member arrives on (delta 1) or leaves (-1) a host: the group's counts follow. */
export function countMember(group: ServerGroup, host: HostId, delta: 1 | -1): void {
  const after = bumpCount(group.hostCounts, host, delta);
  const wasFull = group.fullHosts.has(host);
  if (after >= group.maxServerPerHost) group.fullHosts.add(host);
  else group.fullHosts.delete(host);
  if (wasFull !== group.fullHosts.has(host)) fullLists.delete(group);
}

const fullLists = new WeakMap<ServerGroup, readonly HostId[]>();

/** The group's full hosts as a list, made again only after the set changed (a tier's creates ask for it one after another). */
export function fullHostList(group: ServerGroup): readonly HostId[] {
  let list = fullLists.get(group);
  if (list === undefined) {
    list = [...group.fullHosts];
    fullLists.set(group, list);
  }
  return list;
}

export const membersOn = (group: ServerGroup, host: HostId): number => group.hostCounts.get(host) ?? 0;
