import type { Override } from '../scenario/overrides.js';
import { runCommand } from './run-command.js';

/** One run of a sweep, as sent to a worker thread (structured-cloneable). */
export interface SweepTask {
  readonly id: string;
  /** The scenario file, absolute. */
  readonly file: string;
  /** The run's results folder, `<out>/runs/<id>`. */
  readonly out: string;
  readonly seed: number;
  readonly overrides: readonly Override[];
  /** Write the run's report.html. */
  readonly report: boolean;
}

/** What a worker reports back: the run's folder is in place, or why not. */
export type SweepTaskResult = { readonly id: string; readonly ok: true } | { readonly id: string; readonly ok: false; readonly error: string };

/**
 * The worker-thread entry tinypool calls: one `novasim run` with the run's
 * overrides, writing its folder atomically. Plug-in policies load here, in
 * the worker, as in `run`. A failure comes back as a value so the pool and
 * the other runs go on.
 */
export default async function runSweepTask(task: SweepTask): Promise<SweepTaskResult> {
  try {
    // A worker's stderr is never a terminal, so runCommand draws no progress line here.
    await runCommand({ file: task.file, out: task.out, seed: task.seed, overrides: task.overrides, report: task.report }, process.stderr);
    return { id: task.id, ok: true };
  } catch (e) {
    return { id: task.id, ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
