import { parse } from 'csv-parse/sync';

/** CSV text into rows of fields (csv-parse: quoted fields, doubled quotes, LF or CRLF records). */
export function csvRows(text: string): string[][] {
  return parse(text, { relax_column_count: true, record_delimiter: ['\r\n', '\n'] }) as string[][];
}

/** A CSV text as records keyed by its header (a missing cell reads as ''). */
export function parseCsv(text: string): Record<string, string>[] {
  const [header = [], ...body] = csvRows(text);
  return body.map((cells) => Object.fromEntries(header.map((name, c) => [name, cells[c] ?? ''])));
}

/** A cell as a number; undefined when empty or not a number. */
export function cellNumber(cell: string | undefined): number | undefined {
  if (cell === undefined || cell.trim() === '') return undefined;
  const n = Number(cell);
  return Number.isFinite(n) ? n : undefined;
}
