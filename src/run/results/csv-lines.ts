import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { InputError } from '../input-error.js';

/**
 * One record of a CSV file novasim wrote (one record per line: no field
 * holds a line break): its fields, quotes removed, doubled quotes undone.
 */
export function splitCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  fields.push(field);
  return fields;
}

/** A results folder's CSV file, line by line: the header's column positions, then each record's fields. */
export interface CsvStream {
  readonly columns: ReadonlyMap<string, number>;
  /** Records after the header; `keep` (on the raw line) skips a record before it is split. */
  records(keep?: (line: string) => boolean): AsyncGenerator<string[]>;
}

/**
 * Opens `file` of results folder `dir` for streaming (a region's events.csv
 * is hundreds of megabytes: it is never read whole). InputError when the
 * folder or file is missing or the header lacks a column `needed`.
 */
export async function openCsv(dir: string, file: string, needed: readonly string[]): Promise<CsvStream> {
  const folder = await stat(dir).catch((e: NodeJS.ErrnoException) => {
    throw new InputError(`${dir}: cannot read the results folder (${e.code ?? String(e)})`);
  });
  if (!folder.isDirectory()) throw new InputError(`${dir}: not a results folder`);
  const path = `${dir}/${file}`;
  await stat(path).catch((e: NodeJS.ErrnoException) => {
    throw new InputError(`${path}: cannot read it (${e.code ?? String(e)}); was the run written with this output off?`);
  });
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity })[Symbol.asyncIterator]();
  const first = await lines.next();
  const header = first.done === true ? [] : splitCsvLine(first.value);
  const columns = new Map(header.map((name, i) => [name, i]));
  const missing = needed.filter((c) => !columns.has(c));
  if (missing.length > 0) throw new InputError(`${path}: not a novasim ${file} (no column ${missing.join(', ')})`);
  return {
    columns,
    async *records(keep) {
      for (let next = await lines.next(); next.done !== true; next = await lines.next()) {
        if (keep === undefined || keep(next.value)) yield splitCsvLine(next.value);
      }
    },
  };
}
