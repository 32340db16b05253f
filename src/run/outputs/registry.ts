/**
 * Every file a run writes, in the order it writes them: the one list that
 * the run, the library, the results folder's check and the tests read.
 * Adding an output file is one unit (a writer in metrics/writers, or a
 * file beside this one for what only the run layer knows) and one line
 * below.
 */
import { eventsCsv } from '../../metrics/writers/events-csv.js';
import { filesJson } from '../../metrics/writers/files-json.js';
import { hostUtilisationCsv } from '../../metrics/writers/host-utilisation-csv.js';
import { hostsCsv } from '../../metrics/writers/hosts-csv.js';
import { limitsJson } from '../../metrics/writers/limits-json.js';
import { migrationsCsv } from '../../metrics/writers/migrations-csv.js';
import type { OutputFile } from '../../metrics/writers/output-file.js';
import { placementsJsonl } from '../../metrics/writers/placements-jsonl.js';
import { serversCsv } from '../../metrics/writers/servers-csv.js';
import { serversJson } from '../../metrics/writers/servers-json.js';
import { timeseriesCsv } from '../../metrics/writers/timeseries-csv.js';
import { expectationsJson } from './expectations-json.js';
import { reportHtml } from './report-html.js';
import type { RunRecord } from './run-record.js';
import { runJson } from './run-json.js';
import { summaryJson } from './summary-json.js';

export const OUTPUT_FILES = [
  eventsCsv,
  timeseriesCsv,
  hostUtilisationCsv,
  placementsJsonl,
  migrationsCsv,
  summaryJson,
  expectationsJson,
  serversCsv,
  hostsCsv,
  serversJson,
  limitsJson,
  filesJson,
  runJson,
  reportHtml,
] as const satisfies readonly OutputFile<RunRecord>[];

type Unit = (typeof OUTPUT_FILES)[number];
type Stable = Extract<Unit, { readonly stable: true }>;

/** The name of a file a run may write. */
export type OutputName = Unit['name'];

/** Files a results folder is not a run's without: what it ran (run.json), its figures and the verdicts on them; `outputs:` cannot turn them off. */
export const ALWAYS_WRITTEN = ['run.json', 'summary.json', 'expectations.json'] as const;

/** Stable files every run hands back: always written, and not only when the run has them. */
type Certain = Exclude<Extract<Stable, { readonly name: (typeof ALWAYS_WRITTEN)[number] }>, { readonly optional: true }>;

/**
 * The files whose bytes the scenario and seed fix, as text: what the
 * library hands back. summary.json always; the others when the run writes
 * them (`outputs:` turns them off, expectations.json needs `expect:`).
 */
export type OutputFiles = { readonly [U in Certain as U['name']]: string } & {
  readonly [U in Exclude<Stable, Certain> as U['name']]?: string;
};

/** The names of the stable files. */
export const STABLE_FILES: ReadonlySet<string> = new Set(OUTPUT_FILES.filter((f) => f.stable).map((f) => f.name));
