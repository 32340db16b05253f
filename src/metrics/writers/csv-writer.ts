import type { TextSink } from './text-sink.js';

/** Rows per write: large enough to amortise sink calls, small enough to bound memory. */
export const DEFAULT_BATCH_ROWS = 5000;

/**
 * Characters of text per write, whatever the rows: text waiting to be
 * written outlives the garbage collector's young generation, which then
 * copies it (each line a tree of string pieces) and promotes it. A profile
 * of the timeline benchmark had 5000 placement lines (5 MB) in flight
 * doubling the time spent collecting; at this size, writes stay large.
 */
export const BATCH_CHARS = 64 * 1024;

// A field needs quotes when it holds the delimiter, a quote or a line break (RFC 4180, section 2.6).
const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV field: as it is, or quoted with its quotes doubled (RFC 4180, section 2.7). */
export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * A CSV file written in batches: the header first, then rows as they come.
 * RFC 4180 quoting, written out here rather than by csv-stringify: a
 * profile of the 1/10 region run (800,000 rows) had csv-stringify's
 * per-field casting and option handling at 15% of the run, for output
 * that test/unit/metrics/writers/csv-writer.test.ts checks is byte for byte
 * csv-stringify's on any text.
 */
/** A row's fields quoted as they need and joined with commas (no line break). */
export function csvLine(fields: readonly string[]): string {
  let line = csvField(fields[0] ?? '');
  for (let i = 1; i < fields.length; i++) line += ',' + csvField(fields[i]!);
  return line;
}

export class CsvWriter {
  #pending: string[] = [];
  #chars = 0;

  constructor(
    private readonly sink: TextSink,
    header: readonly string[],
    private readonly batchRows: number = DEFAULT_BATCH_ROWS,
  ) {
    // The header rides in the first batch, so even a run with no rows gets it on flush().
    this.row(header);
  }

  row(fields: readonly string[]): void {
    this.joined(csvLine(fields));
  }

  /** A row already joined, its fields already quoted as csvField quotes them (no line break). */
  joined(line: string): void {
    this.#pending.push(line + '\n');
    this.#chars += line.length + 1;
    if (this.#pending.length >= this.batchRows || this.#chars >= BATCH_CHARS) this.flush();
  }

  /** Writes whatever is buffered. Safe to call more than once. */
  flush(): void {
    if (this.#pending.length === 0) return;
    this.sink.write(this.#pending.join(''));
    this.#pending = [];
    this.#chars = 0;
  }
}
