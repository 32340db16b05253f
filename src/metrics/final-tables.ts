import { statusOf } from '../lifecycle/status.js';
import { serviceUp } from '../model/host.js';
import type { ProjectId } from '../model/ids.js';
import type { Inventory } from '../model/inventory.js';
import { CsvWriter } from './csv-writer.js';
import { decimal } from './format.js';
import { memorySink, type TextSink } from './text-sink.js';

export const SERVER_COLUMNS = [
  'server', 'id', 'project', 'host', 'status', 'vm_state', 'task_state', 'power_state', 'flavor', 'image',
  'progress', 'locked', 'created', 'updated', 'launched', 'deleted',
] as const;

export const HOST_COLUMNS = [
  'host', 'enabled', 'alive', 'service', 'vcpus', 'vcpus_used', 'ram_mb', 'ram_mb_used', 'disk_gb', 'disk_gb_used',
  'servers',
] as const;

const optionalTime = (t: number | null): string => (t === null ? '' : decimal(t));

/**
 * servers.csv: every server record at the end of the run, deleted ones
 * included, in creation order. Status is derived from the state pair the
 * same way the API does, never stored.
 */
export function writeServersCsv(
  sink: TextSink,
  inventory: Inventory,
  projectName: (id: ProjectId) => string = (id) => inventory.projectName(id),
): void {
  const csv = new CsvWriter(sink, SERVER_COLUMNS);
  for (const s of inventory.servers) {
    csv.row([
      s.name,
      s.uuid,
      projectName(s.project),
      s.host === null ? '' : inventory.host(s.host).name,
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
 * *_used figures.
 */
export function writeHostsCsv(sink: TextSink, inventory: Inventory, endTime: number): void {
  const csv = new CsvWriter(sink, HOST_COLUMNS);
  for (const h of inventory.hosts) {
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
export function hostsCsv(inventory: Inventory, endTime: number): string {
  const sink = memorySink();
  writeHostsCsv(sink, inventory, endTime);
  return sink.text();
}
