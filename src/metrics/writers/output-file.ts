import type { LiveRun, RunEnd } from '../run-end.js';
import type { TextSink } from './text-sink.js';

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
  listen(run: LiveRun, sink: TextSink): Flushable;
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
