/**
 * `outputs.format: parquet`: a table file rewritten as Parquet once the run
 * has written it. The units keep writing their CSV (or JSON lines) as the
 * run goes, because report.html is drawn from those files; once every file
 * is written, each table is read back a line at a time and written as one
 * row group per ROW_GROUP_ROWS rows, then its text file is removed. Memory
 * is therefore one row group, whatever the length of the run.
 * Library choice: research/parquet-libraries.md (hyparquet-writer, pure JS).
 */
import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import type { ParquetCell, ParquetForm, ParquetType } from '../../metrics/writers/output-file.js';
import type { OutputFolder } from '../output-folder.js';

/**
 * Rows per row group. The research notes' 100,000 held a tenth of the
 * region (390,000 event rows, 100,000 server rows of 25 columns) at 384 MB
 * peak for the conversion alone, 20,000 at 256 MB, for files 1% larger.
 */
export const ROW_GROUP_ROWS = 20_000;

/** Bytes the writer buffers before appending them to the file. */
const FLUSH_BYTES = 1 << 20;

interface Column {
  readonly name: string;
  readonly type: ParquetType;
}

/** A column's schema element, as the writer's own hyparquet types it. */
type SchemaElement = ConstructorParameters<typeof ParquetWriter>[0]['schema'][number];

const ELEMENT: Readonly<Record<ParquetType, Omit<SchemaElement, 'name'>>> = {
  DOUBLE: { type: 'DOUBLE', repetition_type: 'OPTIONAL' },
  INT64: { type: 'INT64', repetition_type: 'OPTIONAL' },
  BOOLEAN: { type: 'BOOLEAN', repetition_type: 'OPTIONAL' },
  STRING: { type: 'BYTE_ARRAY', converted_type: 'UTF8', logical_type: { type: 'STRING' }, repetition_type: 'OPTIONAL' },
};

/** A cell as its column's type holds it: '' and null are null, INT64 a bigint, a CSV's text parsed. */
function typed(cell: ParquetCell, type: ParquetType): string | number | bigint | boolean | null {
  if (cell === null || cell === '') return null;
  switch (type) {
    case 'DOUBLE':
      return Number(cell);
    case 'INT64':
      return BigInt(cell);
    case 'BOOLEAN':
      return typeof cell === 'boolean' ? cell : cell === 'true';
    case 'STRING':
      return String(cell);
  }
}

/** A Writer for hyparquet-writer that appends to a file of the folder every FLUSH_BYTES (as its own fileWriter does to a path). */
function folderWriter(folder: OutputFolder, name: string): ByteWriter & { flush(): void } {
  const writer = new ByteWriter() as ByteWriter & { flush(): void };
  const flush = (): void => {
    if (writer.index > 0) folder.append(name, new Uint8Array(writer.buffer, 0, writer.index));
    writer.index = 0;
  };
  const grow = writer.ensure.bind(writer);
  writer.ensure = (size: number): void => {
    if (writer.index > FLUSH_BYTES) flush();
    grow(size);
  };
  writer.flush = flush;
  writer.finish = flush;
  return writer;
}

/** Writes rows as Parquet to `name` in the folder, ROW_GROUP_ROWS at a time. */
function writeRows(folder: OutputFolder, name: string, columns: readonly Column[], rows: Iterable<ParquetCell[]>, groupRows: number): void {
  const writer = new ParquetWriter({
    writer: folderWriter(folder, name),
    schema: [{ name: 'root', num_children: columns.length }, ...columns.map((c) => ({ name: c.name, ...ELEMENT[c.type] }))],
    // A fixed name (no version) keeps the bytes equal across library updates that change nothing else.
    createdBy: 'novasim',
  });
  let batch: ReturnType<typeof typed>[][] = columns.map(() => []);
  const write = (): void => {
    const n = batch[0]!.length;
    if (n === 0) return;
    void writer.write({ columnData: columns.map((c, i) => ({ name: c.name, data: batch[i]! })), rowGroupSize: n });
    batch = columns.map(() => []);
  };
  for (const row of rows) {
    for (let i = 0; i < columns.length; i++) batch[i]!.push(typed(row[i] ?? null, columns[i]!.type));
    if (batch[0]!.length >= groupRows) write();
  }
  write();
  void writer.finish();
}

/**
 * The records of a CSV given line by line: RFC 4180, as CsvWriter quotes
 * (a quoted field may hold commas, doubled quotes and line breaks, so a
 * record may span lines).
 */
export function* csvRecords(lines: Iterable<string>): Generator<string[]> {
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  for (const line of lines) {
    if (!quoted && line === '') continue;
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      if (quoted) {
        if (c !== '"') field += c;
        else if (line[i + 1] === '"') (field += '"'), i++;
        else quoted = false;
      } else if (c === '"') quoted = true;
      else if (c === ',') fields.push(field), (field = '');
      else field += c;
    }
    if (quoted) {
      field += '\n';
      continue;
    }
    fields.push(field);
    yield fields;
    fields = [];
    field = '';
  }
}

/** Rewrites the unit's text file `source` as its Parquet form, then removes the text file. */
export function writeParquet(folder: OutputFolder, source: string, form: ParquetForm, groupRows = ROW_GROUP_ROWS): void {
  const lines = folder.lines(source);
  if (lines === undefined) return;
  if (form.from === 'csv') {
    const records = csvRecords(lines);
    const header = records.next();
    if (header.done !== true) {
      const columns = header.value.map((name) => ({ name, type: form.types[name] ?? form.otherwise }));
      writeRows(folder, form.name, columns, records, groupRows);
    }
  } else {
    writeRows(folder, form.name, form.columns, jsonRows(lines, form.row), groupRows);
  }
  folder.remove(source);
}

function* jsonRows(lines: Iterable<string>, row: (line: string) => ParquetCell[]): Generator<ParquetCell[]> {
  for (const line of lines) if (line !== '') yield row(line);
}
