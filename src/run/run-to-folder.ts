/**
 * `novasim run` and `novasim validate` below the command line: check the
 * scenario, claim the results folder, run (a plug-in policy on a watched
 * worker thread), put the folder in place. Nothing is written before the scenario is valid and
 * the folder is novasim's to write; an interrupted or failed run leaves the
 * target as it was.
 */
import { join } from 'node:path';
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import { eventsCsv } from '../metrics/writers/events-csv.js';
import type { ExpectationReport } from '../scenario/expectations.js';
import { estimateWork } from '../scenario/run-limits.js';
import type { Scenario } from '../scenario/schema.js';
import { EventRowsWriter } from './event-rows-channel.js';
import { InputError, OperationError } from './input-error.js';
import { onInterrupt } from './interrupts.js';
import { readScenario, type ScenarioRequest } from './read-scenario.js';
import { ResultsFolder } from './results-folder.js';
import { RUN_HEAP } from './run-heap.js';
import { performJob, type JobResult, type RunJob } from './run-job.js';
import { writes } from './outputs/selection.js';
import { stuckPlugin, watchMemory, WatchReader } from './watchdog.js';

export interface RunRequest extends ScenarioRequest {
  /** The results folder (default results/<scenario name>). */
  readonly out?: string | undefined;
  /** Write report.html (default true). */
  readonly report?: boolean | undefined;
}

/** What `novasim run` did: where the results are and, when the scenario has `expect:`, the verdicts. */
export interface RunOutcome {
  readonly folder: string;
  readonly scenario: Scenario;
  readonly expectations: ExpectationReport | null;
  readonly events: number;
}

/** How far a run is: simulated seconds, the end, events so far. */
export type ProgressReport = (progress: { now: number; end: number; events: number }) => void;

/** How often the watcher looks at its worker: progress and the plug-in watchdog. */
const WATCH_MS = 200;

export async function runToFolder(request: RunRequest, progress?: ProgressReport): Promise<RunOutcome> {
  const scenario = readScenario(request);
  const folder = ResultsFolder.claim(request.out ?? join('results', scenario.name), request.out === undefined ? 'the results folder' : '--out');
  try {
    const overrides = [...(request.set ?? []), ...(request.outputs ?? []).map((t) => `--outputs ${t}`), ...(request.overrides ?? []).map((o) => o.text)];
    const job: RunJob = {
      kind: 'run',
      scenario,
      dir: folder.temp,
      info: { file: request.file, overrides, report: request.report !== false },
      memory: watchMemory(),
    };
    const done = onWorker(scenario) ? await onWatchedWorker(job, scenario, progress) : outcomeOf(await performJob(job, (now, end, events) => progress?.({ now, end, events })));
    folder.commit();
    return { folder: folder.target, scenario, expectations: done.expectations, events: done.events };
  } catch (e) {
    folder.discard();
    throw e;
  }
}

/** `novasim validate`: the scenario's checks, and its plug-in module loaded (under the watchdog) if it names one. */
export async function validateScenario(request: ScenarioRequest): Promise<Scenario> {
  const scenario = readScenario(request);
  if (scenario.scheduler.policy === 'plugin') await onWatchedWorker({ kind: 'load', scenario, file: request.file, memory: watchMemory() }, scenario);
  return scenario;
}

type Done = Extract<JobResult, { ok: true }>;

/** Servers from which a run goes to a worker thread for its larger young generation (see RUN_HEAP). */
const LARGE_RUN_SERVERS = 500_000;

/**
 * Does the run go to a worker thread? A plug-in policy does (the watchdog
 * stops it from this thread), and so does a run expected to create half a
 * million servers or more: only a worker's young generation can be sized
 * (RUN_HEAP), and it buys a sixth of the full region's CPU, while a
 * smaller run gains nothing and would pay the worker's start and a copy of
 * its scenario (measured: region at 1/10 no difference; timeline with
 * 100,000 servers 0.5 s more CPU and 930 instead of 560 MiB on a worker).
 */
const onWorker = (scenario: Scenario): boolean => scenario.scheduler.policy === 'plugin' || estimateWork(scenario).servers >= LARGE_RUN_SERVERS;

/** A job's result as the caller sees it: the run, or the error it reported (an input error told apart). */
function outcomeOf(result: JobResult): Done {
  if (result.ok) return result;
  throw result.input ? new InputError(result.message) : new OperationError(result.message);
}

/**
 * A run job whose events.csv this thread writes, from the rows the worker
 * sends (src/run/event-rows-channel.ts): this thread has nothing else to
 * do while the worker runs.
 */
function shipEvents(job: Extract<RunJob, { kind: 'run' }>): { job: RunJob; transfer: MessagePort[]; writer: EventRowsWriter } {
  const { port1, port2 } = new MessageChannel();
  return { job: { ...job, eventRows: port2 }, transfer: [port2], writer: new EventRowsWriter(port1, job.dir) };
}

/**
 * Runs a job on its own worker thread and watches it (a plug-in policy is
 * the researcher's code, which may never return; a small run of built-in
 * policies stays on this thread and so loads its modules once): reports
 * progress, stops it when a plug-in call passes its limit, and stops it on
 * SIGINT or SIGTERM (the results folder's own cleanup then removes what it
 * wrote).
 */
function onWatchedWorker(job: RunJob, scenario: Scenario, progress?: ProgressReport): Promise<Done> {
  const reader = new WatchReader(job.memory);
  const shipped = job.kind === 'run' && writes(scenario, eventsCsv.name) ? shipEvents(job) : undefined;
  const worker = new Worker(new URL('./run-worker.js', import.meta.url), {
    workerData: shipped?.job ?? job,
    transferList: shipped?.transfer ?? [],
    resourceLimits: RUN_HEAP,
  });
  return new Promise<Done>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: { done: Done } | { error: Error }): void => {
      if (settled) return;
      settled = true;
      clearInterval(timer);
      unregister();
      shipped?.writer.abandon();
      if ('done' in outcome) resolve(outcome.done);
      else reject(outcome.error);
    };
    const timer = setInterval(() => {
      if (progress !== undefined) progress(reader.progress);
      const overdue = reader.overdue();
      if (overdue === undefined) return;
      void worker.terminate();
      settle({ error: stuckPlugin(scenario, overdue.label, overdue.limitSeconds) });
    }, WATCH_MS);
    const unregister = onInterrupt(() => worker.terminate().then(() => undefined));
    worker.once('message', (result: JobResult) => {
      try {
        settle({ done: outcomeOf(result) });
      } catch (e) {
        settle({ error: e as Error });
      }
    });
    worker.once('error', (e) => settle({ error: new OperationError(e.message) }));
    worker.once('exit', () => {
      const pending = reader.current();
      settle({ error: new OperationError(pending ? `the run's worker stopped while ${pending} (did it wait for something that never came?)` : "the run's worker stopped without a result") });
    });
  });
}
