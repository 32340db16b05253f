/**
 * A problem in a trace file, located the way scenario errors are: the file,
 * the 1-based line and column (0 when the whole line or file is meant) and
 * the field (a column's name, or '' for the line), with what was expected.
 */
export class TraceError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${file}${line > 0 ? `:${line}${column > 0 ? `:${column}` : ''}` : ''}: ${field ? `${field}: ` : ''}${reason}`);
    this.name = 'TraceError';
  }
}

/** Longest quote of a cell in a message: a huge cell is named, not echoed back. */
const QUOTE_MAX = 40;

/** A cell's text for a message: quoted, cut short when long. */
export function quoteCell(text: string): string {
  if (text === '') return 'an empty cell';
  return text.length > QUOTE_MAX ? `${JSON.stringify(text.slice(0, QUOTE_MAX)).slice(0, -1)}..." (${text.length} characters)` : JSON.stringify(text);
}
