import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { metricValue } from '../experiment/metric-path.js';
import { planRuns } from '../experiment/run-plan.js';
import { formatError, loadSweep, type Sweep } from '../experiment/sweep-file.js';
import { pairedCsv, pairedRows, summaryCsv, summaryRows, tablesText } from '../experiment/tables.js';
import { InputError } from './input-error.js';

/**
 * A sweep folder: `sweep.json` (the definition its runs belong to),
 * `runs/<id>/` (one complete results folder per finished run: a folder
 * that exists is whole, because each is renamed into place), `failed/<id>.txt`
 * (the error of a run that failed, until it succeeds), and the tables
 * `summary.csv` and `paired.csv`, and their charts `report.html`.
 */
export const sweepPaths = (out: string) => ({
  definition: join(out, 'sweep.json'),
  runs: join(out, 'runs'),
  run: (id: string) => join(out, 'runs', id),
  failed: (id: string) => join(out, 'failed', `${id}.txt`),
});

/** Reads and checks a sweep file; InputError listing every problem as file:line:column. */
export function readSweepFile(file: string): Sweep {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`${file}: cannot read the sweep file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  const loaded = loadSweep(file, text);
  if (!loaded.ok) throw new InputError(loaded.errors.map(formatError).join('\n'));
  return loaded.sweep;
}

const definitionText = (sweep: Sweep): string => `${JSON.stringify(sweep, null, 2)}\n`;

/** Writes `sweep.json`, or checks that the folder already holds this same sweep (a resume, or another shard). */
export function claimFolder(out: string, sweep: Sweep): void {
  const path = sweepPaths(out).definition;
  const text = definitionText(sweep);
  if (!existsSync(path)) return writeAtomic(path, text);
  if (readFileSync(path, 'utf8') !== text) {
    throw new InputError(`${out}: holds another sweep (its sweep.json differs: name, scenario, matrix, seeds or metrics); choose another --out`);
  }
}

/** The sweep a folder's `sweep.json` defines. */
export function readSweepFolder(dir: string): Sweep {
  const path = sweepPaths(dir).definition;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Sweep;
  } catch (e) {
    throw new InputError(`${dir}: not a sweep folder (cannot read sweep.json: ${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
}

/** Writes a file whole or not at all: a sibling temporary file renamed over it. */
export function writeAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${process.pid}.${path.split(/[\\/]/).pop()}.partial`);
  writeFileSync(temp, text);
  renameSync(temp, path);
}

/** Ids of the finished runs in a folder (partial folders start with a dot and are not runs). */
export function finishedRuns(out: string): Set<string> {
  const runs = sweepPaths(out).runs;
  if (!existsSync(runs)) return new Set();
  return new Set(readdirSync(runs, { withFileTypes: true }).filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name));
}

/** What the tables cover: runs planned, finished, and warnings about metrics that were not numbers. */
export interface Tabulated {
  readonly text: string;
  readonly planned: number;
  readonly finished: number;
  readonly warnings: readonly string[];
}

/**
 * Reads every finished run's summary.json, writes summary.csv and paired.csv
 * (and, unless `report` is false, report.html from them), returns the tables as text.
 */
export async function tabulate(out: string, sweep: Sweep, report = true): Promise<Tabulated> {
  const done = finishedRuns(out);
  const values = new Map<string, Record<string, number>>();
  const warnings = new Set<string>();
  const planned = planRuns(sweep);
  for (const run of planned.filter((r) => done.has(r.id))) {
    const summary: unknown = JSON.parse(readFileSync(join(sweepPaths(out).run(run.id), 'summary.json'), 'utf8'));
    const row: Record<string, number> = {};
    for (const metric of sweep.metrics) {
      const v = metricValue(summary, metric);
      if (v.kind === 'number') row[metric] = v.value;
      else warnings.add(`metric ${metric}: ${v.kind === 'missing' ? 'not in summary.json (or null)' : 'not a number'}, left out`);
    }
    values.set(run.id, row);
  }
  const summary = summaryRows(sweep, values);
  const paired = pairedRows(sweep, values);
  const tables = { name: sweep.name, summaryCsv: summaryCsv(sweep, summary), pairedCsv: pairedCsv(paired) };
  writeAtomic(join(out, 'summary.csv'), tables.summaryCsv);
  writeAtomic(join(out, 'paired.csv'), tables.pairedCsv);
  if (report) {
    // Loaded only when wanted: Vega costs a few hundred milliseconds to load.
    const { sweepReport } = await import('../report/index.js');
    writeAtomic(join(out, 'report.html'), await sweepReport(tables));
  }
  return { text: tablesText(summary, paired), planned: planned.length, finished: values.size, warnings: [...warnings].sort() };
}
