import { hostStatus } from '../../lifecycle/host-states.js';
import { statusOf } from '../../lifecycle/status.js';
import { serviceUp } from '../../model/host.js';
import { hostIdOf } from '../../model/host-id.js';
import type { ProjectId } from '../../model/ids.js';
import type { Inventory } from '../../model/inventory.js';
import { formatAddresses } from '../../model/network.js';
import type { Availability } from '../figures/availability.js';
import { COST_PLACES, type Charging } from '../figures/charging.js';
import { CsvWriter } from './csv-writer.js';
import { formatKwh, type Energy } from '../figures/energy.js';
import { decimal, optionalDecimal } from '../format.js';
import type { Headroom } from '../figures/headroom.js';
import { memorySink, type TextSink } from './text-sink.js';

export const SERVER_COLUMNS = [
  'server', 'id', 'project', 'host', 'host_id', 'status', 'vm_state', 'task_state', 'power_state', 'flavor', 'image',
  'progress', 'locked', 'created', 'updated', 'launched', 'deleted', 'host_status', 'downtime_s', 'availability',
  'ephemeral_lost_gb', 'addresses', 'access_ip_v4', 'access_ip_v6', 'cost',
] as const;

export const HOST_COLUMNS = [
  'host', 'enabled', 'alive', 'service', 'vcpus', 'vcpus_used', 'ram_mb', 'ram_mb_used', 'disk_gb', 'disk_gb_used',
  'servers', 'stranded_vcpus', 'stranded_ram_mb', 'stranded_disk_gb', 'energy_kwh',
] as const;

/**
 * servers.csv: every server record at `endTime`, deleted ones included, in
 * creation order. Status is derived from the state pair the same way the
 * API does, never stored. host_id is the API's hostId: a hash of the
 * project and host that tenants see instead of the host's name.
 * host_status is the API's too (UNKNOWN once the host's service is down).
 * downtime_s and availability come from the Availability integrator.
 * addresses is `net=addr;addr` per network, space-separated (empty once deleted).
 * cost is what the server cost its project up to endTime (empty without charging rates).
 */
export function writeServersCsv(
  sink: TextSink,
  inventory: Inventory,
  endTime: number,
  availability: Availability,
  projectName: (id: ProjectId) => string = (id) => inventory.projectName(id),
  charging: Charging | null = null,
): void {
  const csv = new CsvWriter(sink, SERVER_COLUMNS);
  for (const s of inventory.servers) {
    const project = projectName(s.project);
    const onHost = s.host === null ? undefined : inventory.host(s.host);
    const host = onHost?.name ?? null;
    const served = availability.of(s.id, endTime);
    csv.row([
      s.name,
      s.uuid,
      project,
      host ?? '',
      hostIdOf(host, project),
      statusOf(s.vmState, s.taskState),
      s.vmState,
      s.taskState ?? '',
      s.powerState,
      s.flavor.name,
      s.image.name,
      String(s.progress),
      String(s.locked),
      decimal(s.createdAt),
      decimal(s.updatedAt),
      optionalDecimal(s.launchedAt),
      optionalDecimal(s.deletedAt),
      hostStatus(onHost, endTime),
      decimal(served.downtime),
      decimal(served.availability, 4),
      decimal(s.ephemeralLostGb),
      formatAddresses(s.addresses),
      s.accessIPv4 ?? '',
      s.accessIPv6 ?? '',
      charging === null ? '' : decimal(charging.of(s.id, endTime), COST_PLACES),
    ]);
  }
  csv.flush();
}

/**
 * hosts.csv: every host at `endTime`. Capacities are Placement's (after
 * reserved and allocation ratios). `servers` counts the servers holding a
 * claim on the host (a server mid-move counts on both hosts), matching the
 * *_used figures. stranded_* is the host's free capacity when no flavor of
 * the scenario fits on it and the scheduler may use it (see Headroom).
 * energy_kwh is the host's energy up to endTime (empty without power models).
 */
export function writeHostsCsv(sink: TextSink, inventory: Inventory, endTime: number, headroom: Headroom, energy: Energy | null = null): void {
  const csv = new CsvWriter(sink, HOST_COLUMNS);
  for (const h of inventory.hosts) {
    const stranded = headroom.strandedOn(h.id);
    csv.row([
      h.name,
      String(h.enabled),
      String(h.alive),
      serviceUp(h, endTime) ? 'up' : 'down',
      decimal(h.capacity.vcpus),
      decimal(h.used.vcpus),
      decimal(h.capacity.ramMb),
      decimal(h.used.ramMb),
      decimal(h.capacity.diskGb),
      decimal(h.used.diskGb),
      String(h.servers.size),
      decimal(stranded.vcpus),
      decimal(stranded.ramMb),
      decimal(stranded.diskGb),
      formatKwh(energy?.hostKwh(h.id, endTime) ?? null),
    ]);
  }
  csv.flush();
}

/** servers.csv as one string. */
export function serversCsv(
  inventory: Inventory,
  endTime: number,
  availability: Availability,
  projectName?: (id: ProjectId) => string,
  charging: Charging | null = null,
): string {
  const sink = memorySink();
  writeServersCsv(sink, inventory, endTime, availability, projectName ?? ((id) => inventory.projectName(id)), charging);
  return sink.text();
}

/** hosts.csv as one string. */
export function hostsCsv(inventory: Inventory, endTime: number, headroom: Headroom, energy: Energy | null = null): string {
  const sink = memorySink();
  writeHostsCsv(sink, inventory, endTime, headroom, energy);
  return sink.text();
}
