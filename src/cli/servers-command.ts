import { stringify } from 'csv-stringify/sync';
import type { ServerQuery } from '../lifecycle/server-query.js';
import { InputError } from '../run/input-error.js';
import { serversAt, serversAtEnd, type ListedServer } from '../run/results/server-listings.js';
import { duration, type Issue } from '../scenario/spec.js';
import { textTable } from './text-table.js';

export interface ServersOptions extends ServerQuery {
  /** A simulated time (seconds, or 90s / 5m / 2h / 3d / 1w): the servers as they stood then. */
  readonly at?: string | undefined;
  readonly changesSinceText?: string | undefined;
  readonly long: boolean;
  readonly format: 'table' | 'csv' | 'json';
  readonly limit: number;
}

/** The short view (as `openstack server list` shows it) and what --long adds. */
const SHORT = ['server', 'status', 'host', 'flavor', 'image', 'project'] as const;
const LONG = ['id', 'vm_state', 'task_state', 'power_state', 'created', 'updated', 'deleted', 'addresses'] as const;

/** A time given on the command line, as the scenario file takes durations. */
function timeArgument(flag: string, text: string): number {
  const issues: Issue[] = [];
  const seconds = duration().parse(/^\d+(\.\d+)?$/.test(text) ? Number(text) : text, [], issues);
  if (typeof seconds !== 'number') throw new InputError(`${flag}: expected a simulated time such as 3600, 90m, 2d, got '${text}'`);
  return seconds;
}

/**
 * `novasim servers DIR`: the servers of a run as GET /servers lists them
 * (newest first, deleted ones only when asked), with its filters, at the
 * end of the run or at any simulated time.
 */
export async function serversCommand(dir: string, options: ServersOptions, stdout: { write(text: string): unknown }): Promise<void> {
  const query: ServerQuery = {
    ...options,
    ...(options.changesSinceText !== undefined ? { changesSince: timeArgument('--changes-since', options.changesSinceText) } : {}),
  };
  const servers =
    options.at === undefined ? await serversAtEnd(dir, query, options.limit) : await serversAt(dir, timeArgument('--at', options.at), query, options.limit);
  const columns = [...SHORT, ...(options.long ? LONG.filter((c) => servers.some((s) => c in s.row)) : [])];
  stdout.write(render(servers, columns, options.format));
}

function render(servers: readonly ListedServer[], columns: readonly string[], format: ServersOptions['format']): string {
  const rows = servers.map((s) => columns.map((c) => s.row[c] ?? ''));
  if (format === 'json') return `${JSON.stringify(servers.map((s) => Object.fromEntries(columns.map((c) => [c, s.row[c] ?? '']))), null, 2)}\n`;
  if (format === 'csv') return stringify([columns, ...rows]);
  return servers.length === 0 ? 'no server matches\n' : textTable([...columns], rows);
}
