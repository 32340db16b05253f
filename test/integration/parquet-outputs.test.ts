import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, read, readCsv, runScenario, tempDir } from './helpers.js';

let dir: string;
beforeAll(() => {
  ensureBuilt();
  dir = tempDir('parquet');
  for (const [out, extra] of [
    ['csv', []],
    ['parquet', ['--outputs', 'format=parquet']],
    ['parquet-again', ['--outputs', 'format=parquet']],
  ] as const) {
    const r = runScenario('scenarios/quickstart.yaml', join(dir, out), ['--no-report', ...extra]);
    expect(r.status, r.stderr).toBe(0);
  }
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bytes = (out: string, name: string): ArrayBuffer => {
  const b = readFileSync(join(dir, out, name));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
};
const rowsOf = (name: string): Promise<Record<string, unknown>[]> => parquetReadObjects({ file: bytes('parquet', name) });
const schemaOf = (name: string) => parquetMetadata(bytes('parquet', name)).schema.slice(1);

/** What a CSV cell must read back as, by the Parquet column's physical type. */
function asTyped(cell: string, type: string | undefined): unknown {
  if (cell === '') return null;
  if (type === 'DOUBLE') return Number(cell);
  if (type === 'INT64') return BigInt(cell);
  return cell;
}

describe.each([
  ['events.csv', 'events.parquet', { time: 'DOUBLE', http_status: 'INT64', server: 'BYTE_ARRAY', reason: 'BYTE_ARRAY' }],
  ['servers.csv', 'servers.parquet', { progress: 'INT64', created: 'DOUBLE', availability: 'DOUBLE', host: 'BYTE_ARRAY' }],
  ['migrations.csv', 'migrations.parquet', { start: 'DOUBLE', rounds: 'INT64', kind: 'BYTE_ARRAY' }],
  ['timeseries.csv', 'timeseries.parquet', { time: 'DOUBLE', ACTIVE: 'DOUBLE', used_vcpus: 'DOUBLE' }],
])('%s as %s', (csvName, parquetName, types) => {
  it('has the CSV header as its columns, numbers typed and text as UTF8 strings', () => {
    const header = read(join(dir, 'csv'), csvName).split('\n', 1)[0]!.split(',');

    const schema = schemaOf(parquetName);

    expect(schema.map((c) => c.name)).toEqual(header);
    for (const [column, type] of Object.entries(types)) expect(schema.find((c) => c.name === column)?.type, column).toBe(type);
    for (const c of schema.filter((e) => e.type === 'BYTE_ARRAY')) expect(c.converted_type, c.name).toBe('UTF8');
  });

  it('holds the CSV rows, row for row and column for column, empty cells as nulls', async () => {
    const csv = readCsv(join(dir, 'csv'), csvName);
    const types = new Map(schemaOf(parquetName).map((c) => [c.name, c.type]));

    const rows = await rowsOf(parquetName);

    expect(rows.length).toBe(csv.length);
    rows.forEach((row, i) => {
      const expected = Object.fromEntries(Object.entries(csv[i]!).map(([k, v]) => [k, asTyped(v, types.get(k))]));
      expect(row, `${csvName} row ${i + 1}`).toEqual(expected);
    });
  });
});

describe('placements.jsonl as placements.parquet', () => {
  it('holds each line flattened: scalars as columns, the nested lists as JSON text, failed builds with rescheduled', async () => {
    const lines = read(join(dir, 'csv'), 'placements.jsonl').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);

    const rows = await rowsOf('placements.parquet');

    expect(rows.length).toBe(lines.length);
    expect(lines.some((l) => l['purpose'] !== 'build_failed' && l['hosts'] !== null)).toBe(true);
    rows.forEach((row, i) => {
      const line = lines[i]!;
      const text = (k: string): unknown => (line[k] === undefined || line[k] === null || line[k] === '' ? null : line[k]);
      expect(row, `line ${i + 1}`).toEqual({
        time: line['time'],
        server: line['server'],
        purpose: line['purpose'],
        outcome: text('outcome'),
        host: text('host'),
        reason: text('reason'),
        policy: text('policy'),
        hosts: typeof line['hosts'] === 'number' ? BigInt(line['hosts']) : null,
        filters: line['filters'] === undefined ? null : JSON.stringify(line['filters']),
        top: line['top'] === undefined ? null : JSON.stringify(line['top']),
        alternates: line['alternates'] === undefined ? null : JSON.stringify(line['alternates']),
        rescheduled: line['rescheduled'] ?? null,
      });
    });
  });
});

describe('outputs.format: parquet', () => {
  it('writes the Parquet files instead of the CSV and JSON lines, and the other files as before', () => {
    const csvFiles = ['events.csv', 'servers.csv', 'migrations.csv', 'timeseries.csv', 'placements.jsonl', 'placements.idx'];

    const written = (out: string): string[] => readdirSync(join(dir, out)).sort();

    expect(written('parquet')).toEqual(
      [...written('csv').filter((f) => !csvFiles.includes(f)), 'events.parquet', 'migrations.parquet', 'placements.parquet', 'servers.parquet', 'timeseries.parquet'].sort(),
    );
    for (const name of ['summary.json', 'hosts.csv', 'servers.json']) expect(read(join(dir, 'parquet'), name), name).toBe(read(join(dir, 'csv'), name));
  });

  it('gives the same bytes for the same scenario and seed', () => {
    for (const name of ['events.parquet', 'servers.parquet', 'placements.parquet', 'migrations.parquet', 'timeseries.parquet'])
      expect(readFileSync(join(dir, 'parquet-again', name)).equals(readFileSync(join(dir, 'parquet', name))), name).toBe(true);
  });

  it.each([
    ['xml', /bad\.yaml:\d+:\d+: outputs\.format: expected one of .*csv, parquet, got "xml"/],
    ['full', /bad\.yaml:\d+:\d+: outputs\.format: format is csv or parquet .*got full/],
  ])('refuses format %s with exit 2, naming the file, line and field', (value, message) => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, `${read('.', 'scenarios/quickstart.yaml')}\noutputs:\n  format: ${value}\n`);

    const r = runScenario(file, join(dir, 'bad'));

    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

