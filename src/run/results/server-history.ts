/**
 * One server's history in a results folder: every events.csv row about it
 * (its requests, accepted or refused, and each state change they made) and
 * its moves from migrations.csv, read by streaming both files and keeping
 * only the server's own lines.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openCsv, type CsvStream } from './csv-lines.js';

/** The rows of `file` whose `column` is `server`, as column -> value, in file order. */
async function rowsOf(csv: CsvStream, column: string, server: string): Promise<Record<string, string>[]> {
  const names = [...csv.columns.keys()];
  const at = csv.columns.get(column)!;
  // A cheap test on the raw line first: only lines naming the server are split.
  const rows: Record<string, string>[] = [];
  for await (const fields of csv.records((line) => line.includes(server))) {
    if (fields[at] === server) rows.push(Object.fromEntries(names.map((n, i) => [n, fields[i] ?? ''])));
  }
  return rows;
}

export interface ServerHistory {
  /** events.csv rows of the server, in time order. */
  readonly events: Record<string, string>[];
  /** migrations.csv rows of the server. */
  readonly moves: Record<string, string>[];
}

export async function serverHistory(dir: string, server: string): Promise<ServerHistory> {
  const events = await rowsOf(await openCsv(dir, 'events.csv', ['time', 'server', 'action', 'outcome', 'status']), 'server', server);
  // A run may have been written without its log of moves.
  const moves = existsSync(join(dir, 'migrations.csv')) ? await rowsOf(await openCsv(dir, 'migrations.csv', ['server', 'kind']), 'server', server) : [];
  return { events, moves };
}
