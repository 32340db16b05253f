import { isoTime } from '../../metrics/writers/iso-time.js';
import { serviceUp, type Host } from '../../model/host.js';
import { reply, type Reply } from '../http/exchange.js';
import { allows, type Compute, type ComputeCall } from './context.js';
import { badRequest, notFound, policyFault } from './faults.js';
import { idOf, indexOf } from './ids.js';
import { atLeast } from './microversion.js';
import { pageOf } from './paging.js';
import { route, type ComputeRoute } from './routes.js';

/** Task states a compute node counts as its workload (nova/compute/stats.py). */
const WORKLOAD = new Set(['scheduling', 'block_device_mapping', 'networking', 'spawning', 'resize_migrating', 'rebuilding', 'resize_prep', 'image_snapshot', 'image_backup', 'rescuing', 'unshelving']);

/** A host's ids: its index + 1 as the database id before 2.53, a UUID since. */
export const hostIdFor = (kind: 'service' | 'hypervisor', host: Host, call: ComputeCall): string | number =>
  atLeast(call.version, '2.53') ? idOf(kind, host.id) : host.id + 1;

/** The host an id of the request's version names. */
export function hostById(c: Compute, call: ComputeCall, kind: 'service' | 'hypervisor', id: string): Host | undefined {
  const index = atLeast(call.version, '2.53') ? indexOf(kind, id) : /^[0-9]+$/.test(id) ? Number(id) - 1 : undefined;
  return index === undefined ? undefined : c.nova.cloud.inventory.hosts[index];
}

/** nova/api/openstack/compute/hypervisors.py _view_hypervisor, before 2.88 dropped the statistics. */
function hypervisorView(c: Compute, call: ComputeCall, host: Host, now: number, detail: boolean): Record<string, unknown> {
  const view: Record<string, unknown> = {
    id: hostIdFor('hypervisor', host, call),
    hypervisor_hostname: host.name,
    state: serviceUp(host, now) ? 'up' : 'down',
    status: host.enabled ? 'enabled' : 'disabled',
  };
  if (!detail) return view;
  const servers = [...host.servers].map((id) => c.nova.cloud.inventory.servers[id]!);
  const memoryUsed = host.reserved.ramMb + host.used.ramMb;
  const diskUsed = host.reserved.diskGb + host.used.diskGb;
  return {
    ...view,
    vcpus: host.total.vcpus,
    memory_mb: host.total.ramMb,
    local_gb: host.total.diskGb,
    vcpus_used: host.used.vcpus,
    memory_mb_used: memoryUsed,
    local_gb_used: diskUsed,
    hypervisor_type: 'novasim',
    hypervisor_version: 1,
    free_ram_mb: host.total.ramMb - memoryUsed,
    free_disk_gb: host.total.diskGb - diskUsed,
    current_workload: servers.filter((s) => s.taskState !== null && WORKLOAD.has(s.taskState)).length,
    running_vms: servers.length,
    disk_available_least: host.total.diskGb - diskUsed,
    // novasim models no management network; the host has no address to show.
    host_ip: null,
    service: { host: host.name, id: hostIdFor('service', host, call), disabled_reason: c.records.disabledReason(host.id) },
    // Nothing is known of the host's CPU model: an empty description (a JSON text before 2.28).
    cpu_info: atLeast(call.version, '2.28') ? {} : '{}',
  };
}

function list(c: Compute, call: ComputeCall, detail: boolean): Reply {
  if (!allows(call.who, 'admin')) return policyFault(`os_compute_api:os-hypervisors:${detail ? 'list-detail' : 'list'}`);
  const now = c.cloud.catchUp();
  let hosts = c.nova.cloud.inventory.hosts;
  const pattern = atLeast(call.version, '2.53') ? call.query.get('hypervisor_hostname_pattern') : null;
  if (pattern !== null) hosts = hosts.filter((h) => h.name.includes(pattern));
  if (atLeast(call.version, '2.33')) {
    const page = pageOf(call.query);
    if ('status' in page) return page;
    if (page.marker !== undefined) {
      const from = hostById(c, call, 'hypervisor', page.marker);
      if (from === undefined) return badRequest(`marker [${page.marker}] not found`);
      hosts = hosts.filter((h) => h.id > from.id);
    }
    hosts = hosts.slice(0, page.limit);
  }
  return reply(200, { hypervisors: hosts.map((h) => hypervisorView(c, call, h, now, detail)) });
}

/** The sums os-hypervisors/statistics shows (removed in 2.88). */
function statistics(c: Compute, call: ComputeCall): Reply {
  if (!allows(call.who, 'admin')) return policyFault('os_compute_api:os-hypervisors:statistics');
  const now = c.cloud.catchUp();
  const keys = ['vcpus', 'memory_mb', 'local_gb', 'vcpus_used', 'memory_mb_used', 'local_gb_used', 'free_ram_mb', 'free_disk_gb', 'current_workload', 'running_vms', 'disk_available_least'];
  const sums: Record<string, number> = { count: 0, ...Object.fromEntries(keys.map((k) => [k, 0])) };
  for (const host of c.nova.cloud.inventory.hosts) {
    const view = hypervisorView(c, call, host, now, true);
    sums['count']! += 1;
    for (const k of keys) sums[k]! += Number(view[k]);
  }
  return reply(200, { hypervisor_statistics: sums });
}

/** os-hypervisors: list, detail (paged since 2.33, UUIDs since 2.53), one, and the statistics; admin only by default policy. */
export function hypervisorRoutes(): ComputeRoute[] {
  return [
    route('GET', 'os-hypervisors', (c, call) => list(c, call, false)),
    route('GET', 'os-hypervisors/detail', (c, call) => list(c, call, true)),
    route('GET', 'os-hypervisors/statistics', statistics),
    route('GET', 'os-hypervisors/:id', (c, call) => {
      if (!allows(call.who, 'admin')) return policyFault('os_compute_api:os-hypervisors:show');
      const host = hostById(c, call, 'hypervisor', call.params['id'] ?? '');
      if (host === undefined) return notFound(`Hypervisor with ID '${call.params['id']}' could not be found.`);
      return reply(200, { hypervisor: hypervisorView(c, call, host, c.cloud.catchUp(), true) });
    }),
  ];
}

/** When a host's compute service last reported: now (to report_interval) while it reports, else its last heartbeat. */
export function updatedAt(c: Compute, host: Host, now: number): string {
  const interval = c.nova.cloud.config.report_interval;
  return isoTime(host.reporting ? Math.floor(now / interval) * interval : host.lastHeartbeat, true);
}
