import { DAY } from './axes.js';
import { parseCsv } from './csv.js';
import { reportPage, type Figures } from './html.js';
import type { Chart } from './render.js';
import { heatmapChart } from './heatmap.js';
import { costChart, entries, migrationCharts, num, obj, placementCharts, refusalsChart } from './summary-charts.js';
import { costOverTimeChart, headroomChart, hostCpuCharts, powerChart, statusChart, timelineChart, utilisationChart, type TimeFrame } from './time-charts.js';
import type { TimeMark } from '../metrics/figures/time-marks.js';

/** The texts of a run's outputs a report is drawn from, each optional one only when the run wrote it, and the run's marks in time. */
export interface RunOutputs {
  readonly summaryJson: string;
  readonly timeseriesCsv: string;
  readonly migrationsCsv?: string | undefined;
  /** Host failures, evacuations and operator actions, for the timeline (none: no timeline). */
  readonly marks?: readonly TimeMark[] | undefined;
  readonly hostUtilisationCsv?: string | undefined;
}

type Json = Record<string, unknown>;

/** Time series are thinned to about this many samples (every k-th row, the last kept), so a long run's report stays small. */
const MAX_POINTS = 400;

/**
 * A run's report.html: header with the key figures, then the charts its
 * outputs support: first what happened when (host failures, evacuations,
 * operator actions), then the charts over time with each host failure
 * drawn across them, then the counts.
 */
export async function runReport(outputs: RunOutputs): Promise<string> {
  const summary = obj(JSON.parse(outputs.summaryJson)) ?? {};
  const rows = thin(parseCsv(outputs.timeseriesCsv));
  const migrations = outputs.migrationsCsv === undefined ? [] : parseCsv(outputs.migrationsCsv);
  const duration = num(summary['duration']) ?? 0;
  const marks = outputs.marks ?? [];
  const frame: TimeFrame = { days: duration / DAY, failures: marks.filter((m) => m.kind === 'host failure').map((m) => m.day) };
  const charts = [
    timelineChart(marks, frame),
    statusChart(rows, frame),
    utilisationChart(rows, frame),
    heatmapChart(outputs.hostUtilisationCsv, frame),
    headroomChart(rows, frame),
    powerChart(rows, frame),
    ...hostCpuCharts(rows, frame),
    costOverTimeChart(rows, frame),
    refusalsChart(summary),
    ...placementCharts(summary),
    ...migrationCharts(summary, migrations),
    costChart(summary),
  ].filter((c): c is Chart => c !== undefined);
  const notes = [
    'Time is in days from the start of the run. Servers by status leaves out DELETED (a running total of deleted servers).',
    ...(frame.failures.length > 0 ? ['A dashed red line across a chart over time marks a host failure.'] : []),
  ];
  return reportPage(`novasim run: ${String(summary['scenario'] ?? '?')}`, figures(summary), notes, charts);
}

function thin(rows: Record<string, string>[]): Record<string, string>[] {
  const step = Math.ceil(rows.length / MAX_POINTS);
  if (step <= 1) return rows;
  return rows.filter((_, i) => i % step === 0 || i === rows.length - 1);
}

const round = (x: number, digits: number): string => String(Number(x.toFixed(digits)));
const percent = (x: unknown): string => (num(x) === undefined ? '-' : `${round(num(x)! * 100, 1)}%`);

function durationText(seconds: number): string {
  if (seconds >= DAY) return `${round(seconds / DAY, 2)} d`;
  if (seconds >= 3600) return `${round(seconds / 3600, 2)} h`;
  return `${round(seconds, 0)} s`;
}

function figures(summary: Json): Figures {
  const placements = obj(summary['placements']);
  const mean = obj(summary['mean_utilisation']);
  const servers = entries(summary['servers_by_status']).filter(([s]) => s !== 'DELETED').reduce((a, [, n]) => a + (num(n) ?? 0), 0);
  const list: [string, string][] = [
    ['scenario', String(summary['scenario'] ?? '?')],
    ['seed', String(summary['seed'] ?? '?')],
    ['duration', durationText(num(summary['duration']) ?? 0)],
    ['hosts', String(num(obj(summary['hosts'])?.['total']) ?? '-')],
    ['servers at the end (not deleted)', String(servers)],
    ['placements attempted / failed', `${num(placements?.['attempted']) ?? 0} / ${num(placements?.['failed']) ?? 0}`],
    ['mean utilisation vCPUs / RAM / disk', [mean?.['vcpus'], mean?.['ram'], mean?.['disk']].map(percent).join(' / ')],
  ];
  const migrations = num(obj(summary['migrations'])?.['count']);
  if (migrations !== undefined) list.push(['migrations', String(migrations)]);
  const kwh = num(obj(summary['energy'])?.['total_kwh']);
  if (kwh !== undefined) list.push(['energy', `${round(kwh, 1)} kWh`]);
  const sla = obj(summary['sla']);
  if (sla !== undefined) {
    list.push(['SLATAH / PDM', `${percent(sla['slatah'])} / ${round((num(sla['pdm']) ?? 0) * 100, 4)}%`]);
    list.push(['SLAV / ESV', `${(num(sla['slav']) ?? 0).toExponential(3)} / ${(num(sla['esv']) ?? 0).toExponential(3)}`]);
    list.push(['host shutdowns', String(num(obj(summary['hosts'])?.['shutdowns']) ?? '-')]);
  }
  const cost = num(obj(summary['cost'])?.['total']);
  if (cost !== undefined) list.push(['cost', round(cost, 2)]);
  return list;
}
