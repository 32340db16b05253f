import { rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Tinypool from 'tinypool';
import { configurations, planRuns, shardOf, type PlannedRun } from '../experiment/run-plan.js';
import type { Sweep } from '../experiment/sweep-file.js';
import type { Scenario } from '../scenario/schema.js';
import { InputError } from './input-error.js';
import { onInterrupt } from './interrupts.js';
import { readScenario } from './read-scenario.js';
import { ResultsFolder } from './results-folder.js';
import { removeLeftovers } from './scratch-names.js';
import type { JobResult, RunJob } from './run-job.js';
import { validateScenario } from './run-to-folder.js';
import { RUN_HEAP } from './run-heap.js';
import { claimFolder, finishedRuns, readSweepFile, sweepPaths, tabulate, writeAtomic } from './sweep-folder.js';
import { stuckPlugin, watchMemory, WatchReader } from './watchdog.js';

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

/** What the sweep tells its caller as it goes: a line for the console, and runs done. */
export interface SweepReports {
  readonly say: (text: string) => void;
  readonly print: (text: string) => void;
  readonly runDone?: ((done: number, total: number, failed: number) => void) | undefined;
}

/**
 * `novasim sweep`: validate every configuration, then run the runs of this
 * shard that the folder does not hold yet on a worker-thread pool, each into
 * its own atomic results folder, and write the tables over every finished run.
 */
export async function runSweep(options: SweepOptions, reports: SweepReports): Promise<SweepOutcome> {
  const sweep = readSweepFile(options.file);
  const scenarioFile = resolve(dirname(options.file), sweep.scenario);
  await checkConfigurations(sweep, options.file, scenarioFile);
  const out = claimFolder(options.out ?? join('results', sweep.name), sweep, options.out === undefined ? 'the sweep folder' : '--out');
  // A killed sweep leaves its runs' scratch folders; clear them now, even when no run is left to claim a folder beside them.
  removeLeftovers(sweepPaths(out).runs);

  const mine = options.shard ? shardOf(planRuns(sweep), options.shard) : planRuns(sweep);
  const done = finishedRuns(out);
  const todo = mine.filter((r) => !done.has(r.id));
  const skipped = mine.length - todo.length;
  if (skipped > 0) reports.say(`${sweep.name}: ${skipped} of ${mine.length} runs already done, skipped\n`);

  const report = options.report !== false;
  const failures = await runAll(todo, scenarioFile, out, report, options.workers ?? availableParallelism(), reports);
  for (const f of failures) reports.say(`novasim sweep: run ${f.id} failed: ${f.error}\n`);

  const tables = await tabulate(out, sweep, report);
  for (const w of tables.warnings) reports.say(`novasim sweep: ${w}\n`);
  reports.print(`${tables.text}\n${tables.finished} of ${tables.planned} runs finished; tables in ${join(out, 'summary.csv')} and paired.csv\n`);
  return { folder: out, ran: todo.length - failures.length, skipped, failed: failures.length };
}

/** Each configuration must make a valid scenario (and load its plug-in) before any run starts: exit 2, nothing run. */
async function checkConfigurations(sweep: Sweep, sweepFile: string, scenarioFile: string): Promise<void> {
  const problems = new Set<string>();
  const modules = new Set<string>();
  for (const configuration of configurations(sweep)) {
    try {
      const request = { file: scenarioFile, seed: sweep.seeds[0], overrides: configuration.overrides };
      const scenario = readScenario(request);
      // A plug-in module is loaded once per module, under the watchdog, to find load errors before any run.
      const module = scenario.scheduler.module;
      if (module !== undefined && !modules.has(module)) {
        modules.add(module);
        await validateScenario(request);
      }
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      problems.add(`${sweepFile}: matrix point ${configuration.label || '(none)'}:\n${e.message.replace(/^/gm, '  ')}`);
    }
  }
  if (problems.size > 0) throw new InputError([...problems].join('\n'));
}

/** A run in flight: its folder, its watchdog memory and the way to stop its worker. */
interface Running {
  readonly run: PlannedRun;
  readonly scenario: Scenario;
  readonly folder: ResultsFolder;
  readonly reader: WatchReader;
  readonly abort: AbortController;
}

/** How often the sweep looks at its running runs for a plug-in call past its limit. */
const WATCH_MS = 250;

/**
 * Runs the tasks on a tinypool of worker threads; returns the failures (their
 * records written). This thread owns every run's results folder and watches
 * each run's plug-in calls: a run stuck in one is stopped (its worker thread
 * ended) and recorded as failed, and the others go on.
 */
async function runAll(
  todo: readonly PlannedRun[],
  scenarioFile: string,
  out: string,
  report: boolean,
  workers: number,
  reports: SweepReports,
): Promise<{ id: string; error: string }[]> {
  if (todo.length === 0) return [];
  const threads = Math.max(1, Math.min(workers, todo.length));
  const pool = new Tinypool({
    filename: fileURLToPath(new URL('./sweep-worker.js', import.meta.url)),
    minThreads: threads,
    maxThreads: threads,
    resourceLimits: RUN_HEAP,
  });
  const running = new Set<Running>();
  const failures: { id: string; error: string }[] = [];
  let finished = 0;
  const unregister = onInterrupt(async () => {
    for (const r of running) r.abort.abort();
    await pool.destroy();
    for (const r of running) r.folder.discard();
  });
  const watch = setInterval(() => {
    for (const r of running) {
      const overdue = r.reader.overdue();
      if (overdue !== undefined) r.abort.abort(stuckPlugin(r.scenario, overdue.label, overdue.limitSeconds));
    }
  }, WATCH_MS);
  const one = async (run: PlannedRun): Promise<void> => {
    let error: string | undefined;
    try {
      const scenario = readScenario({ file: scenarioFile, seed: run.seed, overrides: run.configuration.overrides });
      const folder = ResultsFolder.claim(sweepPaths(out).run(run.id), 'the run folder', false);
      const job: RunJob = {
        kind: 'run',
        scenario,
        dir: folder.temp,
        info: { file: scenarioFile, overrides: run.configuration.overrides.map((o) => o.text), report },
        memory: watchMemory(),
      };
      const r: Running = { run, scenario, folder, reader: new WatchReader(job.memory), abort: new AbortController() };
      running.add(r);
      try {
        const result = (await pool.run(job, { signal: r.abort.signal })) as JobResult;
        if (result.ok) folder.commit();
        else error = result.message;
      } catch (e) {
        error = r.abort.signal.aborted && r.abort.signal.reason instanceof Error ? r.abort.signal.reason.message : e instanceof Error ? e.message : String(e);
      } finally {
        running.delete(r);
        folder.discard(); // nothing once committed
      }
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    if (error === undefined) rmSync(sweepPaths(out).failed(run.id), { force: true });
    else {
      failures.push({ id: run.id, error });
      writeAtomic(sweepPaths(out).failed(run.id), `${error}\n`);
    }
    reports.runDone?.(++finished, todo.length, failures.length);
  };
  let next = 0;
  // As many runs in flight as threads: a run's folder is claimed only when a thread is free for it.
  const lane = async (): Promise<void> => {
    while (next < todo.length) await one(todo[next++]!);
  };
  try {
    await Promise.all(Array.from({ length: threads }, lane));
  } finally {
    clearInterval(watch);
    unregister();
    await pool.destroy();
  }
  // Completion order varies between sweeps; reports do not.
  const order = new Map(todo.map((r) => [r.id, r.index]));
  return failures.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
}
