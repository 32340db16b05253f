/**
 * One run of a checked scenario, writing every output into a folder: the
 * files of the output registry, each as its unit says (streamed as the run
 * goes, or rendered once from the run's end). The command line and the
 * library both come here, so they write the same folder.
 */
import type { ServerId } from '../model/ids.js';
import type { Flushable } from '../metrics/writers/output-file.js';
import { buildSimulation, type Simulation } from '../scenario/build.js';
import type { ExpectationReport } from '../scenario/expectations.js';
import type { PlacementPolicy, Scenario } from '../scenario/schema.js';
import type { MessagePort } from 'node:worker_threads';
import { EventLog, eventsCsv, StateWords } from '../metrics/writers/events-csv.js';
import { EventRowsSender } from './event-rows-channel.js';
import type { DiskFolder, OutputFolder } from './output-folder.js';
import { verdictsOn } from './outputs/expectations-json.js';
import { OUTPUT_FILES } from './outputs/registry.js';
import { outputFormat, outputLevel, writes } from './outputs/selection.js';
import type { RunInfo, RunRecord } from './outputs/run-record.js';
import { summaryOf } from './outputs/summary-sections.js';
import { watchedPolicy, type WatchMarks } from './watchdog.js';

/** Told how far the run is, now and then: simulated time, its end, events so far. */
export type Progress = (now: number, end: number, events: number) => void;

/** What a caller may watch a run with. */
export interface RunHooks {
  readonly progress?: Progress | undefined;
  /** Shared marks for a watchdog (a run on a worker thread): plug-in calls and progress. */
  readonly marks?: WatchMarks | undefined;
  /**
   * Takes the built simulation to its end instead of running it in one
   * go: novasim serve answers requests meanwhile, and resolves once the
   * served run is stopped and ended. The outputs are then written as for
   * any run.
   */
  readonly drive?: ((simulation: Simulation) => Promise<void>) | undefined;
  /**
   * The port events.csv's rows go to when the thread that started this run
   * (on a worker) writes the file (src/run/event-rows-channel.ts); the
   * folder must then be a DiskFolder, whose file it is.
   */
  readonly eventRows?: MessagePort | undefined;
}

/** What a finished run hands back besides its files. */
export interface FinishedRun {
  /** The verdicts of the scenario's `expect:` list; null when it has none. */
  readonly expectations: ExpectationReport | null;
  readonly events: number;
}

/**
 * Events processed between two progress reports and two turns of the event
 * loop: small enough to redraw often and to answer Ctrl-C within a fraction
 * of a second, large enough to cost nothing.
 */
const STEP_EVENTS = 10_000;

export async function executeRun(
  scenario: Scenario,
  plugin: PlacementPolicy | undefined,
  folder: OutputFolder,
  info: RunInfo,
  hooks: RunHooks = {},
): Promise<FinishedRun> {
  const startedAt = new Date();
  const wallStart = performance.now();
  const { marks } = hooks;
  const progress: Progress | undefined = marks ? (now, end, events) => marks.progress(now, end, events) : hooks.progress;
  // The watchdog names a stuck request by its server, which the inventory knows once the simulation is built.
  let simulation: Simulation | undefined = undefined;
  const serverName = (id: ServerId): string => simulation?.nova.cloud.inventory.servers[id]?.name ?? `#${id}`;
  const policy = plugin && marks ? watchedPolicy(plugin, marks, scenario.run_limits.plugin_call_seconds, (r) => `server ${serverName(r.server)} (flavor ${r.flavor.name})`) : plugin;
  const streams: Flushable[] = [];
  const parquet = outputFormat(scenario) === 'parquet';
  let sentRows: EventRowsSender | undefined = undefined;
  simulation = buildSimulation(scenario, {
    listen: (run) => {
      for (const file of OUTPUT_FILES) {
        if (file.kind !== 'streamed' || !writes(scenario, file.name)) continue;
        if (file.name === eventsCsv.name && hooks.eventRows !== undefined) {
          const states = new StateWords();
          sentRows = new EventRowsSender(hooks.eventRows, run.inventory, states);
          streams.push(new EventLog(run.facts, sentRows, run.inventory, states, outputLevel(scenario, file.name)));
          (folder as DiskFolder).adopt(file.name);
          continue;
        }
        // placements.idx indexes the JSON lines' bytes, which a Parquet run does not keep.
        const companion = 'companion' in file && !('parquet' in file && parquet) ? folder.stream(file.companion) : undefined;
        streams.push(file.listen(run, folder.stream(file.name), outputLevel(scenario, file.name), companion));
      }
    },
    ...(policy === undefined ? {} : { plugin: policy }),
  });
  if (hooks.drive !== undefined) await hooks.drive(simulation);
  else
    while (!simulation.advance(STEP_EVENTS)) {
      progress?.(simulation.sim.now, simulation.end, simulation.sim.processed);
      // A run on the command line's own thread lets SIGINT and SIGTERM in between steps.
      await new Promise(setImmediate);
    }
  const end = simulation.finish();
  progress?.(end.end, end.end, end.events);
  const wallSeconds = (performance.now() - wallStart) / 1000;
  for (const stream of streams) stream.flush();
  // The other thread has written every row once this resolves: report.html and the Parquet tables may read the file.
  await (sentRows as EventRowsSender | undefined)?.close();
  const summary = summaryOf(end);
  const record: RunRecord = {
    ...end,
    summary,
    expect: scenario.expect,
    expectations: verdictsOn(summary, scenario.expect),
    info,
    startedAt,
    wallSeconds,
    read: (name) => folder.read(name),
  };
  for (const file of OUTPUT_FILES) {
    if (file.kind !== 'rendered' || !writes(scenario, file.name)) continue;
    if ('chunks' in file) {
      const sink = folder.stream(file.name);
      for (const chunk of file.chunks(record)) sink.write(chunk);
      continue;
    }
    const text = await file.render(record);
    if (text !== null) folder.write(file.name, text);
  }
  // Last, so that report.html was drawn from the text files the tables replace.
  if (parquet) {
    // Loaded only here: hyparquet-writer is fifty modules a CSV run never needs.
    const { writeParquet } = await import('./outputs/parquet-table.js');
    for (const file of OUTPUT_FILES) if ('parquet' in file && writes(scenario, file.name)) writeParquet(folder, file.name, file.parquet);
  }
  folder.close();
  return { expectations: record.expectations, events: end.events };
}
