import { fits, serviceUp } from '../model/host.js';
import type { Inventory } from '../model/inventory.js';
import type { Scheduler } from './types.js';

/** Temporary: the first enabled, up host with room. Replaced by the registry's policies. */
export function firstFit(inventory: Inventory): Scheduler {
  return {
    name: 'first_fit',
    select(request, now) {
      const hosts = request.onlyHosts ? request.onlyHosts.map((id) => inventory.host(id)) : inventory.hosts;
      const chosen = hosts.find((h) => !request.ignoreHosts.includes(h.id) && h.enabled && serviceUp(h, now) && fits(h, request.flavor));
      return { policy: 'first_fit', hosts: hosts.length, filters: [], top: [], chosen: chosen?.id ?? null, alternates: [] };
    },
  };
}
