import type { HostId } from '../../model/ids.js';
import { fullHostList } from '../../model/server-group.js';
import type { HostFilter } from './types.js';

/**
 * ServerGroupAntiAffinityFilter: a host may hold fewer than
 * max_server_per_host members of the request's anti-affinity group (1
 * unless the group's rules say more). A host that already holds the server
 * itself passes, so a move may consider its own source (Nova's own
 * exception for resize to the same host).
 */
export const serverGroupAntiAffinityFilter: HostFilter = {
  name: 'ServerGroupAntiAffinityFilter',
  prepare(request, inventory) {
    const group = request.group;
    if (group === null || group.policy !== 'anti-affinity') return null;
    // A server no host holds yet (a create) excludes them all: one list, kept while no host fills up or frees a place.
    if (!inventory.onAnyHost(request.server)) return { kind: 'exclude', hosts: fullHostList(group) };
    const full: HostId[] = [];
    for (const host of group.fullHosts) if (!inventory.host(host).servers.has(request.server)) full.push(host);
    return { kind: 'exclude', hosts: full };
  },
};

/** ServerGroupAffinityFilter: once an affinity group has members on hosts, only those hosts pass. */
export const serverGroupAffinityFilter: HostFilter = {
  name: 'ServerGroupAffinityFilter',
  prepare(request) {
    const group = request.group;
    if (group === null || group.policy !== 'affinity' || group.hostCounts.size === 0) return null;
    return { kind: 'restrict', hosts: [...group.hostCounts.keys()] };
  },
};
