import { serviceUp, type Host } from '../../model/host.js';
import { reply } from '../http/exchange.js';
import { allows, type Compute } from './context.js';
import { policyFault } from './faults.js';
import { updatedAt } from './hypervisors.js';
import { route, type ComputeRoute } from './routes.js';

/** nova/availability_zones.py: zones with an enabled service are available; the others' zones are not. */
function zonesOf(hosts: readonly Host[]): { available: string[]; unavailable: string[] } {
  const available = new Set(hosts.filter((h) => h.enabled).map((h) => h.availabilityZone));
  const unavailable = new Set(hosts.filter((h) => !h.enabled && !available.has(h.availabilityZone)).map((h) => h.availabilityZone));
  return { available: [...available].sort(), unavailable: [...unavailable].sort() };
}

/** os-availability-zone: the zones (anyone) and, in detail, their hosts' compute services (admin). */
export function zoneRoutes(): ComputeRoute[] {
  return [
    route('GET', 'os-availability-zone', (c) => {
      const { available, unavailable } = zonesOf(c.nova.cloud.inventory.hosts);
      const info = (zone: string, ok: boolean) => ({ zoneName: zone, zoneState: { available: ok }, hosts: null });
      return reply(200, { availabilityZoneInfo: [...available.map((z) => info(z, true)), ...unavailable.map((z) => info(z, false))] });
    }),
    route('GET', 'os-availability-zone/detail', (c: Compute, call) => {
      if (!allows(call.who, 'admin')) return policyFault('os_compute_api:os-availability-zone:detail');
      const now = c.cloud.catchUp();
      const { hosts } = c.nova.cloud.inventory;
      const { available, unavailable } = zonesOf(hosts);
      const detail = available.map((zone) => ({
        zoneName: zone,
        zoneState: { available: true },
        hosts: Object.fromEntries(
          hosts
            .filter((h) => h.enabled && h.availabilityZone === zone)
            .map((h) => [h.name, { 'nova-compute': { available: serviceUp(h, now), active: true, updated_at: updatedAt(c, h, now) } }]),
        ),
      }));
      return reply(200, { availabilityZoneInfo: [...detail, ...unavailable.map((z) => ({ zoneName: z, zoneState: { available: false }, hosts: null }))] });
    }),
  ];
}
