/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF) into rows of fields. O(length of the text). */
export function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
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
