import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { summaryJson } from '../metrics/index.js';
import { buildSimulation } from '../scenario/build.js';
import { evaluateExpectations, expectationsJson, type ExpectationReport } from '../scenario/expectations.js';
import { parseOverride, type Override } from '../scenario/overrides.js';
import { formatError } from '../scenario/parse.js';
import type { PlacementPolicy, Scenario } from '../scenario/schema.js';
import { loadScenario } from '../scenario/validate.js';
import { InputError } from './input-error.js';
import { loadPolicy } from './load-policy.js';
import { progressLine } from './progress.js';
import { ResultsFolder } from './results-folder.js';

export { EXIT, InputError } from './input-error.js';

/** Reads and checks a scenario file with its overrides; throws InputError with every problem listed. */
export function readScenario(file: string, sets: readonly string[] = [], seed?: number, extra: readonly Override[] = []): Scenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`${file}: cannot read the scenario file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  const overrides: Override[] = [];
  for (const s of sets) {
    const o = parseOverride(s);
    if (typeof o === 'string') throw new InputError(o);
    overrides.push(o);
  }
  overrides.push(...extra);
  if (seed !== undefined) overrides.push({ path: ['seed'], value: seed, text: `seed=${seed}` });
  const loaded = loadScenario(file, text, overrides);
  if (!loaded.ok) throw new InputError(loaded.errors.map(formatError).join('\n'));
  return loaded.scenario;
}

export interface RunOptions {
  readonly file: string;
  readonly out?: string | undefined;
  readonly seed?: number | undefined;
  readonly set?: readonly string[] | undefined;
  /** Overrides already parsed (a sweep's matrix point), applied after `set`. */
  readonly overrides?: readonly Override[] | undefined;
  /** Write report.html (default true; `--no-report` turns it off). */
  readonly report?: boolean | undefined;
}

/** The plug-in policy the scenario names, loaded; undefined for a built-in policy. */
export async function scenarioPolicy(scenario: Scenario, file: string): Promise<PlacementPolicy | undefined> {
  const module = scenario.scheduler.module;
  return scenario.scheduler.policy === 'plugin' && module !== undefined ? loadPolicy(module, file) : undefined;
}

/** A `--set` that may carry an admin password is recorded without its value: no output file may hold a password. */
const redactPassword = (set: string): string => (set.includes('admin_pass') ? set.replace(/=.*$/s, '=<redacted>') : set);

/** What `novasim run` did: where the results are and, when the scenario has `expect:`, the verdicts. */
export interface RunOutcome {
  readonly folder: string;
  readonly expectations: ExpectationReport | null;
}

/** `novasim run`: validate, simulate, judge the expectations, write the results folder atomically. */
export async function runCommand(options: RunOptions, stderr: NodeJS.WriteStream): Promise<RunOutcome> {
  const scenario = readScenario(options.file, options.set ?? [], options.seed, options.overrides);
  const plugin = await scenarioPolicy(scenario, options.file);
  const target = resolve(options.out ?? join('results', scenario.name));
  const folder = new ResultsFolder(target);
  try {
    const startedAt = new Date();
    const wallStart = performance.now();
    const simulation = buildSimulation(scenario, {
      events: folder.stream('events.csv'),
      timeseries: folder.stream('timeseries.csv'),
      placements: folder.stream('placements.jsonl'),
      migrations: folder.stream('migrations.csv'),
    }, plugin);
    const result = simulation.run(progressLine(stderr, scenario.name));
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
          file: options.file,
          seed: scenario.seed,
          overrides: [...(options.set ?? []), ...(options.overrides ?? []).map((o) => o.text)].map(redactPassword),
          novasim: process.env.npm_package_version ?? '0.1.0',
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
    if (options.report !== false) await writeRunReport(folder);
    folder.commit();
    return { folder: target, expectations };
  } catch (e) {
    folder.discard();
    throw e;
  }
}

/**
 * report.html, drawn from the files the run just wrote. The report module
 * (and Vega with it) loads only here, so commands and runs without a report
 * do not pay for loading it.
 */
async function writeRunReport(folder: ResultsFolder): Promise<void> {
  const { runReport } = await import('../report/index.js');
  const summaryJson = folder.read('summary.json') ?? '{}';
  const timeseriesCsv = folder.read('timeseries.csv') ?? '';
  folder.write('report.html', await runReport({ summaryJson, timeseriesCsv, migrationsCsv: folder.read('migrations.csv') }));
}
