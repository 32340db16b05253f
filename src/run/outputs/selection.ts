/**
 * A scenario's `outputs:` read against the output registry: which files
 * the run writes, at which level, and the checks that name a bad entry.
 * The registry is the one list of files; `outputs:` may only name them.
 */
import { OUTPUT_FORMATS, OUTPUT_LEVELS, type OutputChoice, type OutputFormat, type OutputLevel } from '../../metrics/writers/output-file.js';
import type { Scenario } from '../../scenario/schema.js';
import type { Override } from '../../scenario/overrides.js';
import type { Issue } from '../../scenario/spec.js';
import { ALWAYS_WRITTEN, OUTPUT_FILES } from './registry.js';

const ALWAYS: ReadonlySet<string> = new Set(ALWAYS_WRITTEN);

/** The key of `outputs:` that picks the tables' format rather than a file. */
const FORMAT = 'format';

/** A file's level as a scenario chooses it: off, or what it writes ('full' for a file without levels). */
export function outputLevel(scenario: Pick<Scenario, 'outputs'>, name: string): OutputLevel {
  const choice: OutputChoice | undefined = scenario.outputs[name];
  return choice === undefined || choice === true ? 'full' : choice === false ? 'off' : isLevel(choice) ? choice : 'full';
}

const isLevel = (choice: OutputChoice): choice is OutputLevel => (OUTPUT_LEVELS as readonly unknown[]).includes(choice);
const isFormat = (choice: OutputChoice | undefined): choice is OutputFormat => (OUTPUT_FORMATS as readonly unknown[]).includes(choice);

/** The tables' format: csv unless `outputs.format` says parquet. */
export function outputFormat(scenario: Pick<Scenario, 'outputs'>): OutputFormat {
  const choice = scenario.outputs[FORMAT];
  return isFormat(choice) ? choice : 'csv';
}

/** Does the run write this file (report.html also needs the caller to ask for it)? */
export const writes = (scenario: Pick<Scenario, 'outputs'>, name: string): boolean => outputLevel(scenario, name) !== 'off';

/** `outputs:` names only files of the registry, keeps the ones a run needs, and gives a level only to a file that takes it. */
export function checkOutputs(scenario: Pick<Scenario, 'outputs'>): Issue[] {
  const issues: Issue[] = [];
  for (const [name, choice] of Object.entries(scenario.outputs)) {
    const path = ['outputs', name];
    if (name === FORMAT) {
      if (!isFormat(choice)) issues.push({ path, message: `format is ${OUTPUT_FORMATS.join(' or ')} (parquet writes ${parquetFiles()}), got ${String(choice)}` });
      continue;
    }
    const file = OUTPUT_FILES.find((f) => f.name === name);
    if (file === undefined) issues.push({ path, atKey: true, message: `unknown output file '${name}'; expected one of ${OUTPUT_FILES.map((f) => f.name).join(', ')}` });
    else if (ALWAYS.has(name) && outputLevel(scenario, name) === 'off') issues.push({ path, message: `${name} is always written` });
    else if (isFormat(choice)) issues.push({ path, message: `${name}: ${choice} is a format, which outputs.format sets for every table at once` });
    else if (typeof choice === 'string' && !(file.kind === 'streamed' && 'levels' in file && file.levels.includes(choice)))
      issues.push({ path, message: `${name} is on or off: expected true or false, got ${choice}` });
  }
  return issues;
}

/** The Parquet files the registry's tables become, for messages. */
const parquetFiles = (): string => OUTPUT_FILES.flatMap((f) => ('parquet' in f ? [f.parquet.name] : [])).join(', ');

const CHOICE_TEXT: Readonly<Record<string, OutputChoice>> = { true: true, on: true, false: false, off: false, full: 'full', requests: 'requests', csv: 'csv', parquet: 'parquet' };

/**
 * `--outputs name=value` as an override of `outputs.<name>` (file names
 * hold dots, so it cannot go through --set's dotted paths): value true,
 * on, false, off, or a level (full, requests). A problem is returned as
 * its message.
 */
export function outputOverride(text: string): Override | string {
  const eq = text.indexOf('=');
  const name = text.slice(0, eq);
  const value = CHOICE_TEXT[text.slice(eq + 1)];
  if (eq <= 0 || value === undefined) return `--outputs ${text}: expected file=value with value true, false, on, off, full or requests, e.g. placements.jsonl=off, or format=csv|parquet`;
  return { path: ['outputs', name], value, text: `outputs.${name}=${String(value)}` };
}
