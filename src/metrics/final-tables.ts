import { statusOf } from '../lifecycle/status.js';
import { serviceUp } from '../model/host.js';
import { hostIdOf } from '../model/host-id.js';
import type { ProjectId } from '../model/ids.js';
import type { Inventory } from '../model/inventory.js';
import { CsvWriter } from './csv-writer.js';
import { decimal } from './format.js';
import type { Headroom } from './headroom.js';
import { memorySink, type TextSink } from './text-sink.js';

export const SERVER_COLUMNS = [
  'server', 'id', 'project', 'host', 'host_id', 'status', 'vm_state', 'task_state', 'power_state', 'flavor', 'image',
  'progress', 'locked', 'created', 'updated', 'launched', 'deleted',
] as const;

export const HOST_COLUMNS = [
  'host', 'enabled', 'alive', 'service', 'vcpus', 'vcpus_used', 'ram_mb', 'ram_mb_used', 'disk_gb', 'disk_gb_used',
  'servers', 'stranded_vcpus', 'stranded_ram_mb', 'stranded_disk_gb',
] as const;

const optionalTime = (t: number | null): string => (t === null ? '' : decimal(t));

/**
 * servers.csv: every server record at the end of the run, deleted ones
 * included, in creation order. Status is derived from the state pair the
 * same way the API does, never stored. host_id is the API's hostId: a
 * hash of the project and host that tenants see instead of the host's name.
 */
export function writeServersCsv(
  sink: TextSink,
  inventory: Inventory,
  projectName: (id: ProjectId) => string = (id) => inventory.projectName(id),
): void {
  const csv = new CsvWriter(sink, SERVER_COLUMNS);
  for (const s of inventory.servers) {
    const project = projectName(s.project);
    const host = s.host === null ? null : inventory.host(s.host).name;
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
      optionalTime(s.launchedAt),
      optionalTime(s.deletedAt),
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
 */
export function writeHostsCsv(sink: TextSink, inventory: Inventory, endTime: number, headroom: Headroom): void {
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
    ]);
  }
  csv.flush();
}

/** servers.csv as one string. */
export function serversCsv(inventory: Inventory, projectName?: (id: ProjectId) => string): string {
  const sink = memorySink();
  if (projectName === undefined) writeServersCsv(sink, inventory);
  else writeServersCsv(sink, inventory, projectName);
  return sink.text();
}

/** hosts.csv as one string. */
export function hostsCsv(inventory: Inventory, endTime: number, headroom: Headroom): string {
  const sink = memorySink();
  writeHostsCsv(sink, inventory, endTime, headroom);
  return sink.text();
}
