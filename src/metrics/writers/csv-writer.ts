import { stringify } from 'csv-stringify/sync';
import type { TextSink } from './text-sink.js';

/** Rows per write: large enough to amortise stringify and sink calls, small enough to bound memory. */
export const DEFAULT_BATCH_ROWS = 5000;

/**
 * A CSV file written in batches: the header first, then rows as they come.
 * Quoting (commas, quotes, newlines in reasons) is left to csv-stringify so
 * the output is RFC 4180 and readable by any CSV parser.
 */
export class CsvWriter {
  #pending: string[][];

  constructor(
    private readonly sink: TextSink,
    header: readonly string[],
    private readonly batchRows: number = DEFAULT_BATCH_ROWS,
  ) {
    // The header rides in the first batch, so even a run with no rows gets it on flush().
    this.#pending = [[...header]];
  }

  row(fields: string[]): void {
    this.#pending.push(fields);
    if (this.#pending.length >= this.batchRows) this.flush();
  }

  /** Writes whatever is buffered. Safe to call more than once. */
  flush(): void {
    if (this.#pending.length === 0) return;
    this.sink.write(stringify(this.#pending));
    this.#pending = [];
  }
}
