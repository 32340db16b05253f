import { stringify } from 'csv-stringify/sync';
import { configurations, runId, type Configuration } from './run-plan.js';
import { describe, type Described } from './stats.js';
import { shownValue, type Sweep } from './sweep-file.js';

/** A metric's value in each finished run: run id -> metric path -> number (absent: missing or not a number). */
export type RunValues = ReadonlyMap<string, Readonly<Record<string, number>>>;

/** One configuration x metric: the statistics over its seeds. */
export interface SummaryRow {
  readonly configuration: Configuration;
  readonly metric: string;
  readonly stats: Described;
}

/**
 * Two configurations that differ in one dimension only, compared seed by
 * seed: the differences `to - from` over the seeds both finished (common
 * random numbers: the same seed gives the same arrivals, so the pairing
 * removes most of the noise the two share).
 */
export interface PairedRow {
  readonly dimension: string;
  readonly from: string;
  readonly to: string;
  /** The other dimensions' values, `path=value` joined by commas ('' with one dimension). */
  readonly fixed: string;
  readonly metric: string;
  readonly stats: Described;
}

/** Statistics per configuration (product order) and metric (file order). */
export function summaryRows(sweep: Sweep, values: RunValues): SummaryRow[] {
  return configurations(sweep).flatMap((configuration) =>
    sweep.metrics.map((metric) => ({ configuration, metric, stats: describe(samples(sweep, configuration, metric, values)) })),
  );
}

function samples(sweep: Sweep, configuration: Configuration, metric: string, values: RunValues): number[] {
  return sweep.seeds.flatMap((seed) => {
    const v = values.get(runId(configuration.label, seed))?.[metric];
    return v === undefined ? [] : [v];
  });
}

/**
 * Paired differences for every pair of values of every dimension, the other
 * dimensions held fixed: dimensions in matrix order, value pairs (i < j) in
 * file order, fixed points in product order, then metrics.
 */
export function pairedRows(sweep: Sweep, values: RunValues): PairedRow[] {
  const all = configurations(sweep);
  const rows: PairedRow[] = [];
  sweep.matrix.forEach((dimension, d) => {
    dimension.values.forEach((_, i) => {
      for (let j = i + 1; j < dimension.values.length; j++) {
        for (const a of all.filter((c) => c.values[d] === dimension.values[i])) {
          const b = all.find((c) => c.values[d] === dimension.values[j] && c.values.every((v, k) => k === d || v === a.values[k]))!;
          const fixed = a.overrides.filter((_, k) => k !== d).map((o) => o.text).join(',');
          for (const metric of sweep.metrics) {
            const diffs = sweep.seeds.flatMap((seed) => {
              const va = values.get(runId(a.label, seed))?.[metric];
              const vb = values.get(runId(b.label, seed))?.[metric];
              return va === undefined || vb === undefined ? [] : [vb - va];
            });
            rows.push({ dimension: dimension.path, from: shownValue(dimension, i), to: shownValue(dimension, j), fixed, metric, stats: describe(diffs) });
          }
        }
      }
    });
  });
  return rows;
}

/** A number as the CSV files write it: 12 significant digits, no trailing zeros; '' when undefined. */
export const csvNumber = (x: number | undefined): string => (x === undefined ? '' : String(Number(x.toPrecision(12))));

const statColumns = ['n', 'mean', 'sd', 'ci95_low', 'ci95_high'];
const statCells = (s: Described): string[] => [String(s.n), ...[s.mean, s.sd, s.low, s.high].map(csvNumber)];

/** summary.csv: `configuration, <one column per dimension>, metric, n, mean, sd, ci95_low, ci95_high`. */
export function summaryCsv(sweep: Sweep, rows: readonly SummaryRow[]): string {
  const header = ['configuration', ...sweep.matrix.map((d) => d.path), 'metric', ...statColumns];
  const body = rows.map((r) => [r.configuration.label, ...r.configuration.shown, r.metric, ...statCells(r.stats)]);
  return stringify([header, ...body]);
}

/** paired.csv: `dimension, from, to, fixed, metric, n, mean, sd, ci95_low, ci95_high` of the differences `to - from`. */
export function pairedCsv(rows: readonly PairedRow[]): string {
  const header = ['dimension', 'from', 'to', 'fixed', 'metric', ...statColumns];
  return stringify([header, ...rows.map((r) => [r.dimension, r.from, r.to, r.fixed, r.metric, ...statCells(r.stats)])]);
}

const show = (x: number | undefined): string => (x === undefined ? '-' : String(Number(x.toPrecision(6))));
const interval = (s: Described): string => (s.halfWidth === undefined ? '-' : `± ${show(s.halfWidth)}`);

/** Both tables as aligned text for a terminal. */
export function tablesText(summary: readonly SummaryRow[], paired: readonly PairedRow[]): string {
  const first = aligned([
    ['configuration', 'metric', 'n', 'mean', 'sd', '95% CI'],
    ...summary.map((r) => [r.configuration.label || '(all)', r.metric, String(r.stats.n), show(r.stats.mean), show(r.stats.sd), interval(r.stats)]),
  ]);
  if (paired.length === 0) return first;
  const second = aligned([
    ['paired difference', 'fixed', 'metric', 'n', 'mean', 'sd', '95% CI'],
    ...paired.map((r) => [`${r.dimension}: ${r.to} - ${r.from}`, r.fixed || '-', r.metric, String(r.stats.n), show(r.stats.mean), show(r.stats.sd), interval(r.stats)]),
  ]);
  return `${first}\n${second}`;
}

/** Columns padded to their widest cell; numbers-looking columns (after the labels) right-aligned. */
function aligned(rows: readonly string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const labels = rows[0]!.length - 4; // the last four columns are n, mean, sd, CI
  return rows
    .map((r) => r.map((cell, c) => (c < labels ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd())
    .join('\n')
    .concat('\n');
}
