import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { metricValue } from '../experiment/metric-path.js';
import { planRuns } from '../experiment/run-plan.js';
import { loadSweep, loadSweepDefinition, shownSweep, type Sweep } from '../experiment/sweep-file.js';
import { pairedCsv, pairedRows, summaryCsv, summaryRows, tablesText } from '../experiment/tables.js';
import { formatErrors } from '../scenario/parse.js';
import { InputError } from './input-error.js';
import { folderOrNothing, resultsPath } from './results-folder.js';
import { removeLeftovers, scratchName } from './scratch-names.js';
import { readJsonFile, readTextFile } from './text-file.js';
import { summaryJson } from './outputs/summary-json.js';

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
export function readSweepFile(file: string, maxFileMb?: number): Sweep {
  const loaded = loadSweep(file, readTextFile(file, 'sweep file', maxFileMb));
  if (!loaded.ok) throw new InputError(formatErrors(loaded.errors, loaded.omitted));
  return loaded.sweep;
}

/** sweep.json: the definition, secrets shown by their places (see shownSweep). */
const definitionText = (sweep: Sweep): string => `${JSON.stringify(shownSweep(sweep), null, 2)}\n`;

/**
 * Makes `out` this sweep's folder: a path that does not exist or an empty
 * folder gets `sweep.json`; a folder that holds this same sweep is resumed
 * (or shared with another shard); anything else is refused, untouched.
 * Returns the folder's absolute path.
 */
export function claimFolder(out: string, sweep: Sweep, flag = '--out'): string {
  const dir = resultsPath(out, flag);
  const found = folderOrNothing(dir, out);
  const path = sweepPaths(dir).definition;
  if (found === 'absent' || found === 'empty') {
    writeAtomic(path, definitionText(sweep));
    return dir;
  }
  if (!existsSync(path)) throw new InputError(`${out}: holds files but no sweep.json, so it is not a sweep folder; choose another ${flag}`);
  if (readFileSync(path, 'utf8') !== definitionText(sweep))
    throw new InputError(`${out}: holds another sweep (its sweep.json differs: name, scenario, matrix, seeds or metrics); choose another ${flag}`);
  return dir;
}

/** The sweep a folder's `sweep.json` defines, checked: a damaged or foreign one is refused. */
export function readSweepFolder(dir: string): Sweep {
  const path = sweepPaths(dir).definition;
  if (folderOrNothing(resolve(dir), dir) !== 'folder' || !existsSync(path)) throw new InputError(`${dir}: not a sweep folder (no sweep.json)`);
  const loaded = loadSweepDefinition(path, readTextFile(path, 'sweep definition'));
  if (!loaded.ok) throw new InputError(`${dir}: not a sweep folder novasim can read:\n${formatErrors(loaded.errors, loaded.omitted)}`);
  return loaded.sweep;
}

/** Writes a file whole or not at all: a sibling temporary file renamed over it. */
export function writeAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  removeLeftovers(dirname(path));
  const temp = join(dirname(path), scratchName(basename(path), 'partial'));
  writeFileSync(temp, text);
  renameSync(temp, path);
}

/** Ids of the finished runs in a folder (scratch folders and locks start with a dot and are not runs). */
export function finishedRuns(out: string): Set<string> {
  const runs = sweepPaths(out).runs;
  if (!existsSync(runs)) return new Set();
  return new Set(readdirSync(runs, { withFileTypes: true }).filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name));
}

/** A run folder's summary.json, parsed; InputError naming the file when it is missing or not JSON. */
export const readRunSummary = (runDir: string): unknown => readJsonFile(join(runDir, summaryJson.name), summaryJson.name);

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
    const summary = readRunSummary(sweepPaths(out).run(run.id));
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
