import { cpSync, existsSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { planRuns } from '../experiment/run-plan.js';
import { InputError } from './input-error.js';
import { scratchName, removeLeftovers } from './scratch-names.js';
import { claimFolder, finishedRuns, readRunSummary, readSweepFolder, sweepPaths, tabulate, writeAtomic } from './sweep-folder.js';
import type { SweepReports } from './sweep.js';

/** What a merge did; `missing` > 0 (runs of the plan in no folder) means exit 1. */
export interface MergeOutcome {
  readonly copied: number;
  readonly missing: number;
}

/**
 * `novasim merge OUT DIRS...`: gathers the run folders of several sweep
 * folders of one sweep (the shards of a job array, say) into OUT, then
 * writes the tables (and report.html). Everything is checked before
 * anything is written: every folder is a readable sweep folder of the same
 * sweep, every run belongs to its plan and has a readable summary.json, and
 * a run present twice is the same run (its files other than run.json, which
 * holds wall times, match byte for byte).
 */
export async function mergeSweeps(out: string, dirs: readonly string[], reports: SweepReports, report = true): Promise<MergeOutcome> {
  const sweeps = dirs.map((d) => ({ dir: d, sweep: readSweepFolder(d) }));
  const first = sweeps[0];
  if (first === undefined) throw new InputError('name at least one sweep folder to merge');
  const definition = JSON.stringify(first.sweep);
  const other = sweeps.find((s) => JSON.stringify(s.sweep) !== definition);
  if (other) throw new InputError(`${other.dir}: belongs to another sweep than ${first.dir} (their sweep.json differ)`);

  const target = resolve(out);
  const planned = new Set(planRuns(first.sweep).map((r) => r.id));
  const copies = new Map<string, string>(); // run id -> folder to copy it from
  for (const { dir } of sweeps) {
    if (resolve(dir) === target) continue;
    for (const id of [...finishedRuns(dir)].sort()) {
      if (!planned.has(id)) throw new InputError(`${dir}: runs/${id} is not a run of sweep '${first.sweep.name}'`);
      const from = sweepPaths(dir).run(id);
      readRunSummary(from);
      const already = copies.get(id) ?? (existsSync(sweepPaths(target).run(id)) ? sweepPaths(target).run(id) : undefined);
      if (already !== undefined) {
        const diff = differingFile(from, already);
        if (diff !== undefined) throw new InputError(`${dir}: runs/${id} conflicts with the same run in ${already} (${diff} differs)`);
      } else copies.set(id, from);
    }
  }

  const dir = claimFolder(out, first.sweep, 'the merge target');
  removeLeftovers(sweepPaths(dir).runs);
  for (const [id, from] of [...copies].sort(([a], [b]) => a.localeCompare(b))) {
    const temp = join(sweepPaths(dir).runs, scratchName(id, 'partial'));
    cpSync(from, temp, { recursive: true });
    renameSync(temp, sweepPaths(dir).run(id));
  }
  const done = finishedRuns(dir);
  for (const { dir: source } of sweeps) {
    const failedDir = join(source, 'failed');
    if (!existsSync(failedDir) || resolve(source) === dir) continue;
    for (const name of readdirSync(failedDir).filter((n) => n.endsWith('.txt') && !done.has(n.slice(0, -4))).sort()) {
      writeAtomic(sweepPaths(dir).failed(name.slice(0, -4)), readFileSync(join(failedDir, name), 'utf8'));
    }
  }

  const tables = await tabulate(dir, first.sweep, report);
  for (const w of tables.warnings) reports.say(`novasim merge: ${w}\n`);
  const missing = tables.planned - tables.finished;
  if (missing > 0) reports.say(`novasim merge: ${missing} of ${tables.planned} runs are in none of the folders\n`);
  reports.print(`${tables.text}\n${tables.finished} of ${tables.planned} runs merged into ${out}; tables in summary.csv and paired.csv\n`);
  return { copied: copies.size, missing };
}

/** The first file (other than run.json) whose presence or bytes differ between two run folders; undefined when none. */
function differingFile(a: string, b: string): string | undefined {
  const names = [...new Set([...readdirSync(a), ...readdirSync(b)])].filter((n) => n !== 'run.json').sort();
  return names.find((n) => {
    const pa = join(a, n);
    const pb = join(b, n);
    return !existsSync(pa) || !existsSync(pb) || !readFileSync(pa).equals(readFileSync(pb));
  });
}
