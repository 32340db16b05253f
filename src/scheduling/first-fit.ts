import { fits, serviceUp } from '../model/host.js';
import type { Scheduler } from './types.js';

/**
 * The first enabled, up host (in host order) with room for the flavor. A
 * stand-in for Nova's filter scheduler with the same three checks its
 * default filters make: ComputeFilter (enabled and up), the Placement
 * resource query, and the hosts to ignore.
 */
export function firstFit(): Scheduler {
  return {
    name: 'first_fit',
    select(request, view) {
      let disabled = 0;
      let down = 0;
      let full = 0;
      for (const host of view.hosts) {
        if (request.ignoreHosts.includes(host.id)) continue;
        if (!host.enabled) disabled++;
        else if (!serviceUp(host, view.now)) down++;
        else if (!fits(host, request.flavor)) full++;
        else return { kind: 'selected', host: host.id };
      }
      return {
        kind: 'no_valid_host',
        reason: `No valid host was found. disabled ${disabled}, down ${down}, without room ${full}, ignored ${request.ignoreHosts.length}`,
      };
    },
  };
}
