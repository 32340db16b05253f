import type { LiveRun, RunEnd } from '../run-end.js';
import type { TextSink } from './text-sink.js';

/** What `outputs:` may say of a file besides true or false: events.csv's levels (every row, requests and their outcomes, none). */
export const OUTPUT_LEVELS = ['full', 'requests', 'off'] as const;
export type OutputLevel = (typeof OUTPUT_LEVELS)[number];
/** What `outputs.format` may say: the tables as CSV (and placements as JSONL), or as Parquet. */
export const OUTPUT_FORMATS = ['csv', 'parquet'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
/** A file's entry in a scenario's `outputs:` (a format only under the key `format`). */
export type OutputChoice = boolean | OutputLevel | OutputFormat;

/** A Parquet column's type: numbers as DOUBLE or INT64, text as UTF8 strings; an empty cell is a null in any of them. */
export type ParquetType = 'DOUBLE' | 'INT64' | 'STRING' | 'BOOLEAN';

/** One cell of a Parquet row as a unit gives it: INT64 cells as numbers, a missing value as null. */
export type ParquetCell = string | number | boolean | null;

/**
 * How a table file is written under `outputs.format: parquet`: the same
 * rows, converted from the file the unit writes. A CSV's columns are its
 * header's, typed by name (`otherwise` for the rest); a JSON-lines file
 * names its columns and flattens each line into them.
 */
export type ParquetForm =
  | { readonly from: 'csv'; readonly name: string; readonly types: Readonly<Record<string, ParquetType>>; readonly otherwise: ParquetType }
  | { readonly from: 'jsonl'; readonly name: string; readonly columns: readonly { readonly name: string; readonly type: ParquetType }[]; row(line: string): ParquetCell[] };

/** A writer that buffers: `flush` writes the rest once the run is over. */
export interface Flushable {
  flush(): void;
}

/**
 * A file written as the run goes: its writer subscribes to the facts it
 * needs before the first event, and is flushed after the last.
 */
export interface StreamedFile {
  readonly kind: 'streamed';
  readonly name: string;
  /** The same bytes whenever the scenario and seed are the same. */
  readonly stable: boolean;
  /** Files that take a level (events.csv) say which; the others are on or off. */
  readonly levels?: readonly OutputLevel[];
  /** A second file the writer keeps beside its own (placements.jsonl's index), written and turned off with it. */
  readonly companion?: string;
  /** Its Parquet form, for a table file; the companion is not written then. */
  readonly parquet?: ParquetForm;
  /** `level` is the scenario's, for a file that takes one ('full' otherwise); `companion` the sink of the companion file. */
  listen(run: LiveRun, sink: TextSink, level?: OutputLevel, companion?: TextSink): Flushable;
}

/** A file written once, from the run's end (`End` is what the run layer adds to RunEnd for its own files). */
export interface RenderedFile<End extends RunEnd = RunEnd> {
  readonly kind: 'rendered';
  readonly name: string;
  readonly stable: boolean;
  /** Written only when the run has it (expectations.json needs `expect:`, report.html needs asking). */
  readonly optional?: true;
  /** Its Parquet form, for a table file. */
  readonly parquet?: ParquetForm;
  /** The file's text; null when this run has none. */
  render(end: End): string | null | Promise<string | null>;
  /** The same text in pieces, for a file too large to make as one string (servers.csv); a run writes these when given. */
  chunks?(end: End): Iterable<string>;
}

/** One output file of a run: its name, whether it is stable, what it listens to or reads, and how it is rendered. */
export type OutputFile<End extends RunEnd = RunEnd> = StreamedFile | RenderedFile<End>;
