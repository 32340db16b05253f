/**
 * Runs a checked scenario through the run layer into memory, as `novasim
 * run` would into a folder (no report.html), and hands back its files.
 */
import { MemoryFolder } from '../../src/run/output-folder.js';
import { executeRun } from '../../src/run/run-scenario.js';
import type { Scenario } from '../../src/scenario/schema.js';

export async function runFiles(scenario: Scenario): Promise<Record<string, string>> {
  const folder = new MemoryFolder();
  await executeRun(scenario, undefined, folder, { file: `${scenario.name}.yaml`, overrides: [], report: false });
  return folder.files();
}
