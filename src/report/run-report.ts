import type { TopLevelSpec } from 'vega-lite';
import { cellNumber, parseCsv } from './csv.js';
import { reportPage, type Figures } from './html.js';
import type { Chart } from './render.js';

/** The texts of a run's outputs a report is drawn from; migrations.csv only when the run wrote one. */
export interface RunOutputs {
  readonly summaryJson: string;
  readonly timeseriesCsv: string;
  readonly migrationsCsv?: string | undefined;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const entries = (v: unknown): [string, unknown][] => Object.entries(obj(v) ?? {});

const WIDTH = 760;
const HEIGHT = 220;
/** Width per bar (or per category of ticks). */
const BAR_STEP = 90;
/** Time series are thinned to about this many samples (every k-th row, the last kept), so a long run's report stays small. */
const MAX_POINTS = 400;
const DAY = 86_400;

/** A run's report.html: header with the key figures, then the charts its outputs support. */
export async function runReport(outputs: RunOutputs): Promise<string> {
  const summary = obj(JSON.parse(outputs.summaryJson)) ?? {};
  const rows = thin(parseCsv(outputs.timeseriesCsv));
  const migrations = outputs.migrationsCsv === undefined ? [] : parseCsv(outputs.migrationsCsv);
  const charts = [
    statusChart(rows),
    utilisationChart(rows),
    ...placementCharts(summary),
    ...migrationCharts(summary, migrations),
    ...energyCharts(summary, rows),
    ...hostCpuCharts(rows),
  ].filter((c): c is Chart => c !== undefined);
  const notes = ['Servers by status leaves out DELETED (a running total of deleted servers). Time is in days from the start of the run.'];
  return reportPage(`novasim run: ${String(summary['scenario'] ?? '?')}`, figures(summary), notes, charts);
}

function thin(rows: Record<string, string>[]): Record<string, string>[] {
  const step = Math.ceil(rows.length / MAX_POINTS);
  if (step <= 1) return rows;
  return rows.filter((_, i) => i % step === 0 || i === rows.length - 1);
}

const day = (row: Record<string, string>): number => (cellNumber(row['time']) ?? 0) / DAY;

const timeAxis = { field: 'day', type: 'quantitative', title: 'day' } as const;

function statusChart(rows: Record<string, string>[]): Chart | undefined {
  const first = rows[0];
  if (first === undefined) return undefined;
  const statuses = statusColumns(Object.keys(first)).filter((s) => rows.some((r) => (cellNumber(r[s]) ?? 0) > 0));
  const values = rows.flatMap((r) => statuses.map((status) => ({ day: day(r), status, servers: cellNumber(r[status]) ?? 0 })));
  return {
    title: 'Servers by status',
    spec: {
      width: WIDTH,
      height: HEIGHT,
      data: { values },
      mark: { type: 'area', interpolate: 'step-after' },
      encoding: {
        x: timeAxis,
        y: { field: 'servers', type: 'quantitative', stack: 'zero', title: 'servers' },
        color: { field: 'status', type: 'nominal', sort: statuses },
        order: { field: 'status', sort: 'ascending' },
      },
    },
  };
}

/** The API status columns: those between `time` and `used_vcpus`, less DELETED. */
function statusColumns(header: readonly string[]): string[] {
  const end = header.indexOf('used_vcpus');
  return header.slice(1, end < 0 ? 1 : end).filter((s) => s !== 'DELETED');
}

function utilisationChart(rows: Record<string, string>[]): Chart | undefined {
  const resources = [
    ['vCPUs', 'used_vcpus', 'free_vcpus'],
    ['RAM', 'used_ram_mb', 'free_ram_mb'],
    ['disk', 'used_disk_gb', 'free_disk_gb'],
  ] as const;
  const values = rows.flatMap((r) =>
    resources.flatMap(([resource, used, free]) => {
      const u = cellNumber(r[used]);
      const total = (u ?? 0) + (cellNumber(r[free]) ?? 0);
      return u === undefined || total <= 0 ? [] : [{ day: day(r), resource, used: u / total }];
    }),
  );
  if (values.length === 0) return undefined;
  return {
    title: 'Utilisation (used / total)',
    spec: {
      width: WIDTH,
      height: HEIGHT,
      data: { values },
      mark: { type: 'line', interpolate: 'step-after' },
      encoding: {
        x: timeAxis,
        y: { field: 'used', type: 'quantitative', axis: { format: '%' }, scale: { domain: [0, 1] }, title: 'used' },
        color: { field: 'resource', type: 'nominal', sort: resources.map(([r]) => r) },
      },
    },
  };
}

function bars(title: string, values: readonly Json[], x: string, y: string, color?: string): Chart {
  const spec: TopLevelSpec = {
    width: { step: BAR_STEP },
    height: HEIGHT,
    data: { values: [...values] },
    mark: 'bar',
    encoding: {
      x: { field: x, type: 'nominal', sort: null, axis: { labelAngle: 0 } },
      y: { field: y, type: 'quantitative' },
      ...(color === undefined ? {} : { color: { field: color, type: 'nominal', sort: null } }),
    },
  };
  return { title, spec };
}

function placementCharts(summary: Json): Chart[] {
  const placements = obj(summary['placements']);
  if (placements === undefined) return [];
  const byPurpose = entries(placements['by_purpose']).flatMap(([purpose, v]) => {
    const attempted = num(obj(v)?.['attempted']) ?? 0;
    const failed = num(obj(v)?.['failed']) ?? 0;
    return [
      { purpose, outcome: 'succeeded', placements: attempted - failed },
      { purpose, outcome: 'failed', placements: failed },
    ];
  });
  const byFilter = entries(placements['failed_by_filter']).map(([filter, v]) => ({ filter, failures: num(v) ?? 0 }));
  return [
    bars('Placements by purpose', byPurpose, 'purpose', 'placements', 'outcome'),
    ...(byFilter.length > 0 ? [bars('Failed placements by filter', byFilter, 'filter', 'failures')] : []),
  ];
}

function migrationCharts(summary: Json, rows: readonly Record<string, string>[]): Chart[] {
  const migrations = obj(summary['migrations']);
  if (migrations === undefined || (num(migrations['count']) ?? 0) === 0) return [];
  const kinds = entries(migrations['by_kind']);
  const counts = kinds.map(([kind, v]) => ({ kind, migrations: num(obj(v)?.['count']) ?? 0 }));
  const downtime =
    rows.length > 0
      ? {
          title: 'Downtime of each migration, by kind',
          spec: {
            width: { step: BAR_STEP },
            height: HEIGHT,
            data: { values: distinctTicks(rows) },
            mark: { type: 'tick', thickness: 2 },
            encoding: {
              x: { field: 'kind', type: 'nominal', sort: kinds.map(([k]) => k), axis: { labelAngle: 0 } },
              y: { field: 'downtime_s', type: 'quantitative', title: 'downtime (s)' },
            },
          } satisfies TopLevelSpec,
        }
      : bars(
          'Downtime by kind (s)',
          kinds.flatMap(([kind, v]) => entries(obj(v)?.['downtime_s']).map(([stat, s]) => ({ kind, stat, seconds: num(s) ?? 0 }))),
          'kind',
          'seconds',
          'stat',
        );
  return [bars('Migrations by kind', counts, 'kind', 'migrations'), downtime];
}

/**
 * One tick per distinct (kind, downtime) pair, in order of first
 * appearance: ticks that coincide draw the same pixels, and a region run's
 * 11,000 migrations (most with the same downtime) made this one chart
 * 1.9 MB of SVG.
 */
function distinctTicks(rows: readonly Record<string, string>[]): { kind: string; downtime_s: number }[] {
  const seen = new Set<string>();
  const ticks: { kind: string; downtime_s: number }[] = [];
  for (const r of rows) {
    const tick = { kind: r['kind'] ?? '', downtime_s: cellNumber(r['downtime_s']) ?? 0 };
    const key = `${tick.kind}\u0000${tick.downtime_s}`;
    if (seen.has(key)) continue;
    seen.add(key);
    ticks.push(tick);
  }
  return ticks;
}

function energyCharts(summary: Json, rows: Record<string, string>[]): Chart[] {
  const charts: Chart[] = [];
  const power = rows.flatMap((r) => {
    const w = cellNumber(r['power_w']);
    return w === undefined ? [] : [{ day: day(r), power_w: w }];
  });
  if (power.length > 0) {
    charts.push({
      title: 'Power drawn (W)',
      spec: {
        width: WIDTH,
        height: HEIGHT,
        data: { values: power },
        mark: { type: 'line', interpolate: 'step-after' },
        encoding: { x: timeAxis, y: { field: 'power_w', type: 'quantitative', title: 'W' } },
      },
    });
  }
  const byProject = entries(obj(summary['cost'])?.['by_project']).map(([project, v]) => ({ project, cost: num(v) ?? 0 }));
  if (byProject.length > 0) charts.push(bars('Cost by project', byProject, 'project', 'cost'));
  return charts;
}

/**
 * With utilisation-driven hosts (timeseries.csv's CPU columns): the hosts
 * in use and those giving their servers less CPU than asked (overloaded),
 * and the spread of the hosts' utilisation, over time.
 */
function hostCpuCharts(rows: Record<string, string>[]): Chart[] {
  if (rows[0] === undefined || !('hosts_cpu_active' in rows[0])) return [];
  const counts = rows.flatMap((r) => [
    { day: day(r), series: 'hosts in use', hosts: cellNumber(r['hosts_cpu_active']) ?? 0 },
    { day: day(r), series: 'hosts short of CPU (overloaded)', hosts: cellNumber(r['hosts_cpu_short']) ?? 0 },
  ]);
  const spread = rows.flatMap((r) =>
    (['p10', 'p50', 'p90', 'max'] as const).flatMap((p) => {
      const u = cellNumber(r[`cpu_util_${p}`]);
      return u === undefined ? [] : [{ day: day(r), percentile: p, utilisation: u }];
    }),
  );
  const line = (values: readonly object[], y: string, title: string, colour: string): TopLevelSpec => ({
    width: WIDTH,
    height: HEIGHT,
    data: { values: [...values] },
    mark: { type: 'line', interpolate: 'step-after' },
    encoding: { x: timeAxis, y: { field: y, type: 'quantitative', title }, color: { field: colour, type: 'nominal', title: null } },
  });
  return [
    { title: 'Hosts in use and hosts overloaded', spec: line(counts, 'hosts', 'hosts', 'series') },
    { title: 'CPU utilisation of the hosts in use (percentiles)', spec: line(spread, 'utilisation', 'utilisation', 'percentile') },
  ];
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
