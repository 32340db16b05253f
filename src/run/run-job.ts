/**
 * The work a run's worker thread does: load the plug-in policy (if the
 * scenario names one) and run the scenario into its temporary folder, with
 * every plug-in call marked for the watchdog. `novasim run` starts it on a
 * plain worker, `novasim sweep` on its pool; `novasim validate` asks only
 * for the load.
 */
import type { MessagePort } from 'node:worker_threads';
import type { PlacementPolicy, Scenario } from '../scenario/schema.js';
import type { ExpectationReport } from '../scenario/expectations.js';
import { InputError } from './input-error.js';
import { loadPolicy } from './load-policy.js';
import { DiskFolder } from './output-folder.js';
import type { RunInfo } from './outputs/run-record.js';
import { executeRun, type Progress } from './run-scenario.js';
import { WatchMarks } from './watchdog.js';

export type RunJob =
  | { readonly kind: 'load'; readonly scenario: Scenario; readonly file: string; readonly memory: SharedArrayBuffer }
  | {
      readonly kind: 'run';
      readonly scenario: Scenario;
      /** The temporary folder the files go to (the thread that started the job owns the results folder). */
      readonly dir: string;
      readonly info: RunInfo;
      readonly memory: SharedArrayBuffer;
      /** Where events.csv's rows go when the thread that started the job writes that file (RunHooks.eventRows). */
      readonly eventRows?: MessagePort | undefined;
    };

export type JobResult =
  | { readonly ok: true; readonly expectations: ExpectationReport | null; readonly events: number }
  | { readonly ok: false; readonly input: boolean; readonly message: string };

/**
 * The scenario's plug-in policy (its module is found relative to `file`),
 * loaded; undefined for a built-in policy. With `marks`, the load is marked
 * for the watchdog's load limit.
 */
export async function scenarioPolicy(scenario: Scenario, file: string, marks?: WatchMarks): Promise<PlacementPolicy | undefined> {
  const module = scenario.scheduler.module;
  if (scenario.scheduler.policy !== 'plugin' || module === undefined) return undefined;
  marks?.enter(`loading the module ${module}`, scenario.run_limits.plugin_load_seconds);
  try {
    return await loadPolicy(module, file);
  } finally {
    marks?.leave();
  }
}

/**
 * Does the job; failures come back as values, an input error told apart
 * from a failed run. On a worker thread the job's shared memory carries the
 * marks a watchdog reads; a run without a plug-in, done on the thread that
 * asked for it, passes `progress` instead (it has no watcher).
 */
export async function performJob(job: RunJob, progress?: Progress): Promise<JobResult> {
  const marks = progress === undefined ? new WatchMarks(job.memory) : undefined;
  try {
    const file = job.kind === 'run' ? job.info.file : job.file;
    const plugin = await scenarioPolicy(job.scenario, file, marks);
    if (job.kind === 'load') return { ok: true, expectations: null, events: 0 };
    const { expectations, events } = await executeRun(job.scenario, plugin, new DiskFolder(job.dir), job.info, { marks, progress, eventRows: job.eventRows });
    return { ok: true, expectations, events };
  } catch (e) {
    const debug = process.env['NOVASIM_DEBUG'] !== undefined && e instanceof Error ? `\n${e.stack}` : '';
    return { ok: false, input: e instanceof InputError, message: `${e instanceof Error ? e.message : String(e)}${debug}` };
  }
}
