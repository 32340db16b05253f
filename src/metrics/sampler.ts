import { STATUSES } from '../lifecycle/status.js';
import type { Inventory } from '../model/inventory.js';
import { CsvWriter, DEFAULT_BATCH_ROWS } from './csv-writer.js';
import { decimal } from './format.js';
import type { RunStats } from './run-stats.js';
import type { TextSink } from './text-sink.js';
import { utilisationOf, type Utilisation } from './utilisation.js';

export const TIMESERIES_COLUMNS: readonly string[] = [
  'time',
  ...STATUSES,
  'used_vcpus',
  'free_vcpus',
  'used_ram_mb',
  'free_ram_mb',
  'used_disk_gb',
  'free_disk_gb',
  'hosts_up',
];

/**
 * timeseries.csv: one row per sample, read from running totals (RunStats'
 * status counts, the inventory's used and capacity sums), so a sample costs
 * O(statuses) whatever the size of the cloud.
 *
 * It also integrates utilisation over time: each sample's value is held
 * until the next sample (a step function), so the mean is exact for usage
 * that only changes at sample times and an approximation otherwise. Sample
 * once more at the end time so the last interval is counted.
 */
export class Sampler {
  readonly #csv: CsvWriter;
  #last: { time: number; utilisation: Utilisation } | null = null;
  #span = 0;
  #area = { vcpus: 0, ram: 0, disk: 0 };

  constructor(sink: TextSink, batchRows: number = DEFAULT_BATCH_ROWS) {
    this.#csv = new CsvWriter(sink, TIMESERIES_COLUMNS, batchRows);
  }

  sample(time: number, inventory: Inventory, stats: RunStats): void {
    const { used, capacity } = inventory;
    this.#csv.row([
      decimal(time),
      ...STATUSES.map((s) => String(stats.statusCount(s))),
      decimal(used.vcpus),
      decimal(capacity.vcpus - used.vcpus),
      decimal(used.ramMb),
      decimal(capacity.ramMb - used.ramMb),
      decimal(used.diskGb),
      decimal(capacity.diskGb - used.diskGb),
      // Hosts are never removed, so up = all - down.
      String(inventory.hosts.length - stats.hostsDown),
    ]);
    this.#integrate(time, utilisationOf(used, capacity));
  }

  /** Time-weighted mean utilisation between the first and last sample; null before two samples apart. */
  meanUtilisation(): Utilisation | null {
    if (this.#span <= 0) return null;
    return { vcpus: this.#area.vcpus / this.#span, ram: this.#area.ram / this.#span, disk: this.#area.disk / this.#span };
  }

  /** Writes the rows still buffered; call once at the end of the run. */
  flush(): void {
    this.#csv.flush();
  }

  #integrate(time: number, now: Utilisation): void {
    const last = this.#last;
    if (last !== null) {
      const dt = time - last.time;
      this.#area.vcpus += last.utilisation.vcpus * dt;
      this.#area.ram += last.utilisation.ram * dt;
      this.#area.disk += last.utilisation.disk * dt;
      this.#span += dt;
    }
    this.#last = { time, utilisation: now };
  }
}
