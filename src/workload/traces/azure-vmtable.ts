import { splitCsv } from './csv-fields.js';
import { RowReader } from './cells.js';
import { readLines } from './lines.js';
import { quoteCell } from './trace-error.js';

/**
 * The Azure Public Dataset's VM table (vmtable.csv, V1 2017 and V2 2019):
 * one row per VM, no header in the published files (a header row naming
 * `vmid` first is accepted and skipped). Times are seconds from the trace's
 * start; CPU figures are percentages over the VM's life; core count and
 * memory are buckets ("2", "8", ">24"), not exact sizes, so the scenario
 * maps buckets to flavors.
 */
export const VMTABLE_COLUMNS = [
  'vmid', 'subscriptionid', 'deploymentid', 'vmcreated', 'vmdeleted', 'maxcpu', 'avgcpu', 'p95maxcpu', 'vmcategory', 'vmcorecountbucket', 'vmmemorybucket',
] as const;

export const VM_CATEGORIES = ['Delay-insensitive', 'Interactive', 'Unknown'] as const;
export type VmCategory = (typeof VM_CATEGORIES)[number];

/** One VM of the table, as the trace gives it. */
export interface AzureVm {
  /** The line it came from, for later messages about it. */
  readonly line: number;
  readonly id: string;
  readonly subscription: string;
  readonly deployment: string;
  /** Seconds from the trace's start. */
  readonly created: number;
  readonly deleted: number;
  /** CPU utilisation over the VM's life, in percent. */
  readonly maxCpu: number;
  readonly avgCpu: number;
  readonly p95MaxCpu: number;
  readonly category: VmCategory;
  /** The bucket labels as written, e.g. "2", ">24". */
  readonly coreBucket: string;
  readonly memoryBucket: string;
}

const BUCKET = /^>?\d+(\.\d+)?$/;

/**
 * Streams the table's rows. With `inCreationOrder`, a row created before
 * the one above it is an error: arrivals replayed from the table stream in
 * time order, and a file out of order would otherwise need sorting in memory.
 */
export function* readAzureVmTable(file: string, options: { readonly inCreationOrder?: boolean } = {}): Generator<AzureVm, void, undefined> {
  let last = Number.NEGATIVE_INFINITY;
  for (const { number, text } of readLines(file)) {
    if (text.trim() === '') continue;
    const cells = splitCsv(file, number, text);
    if (number === 1 && cells[0]?.text.toLowerCase() === 'vmid') continue;
    const row = new RowReader(file, number, cells, VMTABLE_COLUMNS);
    row.noMoreThan(VMTABLE_COLUMNS.length);
    const created = row.whole(3);
    const deleted = row.whole(4);
    if (deleted < created) row.fail(4, `expected a time at or after vmcreated (${created}), got ${deleted}`);
    if (options.inCreationOrder && created < last)
      row.fail(3, `the rows must be in creation order (sort the file by vmcreated); ${created} comes after ${last}`);
    last = created;
    const category = row.text(8);
    if (!(VM_CATEGORIES as readonly string[]).includes(category)) row.fail(8, `expected one of ${VM_CATEGORIES.join(', ')}, got ${quoteCell(category)}`);
    yield {
      line: number,
      id: row.text(0),
      subscription: row.text(1),
      deployment: row.text(2),
      created,
      deleted,
      maxCpu: row.number(5, 0, 100),
      avgCpu: row.number(6, 0, 100),
      p95MaxCpu: row.number(7, 0, 100),
      category: category as VmCategory,
      coreBucket: bucket(row, 9),
      memoryBucket: bucket(row, 10),
    };
  }
}

function bucket(row: RowReader, i: number): string {
  const text = row.text(i);
  return BUCKET.test(text) ? text : row.fail(i, `expected a bucket such as 2, 8 or >24, got ${quoteCell(text)}`);
}

/** The table's CPU readings files (vm_cpu_readings-file-*.csv): `timestamp,vmid,mincpu,maxcpu,avgcpu`, one row per VM and 5 minutes. */
export const READINGS_COLUMNS = ['timestamp', 'vmid', 'mincpu', 'maxcpu', 'avgcpu'] as const;

export interface CpuReading {
  readonly line: number;
  /** Seconds from the trace's start. */
  readonly time: number;
  readonly vmId: string;
  /** Percent over the 5 minutes. */
  readonly min: number;
  readonly max: number;
  readonly avg: number;
}

/** Streams a readings file, which must be in time order (the published files are time slices). */
export function* readAzureCpuReadings(file: string): Generator<CpuReading, void, undefined> {
  let last = Number.NEGATIVE_INFINITY;
  for (const { number, text } of readLines(file)) {
    if (text.trim() === '') continue;
    const cells = splitCsv(file, number, text);
    if (number === 1 && cells[0]?.text.toLowerCase() === 'timestamp') continue;
    const row = new RowReader(file, number, cells, READINGS_COLUMNS);
    row.noMoreThan(READINGS_COLUMNS.length);
    const time = row.whole(0);
    if (time < last) row.fail(0, `the rows must be in time order; ${time} comes after ${last}`);
    last = time;
    yield { line: number, time, vmId: row.text(1), min: row.number(2, 0, 100), max: row.number(3, 0, 100), avg: row.number(4, 0, 100) };
  }
}
