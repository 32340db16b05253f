import { serviceUp } from '../../model/host.js';
import type { Operation } from '../operation.js';
import { beginMove, switchToDestination } from './moves.js';

/**
 * Evacuate: rebuild a server of a down host on another host. Nova refuses
 * while the source compute service still counts as up (it cannot tell a
 * dead host from a slow one; fencing is the deployer's job). The source's
 * claim stays until its compute service restarts and destroys the old
 * incarnation. NoValidHost puts the server in ERROR.
 */
export const evacuate: Operation = {
  precheck({ cloud }, server, params) {
    if (server.host === null) return `Instance ${server.uuid} is not ready`;
    const source = cloud.inventory.host(server.host);
    if (serviceUp(source, cloud.now)) return `Compute service of ${source.name} is still in use.`;
    if (params.host !== undefined) {
      const target = cloud.inventory.hostNamed(params.host);
      if (target === undefined) return `Compute host ${params.host} not found.`;
      if (target === source) return "The target host can't be the same one.";
    }
    return null;
  },
  enter({ cloud }, server, run, taskState) {
    if (taskState !== 'rebuilding') return null;
    const target = run.params.host === undefined ? undefined : cloud.inventory.hostNamed(run.params.host);
    const dest = cloud.place(server, server.flavor, [server.host!], target);
    if (typeof dest === 'string') return dest;
    beginMove(cloud, server, 'evacuation', dest, server.flavor);
    switchToDestination(server);
    return null;
  },
  finish({ cloud }, server) {
    const m = server.migration!;
    cloud.inventory.host(m.sourceHost).evacuated.set(server.id, m.oldFlavor);
    server.migration = null;
    server.launchedAt = cloud.now;
  },
  failedVmState: () => 'error',
};
