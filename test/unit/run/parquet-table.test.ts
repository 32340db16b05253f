import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { csvField } from '../../../src/metrics/writers/csv-writer.js';
import { MemoryFolder } from '../../../src/run/output-folder.js';
import { csvRecords, writeParquet } from '../../../src/run/outputs/parquet-table.js';

const buffer = (bytes: Uint8Array): ArrayBuffer => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

describe('csvRecords', () => {
  it('reads back what CsvWriter quotes: commas, doubled quotes and line breaks inside a field', () => {
    const fields = ['plain', 'a, b', 'say "no"', 'two\nlines', '', 'é€'];
    const text = `${fields.map(csvField).join(',')}\nx,y,,,,\n`;

    const records = [...csvRecords(text.split('\n'))];

    expect(records).toEqual([fields, ['x', 'y', '', '', '', '']]);
  });
});

describe('writeParquet', () => {
  it('writes one row group per groupRows rows, types the columns by name and removes the CSV', async () => {
    const folder = new MemoryFolder();
    folder.write('t.csv', 'time,server,http_status\n0.5,web-1,409\n1,,\n2.25,"web,2",\n3,web-3,400\n4,web-4,\n');

    writeParquet(folder, 't.csv', { from: 'csv', name: 't.parquet', types: { time: 'DOUBLE', http_status: 'INT64' }, otherwise: 'STRING' }, 2);

    const file = buffer(folder.binaries()['t.parquet']!);
    expect(folder.read('t.csv')).toBeUndefined();
    expect(parquetMetadata(file).row_groups.map((g) => g.num_rows)).toEqual([2n, 2n, 1n]);
    expect(await parquetReadObjects({ file })).toEqual([
      { time: 0.5, server: 'web-1', http_status: 409n },
      { time: 1, server: null, http_status: null },
      { time: 2.25, server: 'web,2', http_status: null },
      { time: 3, server: 'web-3', http_status: 400n },
      { time: 4, server: 'web-4', http_status: null },
    ]);
  });
});
