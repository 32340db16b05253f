import { TraceError } from './trace-error.js';

/** One cell of a CSV line: its text (quotes removed) and its 1-based column in the line. */
export interface Cell {
  readonly text: string;
  readonly column: number;
}

/**
 * Splits one CSV line into cells (RFC 4180 within a line: a quoted cell may
 * hold commas and doubled quotes). A quoted cell that runs past the line's
 * end is an error here, not a cell continued on the next line: trace rows
 * are one per line, so a missing quote is caught where it is.
 */
export function splitCsv(file: string, line: number, text: string): Cell[] {
  const cells: Cell[] = [];
  let i = 0;
  for (;;) {
    const column = i + 1;
    if (text.charCodeAt(i) === 34) {
      let value = '';
      let j = i + 1;
      for (;;) {
        const close = text.indexOf('"', j);
        if (close < 0) throw new TraceError(file, line, column, '', 'a quoted cell is not closed on its line');
        value += text.slice(j, close);
        if (text.charCodeAt(close + 1) === 34) {
          value += '"';
          j = close + 2;
          continue;
        }
        i = close + 1;
        break;
      }
      if (i < text.length && text.charCodeAt(i) !== 44) throw new TraceError(file, line, i + 1, '', 'expected a comma after a quoted cell');
      cells.push({ text: value, column });
    } else {
      const comma = text.indexOf(',', i);
      const end = comma < 0 ? text.length : comma;
      cells.push({ text: text.slice(i, end).trim(), column });
      i = end;
    }
    if (i >= text.length) return cells;
    i++; // past the comma
  }
}
