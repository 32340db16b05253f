/** The charts drawn from summary.json (and migrations.csv's rows): counts by purpose, kind, filter, project. */
import type { TopLevelSpec } from 'vega-lite';
import { BAR_STEP, HEIGHT } from './axes.js';
import { cellNumber } from './csv.js';
import type { Chart } from './render.js';

type Json = Record<string, unknown>;
export const obj = (v: unknown): Json | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined);
export const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
export const entries = (v: unknown): [string, unknown][] => Object.entries(obj(v) ?? {});

export function bars(title: string, values: readonly Json[], x: string, y: string, color?: string): Chart {
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

export function placementCharts(summary: Json): Chart[] {
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

export function migrationCharts(summary: Json, rows: readonly Record<string, string>[]): Chart[] {
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
            // One tick per migration: no aria-label on each, or a rolling update's page is mostly labels.
            mark: { type: 'tick', thickness: 2, aria: false },
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

/** What each project paid over the run (summary.json `cost.by_project`), when the scenario charges. */
export function costChart(summary: Json): Chart | undefined {
  const byProject = entries(obj(summary['cost'])?.['by_project']).map(([project, v]) => ({ project, cost: num(v) ?? 0 }));
  return byProject.length === 0 ? undefined : bars('Cost by project', byProject, 'project', 'cost');
}

/** Reasons are cut to this many characters on the chart's axis. */
const REASON_CHARS = 70;

/** The most frequent refusal reasons (summary.json `refusals.top_reasons`), as horizontal bars. */
export function refusalsChart(summary: Json): Chart | undefined {
  const top = obj(summary['refusals'])?.['top_reasons'];
  if (!Array.isArray(top) || top.length === 0) return undefined;
  const values = top.map((r) => {
    const reason = obj(r) ?? {};
    const status = reason['http_status'] === null ? '' : ` ${String(reason['http_status'])}`;
    const text = `${String(reason['action'])}${status}: ${String(reason['reason'])}`;
    return { reason: text.length > REASON_CHARS ? `${text.slice(0, REASON_CHARS - 3)}...` : text, refused: num(reason['count']) ?? 0 };
  });
  return {
    title: 'Requests refused, by reason (the most frequent)',
    spec: {
      width: 360,
      height: { step: 22 },
      data: { values },
      mark: 'bar',
      encoding: {
        y: { field: 'reason', type: 'nominal', sort: null, title: null, axis: { labelLimit: 420 } },
        x: { field: 'refused', type: 'quantitative', title: 'requests refused' },
      },
    },
  };
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
