import type { Host } from '../../model/host.js';
import type { Inventory } from '../../model/inventory.js';
import { decimal } from '../format.js';
import type { RunFacts } from '../run-facts.js';
import { CsvWriter, DEFAULT_BATCH_ROWS } from './csv-writer.js';
import type { StreamedFile } from './output-file.js';
import type { TextSink } from './text-sink.js';

export const HOST_UTILISATION_COLUMNS = [
  'time',
  'row',
  'hosts',
  'hosts_down',
  'used_vcpus',
  'vcpus',
  'used_ram_mb',
  'ram_mb',
  'used_disk_gb',
  'disk_gb',
] as const;

/** At most this many rows per sample: each host while there are no more hosts, else groups of them. */
export const MAX_ROWS = 48;

/** The rack (failure domain), else the first aggregate, else the availability zone: what an operator groups hosts by. */
const groupOf = (h: Host): string => h.failureDomain ?? h.aggregates[0]?.name ?? h.availabilityZone;
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** One row of the file: its label and the ids of its hosts. */
export interface HostRow {
  readonly label: string;
  readonly hosts: readonly number[];
}

/**
 * The rows hosts are shown in, fixed at the start (hosts are never added
 * later): hosts ordered by group then name; each host its own row while
 * there are at most MAX_ROWS, else one row per group when the groups are
 * between 2 and MAX_ROWS, else MAX_ROWS bands of consecutive hosts.
 */
export function hostRows(hosts: readonly Host[]): HostRow[] {
  const ordered = [...hosts].sort((a, b) => compare(groupOf(a), groupOf(b)) || compare(a.name, b.name) || a.id - b.id);
  if (ordered.length <= MAX_ROWS) return ordered.map((h) => ({ label: h.name, hosts: [h.id] }));
  const groups = new Map<string, number[]>();
  for (const h of ordered) {
    const ids = groups.get(groupOf(h));
    if (ids === undefined) groups.set(groupOf(h), [h.id]);
    else ids.push(h.id);
  }
  if (groups.size > 1 && groups.size <= MAX_ROWS) return [...groups].map(([label, ids]) => ({ label, hosts: ids }));
  const size = Math.ceil(ordered.length / MAX_ROWS);
  const rows: HostRow[] = [];
  for (let i = 0; i < ordered.length; i += size) {
    const band = ordered.slice(i, i + size);
    rows.push({ label: `${band[0]!.name}..${band[band.length - 1]!.name}`, hosts: band.map((h) => h.id) });
  }
  return rows;
}

/**
 * host-utilisation.csv: at each sample, each row's hosts (one host, a
 * group, or a band of hosts) with their claims, capacity and how many are
 * down: the report's heatmap. Row sums move by difference on each
 * host_changed fact, so a fact costs O(1) and a sample O(rows), whatever
 * the number of hosts.
 */
export class HostUtilisation {
  readonly #csv: CsvWriter;
  readonly #rows: readonly HostRow[];
  /** Per host: its row, and what it last added to the row's sums. */
  readonly #rowOf: Int32Array;
  readonly #added: Float64Array;
  /** Per row, 4 sums: down, vCPUs, RAM, disk used; then capacity, 3 sums, fixed. */
  readonly #used: Float64Array;
  readonly #capacity: Float64Array;

  constructor(facts: RunFacts, sink: TextSink, hosts: readonly Host[], batchRows: number = DEFAULT_BATCH_ROWS) {
    this.#csv = new CsvWriter(sink, [...HOST_UTILISATION_COLUMNS], batchRows);
    this.#rows = hostRows(hosts);
    this.#rowOf = new Int32Array(hosts.length);
    this.#added = new Float64Array(hosts.length * 4);
    this.#used = new Float64Array(this.#rows.length * 4);
    this.#capacity = new Float64Array(this.#rows.length * 3);
    this.#rows.forEach((row, r) => {
      for (const id of row.hosts) {
        const h = hosts[id]!;
        this.#rowOf[id] = r;
        this.#capacity[r * 3]! += h.capacity.vcpus;
        this.#capacity[r * 3 + 1]! += h.capacity.ramMb;
        this.#capacity[r * 3 + 2]! += h.capacity.diskGb;
        this.#take(h);
      }
    });
    facts.on('host_changed', (fact) => this.#take(hosts[fact.host]!));
    facts.on('sample', (fact) => this.#sample(fact.time));
  }

  /** Writes the rows still buffered; call once at the end of the run. */
  flush(): void {
    this.#csv.flush();
  }

  /** Replaces what `host` adds to its row by what it holds now. */
  #take(host: Host): void {
    const now = [host.alive ? 0 : 1, host.used.vcpus, host.used.ramMb, host.used.diskGb];
    const r = this.#rowOf[host.id]!;
    for (let k = 0; k < 4; k++) {
      this.#used[r * 4 + k]! += now[k]! - this.#added[host.id * 4 + k]!;
      this.#added[host.id * 4 + k] = now[k]!;
    }
  }

  #sample(time: number): void {
    this.#rows.forEach((row, r) => {
      const [u, c] = [this.#used, this.#capacity];
      this.#csv.row([
        decimal(time),
        row.label,
        String(row.hosts.length),
        String(Math.round(u[r * 4]!)),
        decimal(u[r * 4 + 1]!),
        decimal(c[r * 3]!),
        decimal(u[r * 4 + 2]!),
        decimal(c[r * 3 + 1]!),
        decimal(u[r * 4 + 3]!),
        decimal(c[r * 3 + 2]!),
      ]);
    });
  }
}

export const hostUtilisationCsv = {
  kind: 'streamed',
  name: 'host-utilisation.csv',
  stable: true,
  listen: (run, sink) => new HostUtilisation(run.facts, sink, run.inventory.hosts),
} as const satisfies StreamedFile;
