import type { Operation } from '../operation.js';
import { beginMove, dropSource, switchToDestination } from './moves.js';

/**
 * Live migration: the conductor picks a destination (or checks the one an
 * admin named), both hosts hold the server while memory is copied, then the
 * source is released. vm_state does not change (ACTIVE or PAUSED throughout,
 * shown as MIGRATING). The pre-copy cost model belongs to src/migration.
 */
export const liveMigrate: Operation = {
  precheck({ cloud }, server, params) {
    if (params.host === undefined) return null;
    const target = cloud.inventory.hostNamed(params.host);
    if (target === undefined) return `Compute host ${params.host} could not be found.`;
    if (target.id === server.host) return `Unable to migrate instance (${server.uuid}) to current host (${target.name}).`;
    return null;
  },
  enter({ cloud }, server, run) {
    const target = run.params.host === undefined ? undefined : cloud.inventory.hostNamed(run.params.host);
    const placed = cloud.place(server, server.flavor, { purpose: 'live_migrate', ignore: [server.host!], target });
    if (typeof placed === 'string') return placed;
    beginMove(cloud, server, 'live-migration', placed.host, server.flavor);
    return null;
  },
  finish({ cloud }, server) {
    switchToDestination(server);
    dropSource(cloud, server);
  },
};
