import { splitCsv, type Cell } from './csv-fields.js';
import { RowReader } from './cells.js';
import { readLines } from './lines.js';
import { quoteCell, TraceError } from './trace-error.js';

/**
 * A planner's own history as a plain CSV of requests: a header naming the
 * columns, then one request per line in time order. `time` (seconds from
 * the start) and `action` are required columns; every other column is a
 * field of the request under its scenario name (server, flavor, image,
 * project, host, ...), and an empty cell leaves the field out. Lines
 * starting with `#` are comments. What each action needs is checked where
 * the request table is known (scenario/request-log.ts), cell by cell.
 */
export interface LoggedRequest {
  readonly file: string;
  readonly line: number;
  readonly time: number;
  /** The time's column, for messages about it. */
  readonly timeColumn: number;
  readonly action: Cell;
  /** The row's other non-empty cells, by column name, in column order. */
  readonly fields: ReadonlyMap<string, Cell>;
}

const REQUIRED = ['time', 'action'] as const;
const COLUMN_NAME = /^[a-z][a-z0-9_]*$/;

/** Streams the requests of a log; rows must come in time order so the run can read them as it goes. */
export function* readRequestLog(file: string): Generator<LoggedRequest, void, undefined> {
  let header: string[] | undefined;
  let last = 0;
  for (const { number, text } of readLines(file)) {
    if (text.trim() === '' || text.startsWith('#')) continue;
    const cells = splitCsv(file, number, text);
    if (header === undefined) {
      header = checkedHeader(file, number, cells);
      continue;
    }
    const row = new RowReader(file, number, cells, header);
    row.noMoreThan(header.length);
    const time = row.number(header.indexOf('time'), 0);
    if (time < last) row.fail(header.indexOf('time'), `the rows must be in time order; ${time} comes after ${last}`);
    last = time;
    const action = row.cell(header.indexOf('action'));
    if (action.text === '') row.fail(header.indexOf('action'), 'expected an action, got an empty cell');
    const fields = new Map<string, Cell>();
    header.forEach((name, i) => {
      const cell = cells[i];
      if (name !== 'time' && name !== 'action' && cell !== undefined && cell.text !== '') fields.set(name, cell);
    });
    yield { file, line: number, time, timeColumn: row.cell(header.indexOf('time')).column, action, fields };
  }
  if (header === undefined) throw new TraceError(file, 0, 0, '', `holds no header; expected one naming the columns, e.g. time,action,server`);
}

function checkedHeader(file: string, line: number, cells: readonly Cell[]): string[] {
  const names = cells.map((c) => c.text);
  cells.forEach((cell, i) => {
    if (!COLUMN_NAME.test(cell.text)) throw new TraceError(file, line, cell.column, '', `expected a column name of lower-case letters, digits and _, got ${quoteCell(cell.text)}`);
    if (names.indexOf(cell.text) !== i) throw new TraceError(file, line, cell.column, '', `the column '${cell.text}' appears twice`);
  });
  for (const name of REQUIRED) if (!names.includes(name)) throw new TraceError(file, line, 0, '', `the header must name a '${name}' column; it names ${names.join(', ')}`);
  return names;
}
