/**
 * One run of a checked scenario, writing every output into a folder: the
 * files the metrics stream, the final tables, summary.json, the verdicts of
 * `expect:`, run.json (the only file with wall-clock facts) and report.html.
 * The command line and the library both come here, so they write the same
 * folder.
 */
import { summaryJson } from '../metrics/index.js';
import { buildSimulation, type Simulation } from '../scenario/build.js';
import { evaluateExpectations, expectationsJson, type ExpectationReport } from '../scenario/expectations.js';
import type { PlacementPolicy, Scenario } from '../scenario/schema.js';
import { shownOverride } from '../scenario/secrets.js';
import type { ServerId } from '../model/ids.js';
import type { OutputFolder } from './output-folder.js';
import { watchedPolicy, type WatchMarks } from './watchdog.js';

/** What run.json records about how the run was asked for. */
export interface RunInfo {
  /** The scenario file, as given. */
  readonly file: string;
  /** The overrides applied (`--set` texts, then a sweep's matrix point), as written. */
  readonly overrides: readonly string[];
  /** Write report.html. */
  readonly report: boolean;
}

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
}

/** What a finished run hands back besides its files. */
export interface FinishedRun {
  /** The verdicts of the scenario's `expect:` list; null when it has none. */
  readonly expectations: ExpectationReport | null;
  readonly events: number;
}

/** Events processed between two progress reports: small enough to redraw often, large enough to cost nothing. */
const STEP_EVENTS = 50_000;


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
  simulation = buildSimulation(
    scenario,
    {
      events: folder.stream('events.csv'),
      timeseries: folder.stream('timeseries.csv'),
      placements: folder.stream('placements.jsonl'),
      migrations: folder.stream('migrations.csv'),
    },
    policy,
  );
  if (hooks.drive !== undefined) await hooks.drive(simulation);
  else while (!simulation.advance(STEP_EVENTS)) progress?.(simulation.sim.now, simulation.end, simulation.sim.processed);
  const result = simulation.finish();
  progress?.(simulation.end, simulation.end, result.events);
  const wallSeconds = (performance.now() - wallStart) / 1000;
  const summary = summaryJson(result.summary);
  folder.write('summary.json', summary);
  let expectations: ExpectationReport | null = null;
  if (scenario.expect.length > 0) {
    expectations = evaluateExpectations(JSON.parse(summary), scenario.expect);
    folder.write('expectations.json', expectationsJson(scenario.expect, expectations));
  }
  folder.write('servers.csv', result.serversCsv);
  folder.write('hosts.csv', result.hostsCsv);
  folder.write('servers.json', result.serversJson);
  folder.write('limits.json', result.limitsJson);
  folder.write('files.json', result.filesJson);
  folder.write(
    'run.json',
    `${JSON.stringify(
      {
        scenario: scenario.name,
        file: info.file,
        seed: scenario.seed,
        overrides: info.overrides.map(shownOverride),
        novasim: process.env['npm_package_version'] ?? '0.1.0',
        node: process.version,
        started_at: startedAt.toISOString(),
        wall_seconds: Number(wallSeconds.toFixed(3)),
        events_processed: result.events,
        events_per_second: Math.round(result.events / Math.max(wallSeconds, 1e-9)),
        peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
      },
      null,
      2,
    )}\n`,
  );
  if (info.report) await writeRunReport(folder);
  folder.close();
  return { expectations, events: result.events };
}

/**
 * report.html, drawn from the files the run just wrote. The report module
 * (and Vega with it) loads only here, so runs without a report do not pay
 * for loading it.
 */
async function writeRunReport(folder: OutputFolder): Promise<void> {
  const { runReport } = await import('../report/index.js');
  const summaryJson = folder.read('summary.json') ?? '{}';
  const timeseriesCsv = folder.read('timeseries.csv') ?? '';
  folder.write('report.html', await runReport({ summaryJson, timeseriesCsv, migrationsCsv: folder.read('migrations.csv'), eventsCsv: folder.read('events.csv') }));
}
