/**
 * The library entry point for scripts and notebooks: a scenario (text or
 * loaded) in, typed results out, all in memory. Files are written only when
 * `out` is given, through the same atomic results folder as `novasim run`.
 */
import { InputError } from '../cli/input-error.js';
import { loadPolicy } from '../cli/load-policy.js';
import { ResultsFolder } from '../cli/results-folder.js';
import { memorySink, summaryJson, type Summary } from '../metrics/index.js';
import { buildSimulation } from '../scenario/build.js';
import { evaluateExpectations, expectationsJson, type ExpectationReport } from '../scenario/expectations.js';
import { parseOverride, type Override } from '../scenario/overrides.js';
import { formatError } from '../scenario/parse.js';
import type { PlacementPolicy, Scenario } from '../scenario/schema.js';
import { loadScenario } from '../scenario/validate.js';

export interface RunScenarioOptions {
  /** Names the scenario in error messages; a plug-in `scheduler.module` is found relative to it. Default `scenario.yaml`. */
  readonly file?: string;
  /** Overrides the scenario's seed (text scenarios only, like `--seed`). */
  readonly seed?: number;
  /** `path=value` overrides, as `--set` (text scenarios only). */
  readonly set?: readonly string[];
  /** The plug-in placement policy, instead of loading `scheduler.module`. */
  readonly plugin?: PlacementPolicy;
  /** Also write the results folder here (atomically, as `novasim run --out`). */
  readonly out?: string;
}

/** The files of a results folder, as text. */
export type OutputFiles = Readonly<
  Record<
    | 'summary.json' | 'events.csv' | 'timeseries.csv' | 'servers.csv' | 'hosts.csv' | 'placements.jsonl' | 'migrations.csv'
    | 'servers.json' | 'limits.json' | 'files.json',
    string
  >
>;

export interface ScenarioResults {
  readonly scenario: Scenario;
  /** summary.json, parsed. */
  readonly summary: Summary;
  readonly files: OutputFiles;
  /** The verdicts of the scenario's `expect:` list (empty when it has none). */
  readonly expectations: ExpectationReport;
  /** Simulation events processed. */
  readonly events: number;
}

function loaded(input: string | Scenario, options: RunScenarioOptions, file: string): Scenario {
  if (typeof input !== 'string') {
    if (options.seed !== undefined || (options.set ?? []).length > 0)
      throw new InputError('seed and set apply to scenario text; change the loaded Scenario object instead');
    return input;
  }
  const overrides: Override[] = [];
  for (const s of options.set ?? []) {
    const o = parseOverride(s);
    if (typeof o === 'string') throw new InputError(o);
    overrides.push(o);
  }
  if (options.seed !== undefined) overrides.push({ path: ['seed'], value: options.seed, text: `seed=${options.seed}` });
  const result = loadScenario(file, input, overrides);
  if (!result.ok) throw new InputError(result.errors.map(formatError).join('\n'));
  return result.scenario;
}

/**
 * Runs a scenario to its end. `input` is scenario text (YAML or JSON) or a
 * Scenario from `loadScenario`. Throws InputError (every problem listed)
 * when the scenario is not valid.
 */
export async function runScenario(input: string | Scenario, options: RunScenarioOptions = {}): Promise<ScenarioResults> {
  const file = options.file ?? 'scenario.yaml';
  const scenario = loaded(input, options, file);
  const module = scenario.scheduler.module;
  const plugin =
    options.plugin ?? (scenario.scheduler.policy === 'plugin' && module !== undefined ? await loadPolicy(module, file) : undefined);
  const sinks = { events: memorySink(), timeseries: memorySink(), placements: memorySink(), migrations: memorySink() };
  const result = buildSimulation(scenario, sinks, plugin).run();
  const summaryText = summaryJson(result.summary);
  const summary = JSON.parse(summaryText) as Summary;
  const expectations = evaluateExpectations(summary, scenario.expect);
  const files: OutputFiles = {
    'summary.json': summaryText,
    'events.csv': sinks.events.text(),
    'timeseries.csv': sinks.timeseries.text(),
    'servers.csv': result.serversCsv,
    'hosts.csv': result.hostsCsv,
    'placements.jsonl': sinks.placements.text(),
    'migrations.csv': sinks.migrations.text(),
    'servers.json': result.serversJson,
    'limits.json': result.limitsJson,
    'files.json': result.filesJson,
  };
  if (options.out !== undefined) {
    const folder = new ResultsFolder(options.out);
    for (const [name, text] of Object.entries(files)) folder.write(name, text);
    if (scenario.expect.length > 0) folder.write('expectations.json', expectationsJson(scenario.expect, expectations));
    folder.commit();
  }
  return { scenario, summary, files, expectations, events: result.events };
}
