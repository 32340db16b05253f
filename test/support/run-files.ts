/**
 * Runs a checked scenario through the run layer into memory, as `novasim
 * run` would into a folder (no report.html), and hands back its files.
 * `drive`, as novasim serve gives it, takes the built simulation to its end
 * instead of running it in one go.
 */
import { MemoryFolder } from '../../src/run/output-folder.js';
import { STABLE_FILES } from '../../src/run/outputs/registry.js';
import { executeRun, type RunHooks } from '../../src/run/run-scenario.js';
import type { Scenario } from '../../src/scenario/schema.js';

export async function runFiles(scenario: Scenario, drive?: RunHooks['drive']): Promise<Record<string, string>> {
  const folder = new MemoryFolder();
  await executeRun(scenario, undefined, folder, { file: `${scenario.name}.yaml`, overrides: [], report: false }, drive === undefined ? {} : { drive });
  return folder.files();
}

/** The files whose bytes the scenario and seed fix (every file but run.json). */
export const stableFiles = (files: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(files).filter(([name]) => STABLE_FILES.has(name)));
