import { existsSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Tinypool from 'tinypool';
import { configurations, planRuns, shardOf, type PlannedRun } from '../experiment/run-plan.js';
import type { Sweep } from '../experiment/sweep-file.js';
import { InputError } from './input-error.js';
import { readScenario, scenarioPolicy } from './run-command.js';
import { claimFolder, finishedRuns, readSweepFile, sweepPaths, tabulate, writeAtomic } from './sweep-folder.js';
import type { SweepTask, SweepTaskResult } from './sweep-worker.js';

export interface SweepOptions {
  readonly file: string;
  /** The sweep folder (default results/<sweep name>). */
  readonly out?: string | undefined;
  /** Worker threads (default: the machine's cores). */
  readonly workers?: number | undefined;
  readonly shard?: { readonly index: number; readonly count: number } | undefined;
  /** Write report.html for the sweep and each run (default true). */
  readonly report?: boolean | undefined;
}

/** What a sweep did; `failed` > 0 means exit 1. */
export interface SweepOutcome {
  readonly folder: string;
  readonly ran: number;
  readonly skipped: number;
  readonly failed: number;
}

/**
 * `novasim sweep`: validate every configuration, then run the runs of this
 * shard that the folder does not hold yet on a worker-thread pool, each into
 * its own atomic results folder, and write the tables over every finished run.
 */
export async function sweepCommand(options: SweepOptions, stdout: NodeJS.WriteStream, stderr: NodeJS.WriteStream): Promise<SweepOutcome> {
  const sweep = readSweepFile(options.file);
  const scenarioFile = resolve(dirname(options.file), sweep.scenario);
  await checkConfigurations(sweep, options.file, scenarioFile);
  const out = resolve(options.out ?? join('results', sweep.name));
  claimFolder(out, sweep);

  const mine = options.shard ? shardOf(planRuns(sweep), options.shard) : planRuns(sweep);
  const done = finishedRuns(out);
  const todo = mine.filter((r) => !done.has(r.id));
  const skipped = mine.length - todo.length;
  if (skipped > 0) stderr.write(`${sweep.name}: ${skipped} of ${mine.length} runs already done, skipped\n`);

  const report = options.report !== false;
  const failures = await runAll(todo, scenarioFile, out, report, options.workers ?? availableParallelism(), progress(stderr, sweep.name, todo.length));
  for (const f of failures) stderr.write(`novasim: run ${f.id} failed: ${f.error}\n`);

  const tables = await tabulate(out, sweep, report);
  for (const w of tables.warnings) stderr.write(`novasim: ${w}\n`);
  stdout.write(`${tables.text}\n${tables.finished} of ${tables.planned} runs finished; tables in ${join(out, 'summary.csv')} and paired.csv\n`);
  return { folder: out, ran: todo.length - failures.length, skipped, failed: failures.length };
}

/** Each configuration must make a valid scenario (and load its plug-in) before any run starts: exit 2, nothing run. */
async function checkConfigurations(sweep: Sweep, sweepFile: string, scenarioFile: string): Promise<void> {
  if (!existsSync(scenarioFile)) throw new InputError(`${sweepFile}: scenario: no file '${sweep.scenario}' (looked for ${scenarioFile})`);
  const problems = new Set<string>();
  for (const configuration of configurations(sweep)) {
    try {
      await scenarioPolicy(readScenario(scenarioFile, [], sweep.seeds[0], configuration.overrides), scenarioFile);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      problems.add(`${sweepFile}: matrix point ${configuration.label || '(none)'}:\n${e.message.replace(/^/gm, '  ')}`);
    }
  }
  if (problems.size > 0) throw new InputError([...problems].join('\n'));
}

/** Runs the tasks on a tinypool of worker threads; returns the failures (their records written). */
async function runAll(
  todo: readonly PlannedRun[],
  scenarioFile: string,
  out: string,
  report: boolean,
  workers: number,
  onDone: (failed: boolean) => void,
): Promise<{ id: string; error: string }[]> {
  if (todo.length === 0) return [];
  const threads = Math.max(1, Math.min(workers, todo.length));
  const pool = new Tinypool({
    filename: fileURLToPath(new URL('./sweep-worker.js', import.meta.url)),
    minThreads: threads,
    maxThreads: threads,
  });
  const failures: { id: string; error: string }[] = [];
  try {
    await Promise.all(
      todo.map(async (run) => {
        const task: SweepTask = { id: run.id, file: scenarioFile, out: sweepPaths(out).run(run.id), seed: run.seed, overrides: run.configuration.overrides, report };
        const result = (await pool.run(task)) as SweepTaskResult;
        if (result.ok) rmSync(sweepPaths(out).failed(run.id), { force: true });
        else {
          failures.push({ id: run.id, error: result.error });
          writeAtomic(sweepPaths(out).failed(run.id), `${result.error}\n`);
        }
        onDone(!result.ok);
      }),
    );
  } finally {
    await pool.destroy();
  }
  // Completion order varies between sweeps; reports do not.
  const order = new Map(todo.map((r) => [r.id, r.index]));
  return failures.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
}

/** A progress line on a terminal: runs done, failed, time left from the mean so far; nothing when piped. */
function progress(stream: NodeJS.WriteStream, label: string, total: number): (failed: boolean) => void {
  if (!stream.isTTY || total === 0) return () => {};
  const started = Date.now();
  let done = 0;
  let failed = 0;
  return (f) => {
    done++;
    if (f) failed++;
    const left = ((Date.now() - started) / 1000 / done) * (total - done);
    stream.write(`\r${label}: ${done}/${total} runs done, ${failed} failed, ${left.toFixed(0)} s left   `);
    if (done === total) stream.write('\n');
  };
}
