import { isoTime } from '../../metrics/writers/iso-time.js';
import type { Server } from '../../model/server.js';
import { reply } from '../http/exchange.js';
import { allows, type Compute, type ComputeCall } from './context.js';
import { policyFault } from './faults.js';
import { atLeast } from './microversion.js';
import { route, type ComputeRoute } from './routes.js';

/** The model's move kinds as Nova's migration_type (2.23) names them. */
const TYPES = { resize: 'resize', migration: 'migration', 'live-migration': 'live-migration', evacuation: 'evacuation' } as const;

/** Nova's migration status for a move in flight (a live migration "running" while it copies). */
function statusOf(s: Server): string {
  const move = s.migration!;
  if (move.status === 'migrating') return move.kind === 'live-migration' ? 'running' : move.kind === 'evacuation' ? 'pre-migrating' : 'migrating';
  return move.status;
}

/**
 * GET /os-migrations: the moves in flight and the resizes awaiting
 * confirmation, as the servers hold them (novasim keeps no table of ended
 * moves here: migrations.csv has them). Filters host, status,
 * instance_uuid and migration_type (2.23) as Nova's.
 */
function list(c: Compute, call: ComputeCall) {
  if (!allows(call.who, 'admin')) return policyFault('os_compute_api:os-migrations:index');
  const now = c.cloud.catchUp();
  const { inventory } = c.nova.cloud;
  const q = call.query;
  const migrations = inventory.servers
    .filter((s) => s.migration !== null && s.vmState !== 'deleted')
    .map((s) => {
      const move = s.migration!;
      const source = inventory.host(move.sourceHost).name;
      const dest = inventory.host(move.destHost).name;
      const view: Record<string, unknown> = {
        id: s.id + 1,
        status: statusOf(s),
        instance_uuid: s.uuid,
        source_node: source,
        dest_node: dest,
        source_compute: source,
        dest_compute: dest,
        dest_host: null,
        source_region: 'RegionOne',
        dest_region: 'RegionOne',
        old_instance_type_id: move.oldFlavor.id + 1,
        new_instance_type_id: move.newFlavor.id + 1,
        created_at: isoTime(s.updatedAt, true),
        updated_at: isoTime(now, true),
      };
      if (atLeast(call.version, '2.23')) view['migration_type'] = TYPES[move.kind];
      return view;
    })
    .filter((m) => (q.get('host') === null || m['source_compute'] === q.get('host') || m['dest_compute'] === q.get('host')) &&
      (q.get('status') === null || m['status'] === q.get('status')) &&
      (q.get('instance_uuid') === null || m['instance_uuid'] === q.get('instance_uuid')) &&
      (q.get('migration_type') === null || m['migration_type'] === q.get('migration_type')));
  return reply(200, { migrations });
}

export const migrationRoutes = (): ComputeRoute[] => [route('GET', 'os-migrations', list)];
