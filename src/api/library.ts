/**
 * The library entry point for scripts and notebooks: a scenario (text, a
 * value shaped like the file, or one loadScenario checked) in, typed
 * results out, all in memory. With `out`, the same results folder as
 * `novasim run` writes (run.json and report.html included) is put there,
 * under the same rules: only a path novasim may write.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExpectationReport } from '../scenario/expectations.js';
import type { PlacementPolicy, Scenario } from '../scenario/schema.js';
import { InputError } from '../run/input-error.js';
import { MemoryFolder } from '../run/output-folder.js';
import { STABLE_FILES, type OutputFiles } from '../run/outputs/registry.js';
import { summaryJson } from '../run/outputs/summary-json.js';
import type { Summary } from '../run/outputs/summary-sections.js';
import { scenarioOf } from '../run/read-scenario.js';
import { ResultsFolder } from '../run/results-folder.js';
import { scenarioPolicy } from '../run/run-job.js';
import { executeRun } from '../run/run-scenario.js';

export interface RunScenarioOptions {
  /** Names the scenario in error messages; a plug-in `scheduler.module` is found relative to it. Default `scenario.yaml`. */
  readonly file?: string;
  /** Overrides the scenario's seed (text and values only, like `--seed`). */
  readonly seed?: number;
  /** `path=value` overrides, as `--set` (text and values only). */
  readonly set?: readonly string[];
  /** The plug-in placement policy, instead of loading `scheduler.module`. */
  readonly plugin?: PlacementPolicy;
  /** Also write the results folder here, as `novasim run --out` does. */
  readonly out?: string;
  /** With `out`: write report.html (default true). */
  readonly report?: boolean;
}

export interface ScenarioResults {
  readonly scenario: Scenario;
  /** summary.json, parsed. */
  readonly summary: Summary;
  /** The stable files the run wrote, by name (run.json and report.html are written to `out` only). */
  readonly files: OutputFiles;
  /** The verdicts of the scenario's `expect:` list (empty when it has none). */
  readonly expectations: ExpectationReport;
  /** Simulation events processed. */
  readonly events: number;
}

/**
 * Runs a scenario to its end. `input` is scenario text (YAML or JSON), a
 * value shaped like the scenario file, or a Scenario from `loadScenario`.
 * Throws InputError (every problem listed) when the scenario is not valid.
 */
export async function runScenario(input: unknown, options: RunScenarioOptions = {}): Promise<ScenarioResults> {
  const file = options.file ?? 'scenario.yaml';
  if (typeof input !== 'string' && (typeof input !== 'object' || input === null || Array.isArray(input)))
    throw new InputError(`${file}: runScenario expects scenario text (YAML or JSON), a scenario mapping or a loaded Scenario, got ${input === null ? 'nothing' : Array.isArray(input) ? 'a list' : typeof input}`);
  const scenario = scenarioOf(input, { file, seed: options.seed, set: options.set });
  const plugin = options.plugin ?? (await scenarioPolicy(scenario, file));
  // The folder is claimed before the run, so a path that is not novasim's is refused before any work.
  const folder = options.out === undefined ? undefined : ResultsFolder.claim(options.out, 'out');
  try {
    const memory = new MemoryFolder();
    const report = folder !== undefined && options.report !== false;
    const done = await executeRun(scenario, plugin, memory, { file, overrides: options.set ?? [], report });
    const written = memory.files();
    if (folder !== undefined) {
      for (const [name, text] of Object.entries(written)) writeFileSync(join(folder.temp, name), text);
      // Parquet files (outputs.format: parquet) go to the folder only: `files` holds text.
      for (const [name, bytes] of Object.entries(memory.binaries())) writeFileSync(join(folder.temp, name), bytes);
      folder.commit();
    }
    const summary = JSON.parse(written[summaryJson.name]!) as Summary;
    const files = Object.fromEntries(Object.entries(written).filter(([name]) => STABLE_FILES.has(name))) as unknown as OutputFiles;
    return { scenario, summary, files, expectations: done.expectations ?? { held: 0, failed: 0, verdicts: [] }, events: done.events };
  } catch (e) {
    folder?.discard();
    throw e;
  }
}
