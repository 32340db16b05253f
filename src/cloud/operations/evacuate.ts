import type { Operation } from '../operation.js';
import type { Server } from '../../model/server.js';
import type { Cloud } from '../cloud.js';
import { beginMove, switchToDestination } from './moves.js';

/**
 * The old incarnation's claim stays on the source until its compute service
 * restarts. The new incarnation's disk: a volume-backed server or one on
 * shared storage keeps its data; a local disk is rebuilt blank. If the
 * source still runs the old incarnation (cut off, not fenced) and both use
 * the same volume, the two write to it at once: a split brain.
 */
function leaveSourceToInitHost(cloud: Cloud, server: Server): void {
  const m = server.migration!;
  const source = cloud.inventory.host(m.sourceHost);
  source.evacuated.set(server.id, m.oldFlavor);
  server.migration = null;
  const sharedDisk = server.bootFromVolume || source.sharedStorage;
  if (!sharedDisk) server.ephemeralLostGb += m.oldFlavor.diskGb;
  if (sharedDisk && source.alive) {
    source.splitBrain.add(server.id);
    cloud.hostFact(source, 'split_brain_start', 'transition', 'two incarnations write to one volume', server);
  }
}

/**
 * Evacuate: rebuild a server of a down host on another host (the API
 * refuses while the source's compute service still counts as up). The
 * source's claim stays until its compute service restarts and destroys the
 * old incarnation. NoValidHost puts the server in ERROR (its row's onFailure).
 */
export const evacuate: Operation = {
  enter({ cloud }, server, run, taskState) {
    if (taskState !== 'rebuilding') return null;
    cloud.moves.open(server, 'evacuation', run.acceptedAt);
    // The server is rebuilt: one that should run does not until the rebuild ends.
    if (run.priorVmState === 'active') cloud.moves.guestOff(server);
    const placed = cloud.place(server, server.flavor, { purpose: 'evacuate', ignore: [server.host!], target: run.named.target });
    if (typeof placed === 'string') return placed;
    beginMove(cloud, server, 'evacuation', placed.host, server.flavor);
    switchToDestination(server);
    return null;
  },
  finish({ cloud }, server) {
    leaveSourceToInitHost(cloud, server);
    server.launchedAt = cloud.now;
    cloud.moves.guestOn(server);
    cloud.moves.landed(server);
    cloud.moves.close(server, 'completed');
  },
  // The rebuild on the destination failed, but the server already points there: the
  // source's claim still goes to the source's init_host, or it would never be released.
  failed({ cloud }, server) {
    if (server.migration?.kind === 'evacuation' && server.migration.switched) leaveSourceToInitHost(cloud, server);
    cloud.moves.close(server, 'failed');
  },
};
