import type { TopLevelSpec } from 'vega-lite';
import { cellNumber, parseCsv } from './csv.js';
import { reportPage } from './html.js';
import type { Chart } from './render.js';

/** The texts of a sweep's tables. */
export interface SweepTables {
  readonly name: string;
  readonly summaryCsv: string;
  readonly pairedCsv: string;
}

/** One labelled estimate: a mean and, with two seeds or more, its 95% interval. */
interface Estimate {
  readonly label: string;
  readonly n: number;
  readonly mean: number;
  readonly low: number | undefined;
  readonly high: number | undefined;
}

const WIDTH = 560;
const ROW = 26;

/**
 * A sweep's report.html: for each metric, the mean by configuration with its
 * 95% confidence interval (summary.csv), then the paired differences
 * between configurations with theirs (paired.csv), a rule at zero.
 */
export async function sweepReport(tables: SweepTables): Promise<string> {
  const summary = byMetric(parseCsv(tables.summaryCsv), (r) => r['configuration'] || '(all)');
  const paired = byMetric(parseCsv(tables.pairedCsv), (r) => `${r['dimension']}: ${r['to']} - ${r['from']}${r['fixed'] ? ` (${r['fixed']})` : ''}`);
  const charts: Chart[] = [];
  for (const [metric, estimates] of summary) charts.push({ title: `${metric}: mean by configuration, 95% CI`, spec: intervalSpec(estimates, metric, false) });
  for (const [metric, estimates] of paired) charts.push({ title: `${metric}: paired difference, 95% CI`, spec: intervalSpec(estimates, `difference in ${metric}`, true) });
  const runs = Math.max(0, ...[...summary.values()].flatMap((es) => es.map((e) => e.n)));
  return reportPage(
    `novasim sweep: ${tables.name}`,
    [
      ['sweep', tables.name],
      ['configurations', String(summary.values().next().value?.length ?? 0)],
      ['metrics', String(summary.size)],
      ['seeds finished (most per configuration)', String(runs)],
    ],
    ['Points are means over the seeds; bars are Student-t 95% confidence intervals (none with fewer than two seeds). Paired differences compare runs of the same seed.'],
    charts,
  );
}

/** Rows grouped by metric in file order, those without a mean left out. */
function byMetric(rows: readonly Record<string, string>[], label: (row: Record<string, string>) => string): Map<string, Estimate[]> {
  const groups = new Map<string, Estimate[]>();
  for (const r of rows) {
    const mean = cellNumber(r['mean']);
    if (mean === undefined) continue;
    const metric = r['metric'] ?? '';
    const list = groups.get(metric) ?? [];
    list.push({ label: label(r), n: cellNumber(r['n']) ?? 0, mean, low: cellNumber(r['ci95_low']), high: cellNumber(r['ci95_high']) });
    groups.set(metric, list);
  }
  return groups;
}

function intervalSpec(estimates: readonly Estimate[], title: string, zero: boolean): TopLevelSpec {
  const y = { field: 'label', type: 'nominal', sort: null, title: null, axis: { labelLimit: 360 } } as const;
  const x = { type: 'quantitative', title, scale: { zero } } as const;
  return {
    width: WIDTH,
    height: Math.max(ROW * estimates.length, 40),
    layer: [
      ...(zero ? [{ data: { values: [{ zero: 0 }] }, mark: { type: 'rule', color: '#999' }, encoding: { x: { field: 'zero', ...x } } } as const] : []),
      {
        data: { values: estimates.filter((e) => e.low !== undefined && e.high !== undefined).map((e) => ({ label: e.label, low: e.low, high: e.high })) },
        mark: { type: 'errorbar', ticks: true },
        encoding: { y, x: { field: 'low', ...x }, x2: { field: 'high' } },
      },
      {
        data: { values: estimates.map((e) => ({ label: e.label, mean: e.mean, n: e.n })) },
        mark: { type: 'point', filled: true, size: 60 },
        encoding: { y, x: { field: 'mean', ...x } },
      },
    ],
  };
}
