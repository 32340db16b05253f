import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { placementsJsonl } from '../metrics/writers/placements-jsonl.js';
import { EXIT } from '../run/input-error.js';
import { serverHistory } from '../run/results/server-history.js';
import { readPlacementsOf } from './explain.js';
import { textTable } from './text-table.js';

/**
 * `novasim show DIR SERVER`: one server's history, as `openstack server
 * event list` and `event show` tell it: each request with its outcome and
 * reason, the state changes it made, and the server's placements and
 * moves. Returns the exit code: 1 when the run has no such server.
 */
export async function showCommand(dir: string, server: string, stdout: { write(text: string): unknown }, stderr: { write(text: string): unknown }): Promise<number> {
  const { events, moves } = await serverHistory(dir, server);
  if (events.length === 0) {
    stderr.write(`novasim show: no server '${server}' in ${join(dir, 'events.csv')}\n`);
    return EXIT.failed;
  }
  const requests = events.filter((e) => e.outcome === 'accepted' || e.outcome === 'rejected');
  const changes = events.filter((e) => e.outcome !== 'accepted' && e.outcome !== 'rejected');
  const placements = existsSync(join(dir, placementsJsonl.name)) ? await readPlacementsOf(dir, join(dir, placementsJsonl.name), server) : [];
  // The last row that states the server's state (a host's row about it, such as destroy_evacuated, states none).
  const last = events.findLast((e) => e.status !== '') ?? events.at(-1)!;
  const parts = [
    `server ${server}: ${last.status || 'unknown'} (vm_state ${last.vm_state || '-'}, task_state ${last.task_state || '-'}) on ${last.host || 'no host'} since ${last.time} s\n`,
    `\nrequests (${requests.length}):\n`,
    textTable(['time', 'action', 'outcome', 'http', 'reason'], requests.map((e) => [e.time!, e.action!, e.outcome!, e.http_status ?? '', e.reason ?? '']), [0]),
    `\nstate changes (${changes.length}):\n`,
    textTable(['time', 'action', 'outcome', 'status', 'vm_state', 'task_state', 'host', 'reason'],
      changes.map((e) => [e.time!, e.action!, e.outcome!, e.status!, e.vm_state ?? '', e.task_state ?? '', e.host ?? '', e.reason ?? '']), [0]),
  ];
  if (placements.length > 0) {
    parts.push(`\nplacements (${placements.length}; novasim explain ${dir} ${server} tells how each host was chosen):\n`);
    parts.push(textTable(['time', 'purpose', 'host'], placements.map((p) => [String(p.time), p.purpose, 'host' in p && p.host !== null ? String(p.host) : 'no valid host']), [0]));
  }
  if (moves.length > 0) {
    parts.push(`\nmoves (${moves.length}):\n`);
    parts.push(textTable(['kind', 'source', 'destination', 'start', 'end', 'downtime_s', 'outcome'], moves.map((m) => [m.kind!, m.source ?? '', m.destination ?? '', m.start ?? '', m.end ?? '', m.downtime_s ?? '', m.outcome ?? ''])));
  }
  stdout.write(parts.join(''));
  return EXIT.ok;
}
