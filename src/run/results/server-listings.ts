/**
 * The servers of a results folder as GET /servers would list them: at the
 * end of the run (servers.csv), or as they stood at any simulated time
 * (events.csv replayed up to it). Both stream their file and keep only the
 * servers they must (the newest `limit` that match, or one small state per
 * server for a time in the past), so a million-server run stays quick.
 */
import { matcher, type ServerListing, type ServerQuery } from '../../lifecycle/server-query.js';
import { openCsv } from './csv-lines.js';

/** One listed server: the fields the filters read, and the rest of its row for the long view. */
export interface ListedServer extends ServerListing {
  /** Every column of the server's row, by name (servers.csv's, or the state at the time asked for). */
  readonly row: Readonly<Record<string, string>>;
}

const SERVER_COLUMNS = ['server', 'project', 'host', 'status', 'flavor', 'image', 'updated', 'deleted'] as const;

/** The newest `limit` servers at the end of the run that match, newest first (Nova's default order). */
export async function serversAtEnd(dir: string, query: ServerQuery, limit: number): Promise<ListedServer[]> {
  const csv = await openCsv(dir, 'servers.csv', SERVER_COLUMNS);
  const names = [...csv.columns.keys()];
  const keep = matcher(query);
  const newest: ListedServer[] = [];
  for await (const fields of csv.records()) {
    const row = Object.fromEntries(names.map((name, i) => [name, fields[i] ?? '']));
    const server = listed(row);
    if (!keep(server)) continue;
    newest.push(server);
    if (newest.length > limit) newest.shift();
  }
  return newest.reverse();
}

function listed(row: Record<string, string>): ListedServer {
  return {
    name: row['server']!,
    status: row['status']!,
    flavor: row['flavor']!,
    image: row['image']!,
    host: row['host'] === '' ? null : row['host']!,
    project: row['project']!,
    updated: Number(row['updated']),
    deleted: row['deleted'] !== '',
    row,
  };
}

/** A server's state as events.csv tells it, up to a time. */
interface Replayed {
  status: string;
  vmState: string;
  taskState: string;
  powerState: string;
  host: string;
  created: number;
  updated: number;
}

const EVENT_COLUMNS = ['time', 'server', 'host', 'action', 'outcome', 'status', 'vm_state', 'task_state', 'power_state'] as const;

/**
 * The servers as they stood at `time`: events.csv is read up to that time
 * (its rows are in time order) and each server keeps its last state. The
 * flavor, image and project are those of servers.csv (a resize's flavor is
 * the one it ended with).
 */
export async function serversAt(dir: string, time: number, query: ServerQuery, limit: number): Promise<ListedServer[]> {
  const events = await openCsv(dir, 'events.csv', EVENT_COLUMNS);
  const col = (name: (typeof EVENT_COLUMNS)[number]): number => events.columns.get(name)!;
  const [t, s, h, a, o, st, vm, task, power] = EVENT_COLUMNS.map(col) as [number, number, number, number, number, number, number, number, number];
  const states = new Map<string, Replayed>();
  for await (const f of events.records()) {
    const at = Number(f[t]);
    if (at > time) break;
    const name = f[s]!;
    if (name === '') continue; // a host's row
    const known = states.get(name);
    if (known === undefined) {
      if (f[a] === 'create' && f[o] === 'accepted') states.set(name, { status: f[st]!, vmState: f[vm]!, taskState: f[task]!, powerState: f[power]!, host: f[h]!, created: at, updated: at });
      continue;
    }
    if (f[o] === 'rejected') continue; // a refused request changes nothing
    Object.assign(known, { status: f[st]!, vmState: f[vm]!, taskState: f[task]!, powerState: f[power]!, host: f[h]!, updated: at });
  }
  const statics = await staticFields(dir, states);
  const keep = matcher(query);
  const found: ListedServer[] = [];
  for (const [name, state] of states) {
    const info = statics.get(name) ?? { project: '', flavor: '', image: '' };
    const row = {
      server: name, project: info.project, host: state.host, status: state.status, vm_state: state.vmState, task_state: state.taskState,
      power_state: state.powerState, flavor: info.flavor, image: info.image, created: String(state.created), updated: String(state.updated),
    };
    const server = { ...listed({ ...row, deleted: state.status === 'DELETED' ? String(state.updated) : '' }), row };
    if (keep(server)) found.push(server);
  }
  // Newest first: creation time, then the later created (events are in creation order at one time).
  return found.reverse().sort((x, y) => Number(y.row['created']) - Number(x.row['created'])).slice(0, limit);
}

/** Project, flavor and image of the servers named, from servers.csv. */
async function staticFields(dir: string, wanted: ReadonlyMap<string, unknown>): Promise<Map<string, { project: string; flavor: string; image: string }>> {
  const csv = await openCsv(dir, 'servers.csv', ['server', 'project', 'flavor', 'image']);
  const [s, p, f, i] = ['server', 'project', 'flavor', 'image'].map((c) => csv.columns.get(c)!) as [number, number, number, number];
  const out = new Map<string, { project: string; flavor: string; image: string }>();
  for await (const row of csv.records()) if (wanted.has(row[s]!)) out.set(row[s]!, { project: row[p]!, flavor: row[f]!, image: row[i]! });
  return out;
}
