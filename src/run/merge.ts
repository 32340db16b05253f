import { cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { planRuns } from '../experiment/run-plan.js';
import { InputError } from './input-error.js';
import { claimFolder, finishedRuns, readSweepFolder, sweepPaths, tabulate, writeAtomic } from './sweep-folder.js';

/** What a merge did; `missing` > 0 (runs of the plan in no folder) means exit 1. */
export interface MergeOutcome {
  readonly copied: number;
  readonly missing: number;
}

/**
 * `novasim merge OUT DIRS...`: gathers the run folders of several sweep
 * folders of one sweep (the shards of a job array, say) into OUT, then
 * writes the tables (and report.html). A run present twice must be the same run: its files
 * other than run.json (which holds wall times) must match byte for byte.
 */
export async function mergeCommand(
  out: string,
  dirs: readonly string[],
  stdout: NodeJS.WriteStream,
  stderr: NodeJS.WriteStream,
  report = true,
): Promise<MergeOutcome> {
  const target = resolve(out);
  const sweeps = dirs.map((d) => ({ dir: d, sweep: readSweepFolder(d) }));
  const first = sweeps[0];
  if (first === undefined) throw new InputError('merge: name at least one sweep folder to merge');
  const definition = JSON.stringify(first.sweep);
  const other = sweeps.find((s) => JSON.stringify(s.sweep) !== definition);
  if (other) throw new InputError(`${other.dir}: belongs to another sweep than ${first.dir} (their sweep.json differ)`);
  claimFolder(target, first.sweep);

  const planned = new Set(planRuns(first.sweep).map((r) => r.id));
  let copied = 0;
  for (const { dir } of sweeps) {
    if (resolve(dir) === target) continue;
    for (const id of [...finishedRuns(dir)].sort()) {
      if (!planned.has(id)) throw new InputError(`${dir}: runs/${id} is not a run of sweep '${first.sweep.name}'`);
      const from = sweepPaths(dir).run(id);
      const to = sweepPaths(target).run(id);
      if (existsSync(to)) {
        const diff = differingFile(from, to);
        if (diff !== undefined) throw new InputError(`${dir}: runs/${id} conflicts with the run already in ${out} (${diff} differs)`);
        continue;
      }
      const temp = join(sweepPaths(target).runs, `.${id}.merge-${process.pid}`);
      rmSync(temp, { recursive: true, force: true });
      cpSync(from, temp, { recursive: true });
      renameSync(temp, to);
      copied++;
    }
  }
  const done = finishedRuns(target);
  for (const { dir } of sweeps) {
    const failedDir = join(dir, 'failed');
    if (!existsSync(failedDir) || resolve(dir) === target) continue;
    for (const name of readdirSync(failedDir).filter((n) => n.endsWith('.txt') && !done.has(n.slice(0, -4))).sort()) {
      writeAtomic(sweepPaths(target).failed(name.slice(0, -4)), readFileSync(join(failedDir, name), 'utf8'));
    }
  }

  const tables = await tabulate(target, first.sweep, report);
  for (const w of tables.warnings) stderr.write(`novasim: ${w}\n`);
  const missing = tables.planned - tables.finished;
  if (missing > 0) stderr.write(`novasim: ${missing} of ${tables.planned} runs are in none of the folders\n`);
  stdout.write(`${tables.text}\n${tables.finished} of ${tables.planned} runs merged into ${out}; tables in summary.csv and paired.csv\n`);
  return { copied, missing };
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
