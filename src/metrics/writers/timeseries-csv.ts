import { STATUSES } from '../../lifecycle/status.js';
import type { Inventory } from '../../model/inventory.js';
import type { HostLoadNow } from '../figures/host-load.js';
import type { RunFigures } from '../figures/run-figures.js';
import { decimal, optionalDecimal } from '../format.js';
import type { RunFacts } from '../run-facts.js';
import { CsvWriter, DEFAULT_BATCH_ROWS } from './csv-writer.js';
import type { StreamedFile } from './output-file.js';
import type { TextSink } from './text-sink.js';

/** The columns of a run whose hosts' CPU follows demand: the hosts' utilisation as a distribution, not a column per host. */
const CPU_COLUMNS = ['hosts_cpu_active', 'cpu_util_p10', 'cpu_util_p50', 'cpu_util_p90', 'cpu_util_max', 'hosts_cpu_short'];

/** timeseries.csv's header: it names one headroom column per flavor, in the scenario's order, and the CPU columns when the hosts' CPU follows demand. */
export function timeseriesColumns(flavors: readonly string[], cpu = false): string[] {
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
    'power_w',
    'hosts_powered_on',
    'cost',
    ...(cpu ? CPU_COLUMNS : []),
  ];
}

/**
 * timeseries.csv: one row per strike of the sample clock, read from
 * running totals (status counts, the inventory's used and capacity sums,
 * the headroom ledger, the N+1 spare, the power draw), so a row costs
 * O(statuses + flavors + failure domains) whatever the number of hosts and
 * servers.
 */
export class Timeseries {
  readonly #csv: CsvWriter;

  constructor(
    facts: RunFacts,
    sink: TextSink,
    private readonly inventory: Inventory,
    private readonly figures: RunFigures,
    batchRows: number = DEFAULT_BATCH_ROWS,
  ) {
    this.#csv = new CsvWriter(sink, timeseriesColumns(figures.headroom.flavors, figures.cpu !== null), batchRows);
    facts.on('sample', (fact) => this.#row(fact.time));
  }

  /** Writes the rows still buffered; call once at the end of the run. */
  flush(): void {
    this.#csv.flush();
  }

  #row(time: number): void {
    const { used, capacity } = this.inventory;
    const { stats, headroom, coLocation, spare, energy, cpu } = this.figures;
    const stranded = headroom.stranded();
    const n1 = spare.current();
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
      String(this.inventory.hosts.length - stats.hostsDown),
      ...headroom.flavors.map((_, f) => decimal(headroom.headroomOf(f))),
      decimal(stranded.vcpus),
      decimal(stranded.ramMb),
      decimal(stranded.diskGb),
      String(coLocation.projectTotal),
      String(coLocation.groupTotal),
      decimal(n1.hostRamMb),
      decimal(n1.hostVcpus),
      optionalDecimal(n1.domainRamMb),
      optionalDecimal(n1.domainVcpus),
      optionalDecimal(cpu?.model === 'cloudsim' ? cpu.energy.powerW : energy.powerW),
      String(cpu?.model === 'cloudsim' ? cpu.energy.hostsActive : energy.hostsPoweredOn),
      // What the servers have cost so far; empty without charging rates.
      this.figures.charging === null ? '' : decimal(this.figures.charging.accruedAt(time), 4),
      ...(cpu === null ? [] : cpuCells(cpu.load.now())),
    ]);
  }
}

function cpuCells(load: HostLoadNow): string[] {
  return [String(load.active), optionalDecimal(load.p10), optionalDecimal(load.p50), optionalDecimal(load.p90), optionalDecimal(load.max), String(load.short)];
}

export const timeseriesCsv = {
  kind: 'streamed',
  name: 'timeseries.csv',
  stable: true,
  // Every column is a number; counts and sums alike as DOUBLE, since the headroom and CPU columns vary with the scenario.
  parquet: { from: 'csv', name: 'timeseries.parquet', types: {}, otherwise: 'DOUBLE' },
  listen: (run, sink) => new Timeseries(run.facts, sink, run.inventory, run.figures),
} as const satisfies StreamedFile;
