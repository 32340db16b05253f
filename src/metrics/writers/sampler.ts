import { STATUSES } from '../../lifecycle/status.js';
import type { Inventory } from '../../model/inventory.js';
import type { CoLocation } from '../figures/co-location.js';
import type { Headroom } from '../figures/headroom.js';
import { CsvWriter, DEFAULT_BATCH_ROWS } from './csv-writer.js';
import { decimal, optionalDecimal } from '../format.js';
import { Level } from '../instruments/level.js';
import type { RunStats } from '../figures/run-stats.js';
import type { SpareCapacity } from '../figures/spare-capacity.js';
import type { TextSink } from './text-sink.js';
import { utilisationOf, type Utilisation } from '../figures/utilisation.js';

/** timeseries.csv's header: it names one headroom column per flavor, in the scenario's order. */
export function timeseriesColumns(flavors: readonly string[]): string[] {
  return [
    'time',
    ...STATUSES,
    'used_vcpus',
    'free_vcpus',
    'used_ram_mb',
    'free_ram_mb',
    'used_disk_gb',
    'free_disk_gb',
    'hosts_up',
    ...flavors.map((f) => `headroom_${f}`),
    'stranded_vcpus',
    'stranded_ram_mb',
    'stranded_disk_gb',
    'project_shared_pairs',
    'group_shared_pairs',
    'n1_host_spare_ram_mb',
    'n1_host_spare_vcpus',
    'n1_domain_spare_ram_mb',
    'n1_domain_spare_vcpus',
  ];
}

/** Columns an observer appends to every timeseries.csv row (energy, ...), read from its running totals in O(1). */
export interface SampleColumns {
  readonly columns: readonly string[];
  values(): readonly string[];
}

/**
 * timeseries.csv: one row per sample, read from running totals (RunStats'
 * status counts, the inventory's used and capacity sums, the headroom
 * ledger, the N+1 spare), so a sample costs O(statuses + flavors +
 * projects + groups + failure domains) whatever the number of hosts and
 * servers.
 *
 * It also integrates utilisation over time: each sample's value is held
 * until the next sample (a step function), so the mean is exact for usage
 * that only changes at sample times and an approximation otherwise. Sample
 * once more at the end time so the last interval is counted.
 */
export class Sampler {
  readonly #csv: CsvWriter;
  /** Utilisation per class as levels, from the first sample (each sample's value held until the next). */
  #levels: { readonly vcpus: Level; readonly ram: Level; readonly disk: Level } | null = null;

  constructor(
    sink: TextSink,
    private readonly headroom: Headroom,
    private readonly coLocation: CoLocation,
    private readonly spare: SpareCapacity,
    /** Observers whose columns follow the built-in ones, in this order. */
    private readonly extra: readonly SampleColumns[] = [],
    batchRows: number = DEFAULT_BATCH_ROWS,
  ) {
    this.#csv = new CsvWriter(sink, [...timeseriesColumns(headroom.flavors), ...extra.flatMap((e) => e.columns)], batchRows);
  }

  sample(time: number, inventory: Inventory, stats: RunStats): void {
    const { used, capacity } = inventory;
    const stranded = this.headroom.stranded();
    const spare = this.spare.sample();
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
      ...this.headroom.flavors.map((_, f) => decimal(this.headroom.headroomOf(f))),
      decimal(stranded.vcpus),
      decimal(stranded.ramMb),
      decimal(stranded.diskGb),
      String(this.coLocation.projectTotal),
      String(this.coLocation.groupTotal),
      decimal(spare.hostRamMb),
      decimal(spare.hostVcpus),
      optionalDecimal(spare.domainRamMb),
      optionalDecimal(spare.domainVcpus),
      ...this.extra.flatMap((e) => e.values()),
    ]);
    this.#integrate(time, utilisationOf(used, capacity));
  }

  /** Time-weighted mean utilisation between the first and last sample; null before two samples apart. */
  meanUtilisation(): Utilisation | null {
    const levels = this.#levels;
    if (levels === null) return null;
    const at = levels.vcpus.since;
    const [vcpus, ram, disk] = [levels.vcpus.meanAt(at), levels.ram.meanAt(at), levels.disk.meanAt(at)];
    return vcpus === null || ram === null || disk === null ? null : { vcpus, ram, disk };
  }

  /** Writes the rows still buffered; call once at the end of the run. */
  flush(): void {
    this.#csv.flush();
  }

  #integrate(time: number, now: Utilisation): void {
    const levels = this.#levels;
    if (levels === null) {
      this.#levels = { vcpus: new Level(time, now.vcpus), ram: new Level(time, now.ram), disk: new Level(time, now.disk) };
      return;
    }
    levels.vcpus.set(time, now.vcpus);
    levels.ram.set(time, now.ram);
    levels.disk.set(time, now.disk);
  }
}
