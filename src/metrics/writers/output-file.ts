import type { LiveRun, RunEnd } from '../run-end.js';
import type { TextSink } from './text-sink.js';

/** What `outputs:` may say of a file besides true or false: events.csv's levels (every row, requests and their outcomes, none). */
export const OUTPUT_LEVELS = ['full', 'requests', 'off'] as const;
export type OutputLevel = (typeof OUTPUT_LEVELS)[number];
/** A file's entry in a scenario's `outputs:`. */
export type OutputChoice = boolean | OutputLevel;

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
  /** The file's text; null when this run has none. */
  render(end: End): string | null | Promise<string | null>;
}

/** One output file of a run: its name, whether it is stable, what it listens to or reads, and how it is rendered. */
export type OutputFile<End extends RunEnd = RunEnd> = StreamedFile | RenderedFile<End>;
