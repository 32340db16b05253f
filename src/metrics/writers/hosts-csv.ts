import { serviceUp } from '../../model/host.js';
import type { Inventory } from '../../model/inventory.js';
import { formatKwh, type Energy } from '../figures/energy.js';
import type { Headroom } from '../figures/headroom.js';
import { decimal } from '../format.js';
import { CsvWriter } from './csv-writer.js';
import type { RenderedFile } from './output-file.js';
import { memorySink } from './text-sink.js';

export const HOST_COLUMNS = [
  'host', 'enabled', 'alive', 'service', 'vcpus', 'vcpus_used', 'ram_mb', 'ram_mb_used', 'disk_gb', 'disk_gb_used',
  'servers', 'stranded_vcpus', 'stranded_ram_mb', 'stranded_disk_gb', 'energy_kwh',
] as const;

/**
 * hosts.csv: every host at `endTime`. Capacities are Placement's (after
 * reserved and allocation ratios). `servers` counts the servers holding a
 * claim on the host (a server mid-move counts on both hosts), matching the
 * *_used figures. stranded_* is the host's free capacity when no flavor of
 * the scenario fits on it and the scheduler may use it (see Headroom).
 * energy_kwh is the host's energy up to endTime (empty without power models).
 */
export function renderHostsCsv(inventory: Inventory, endTime: number, headroom: Headroom, energy: Energy): string {
  const sink = memorySink();
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
      formatKwh(energy.hostKwh(h.id, endTime)),
    ]);
  }
  csv.flush();
  return sink.text();
}

export const hostsCsv = {
  kind: 'rendered',
  name: 'hosts.csv',
  stable: true,
  render: (end) => renderHostsCsv(end.inventory, end.end, end.figures.headroom, end.figures.energy),
} as const satisfies RenderedFile;
