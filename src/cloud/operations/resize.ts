import type { RequestOf } from '../../lifecycle/requests.js';
import { coldCopy } from '../../migration/cold.js';
import type { Transfer } from '../../migration/transfer.js';
import type { Server } from '../../model/server.js';
import type { Cloud } from '../cloud.js';
import type { Operation } from '../operation.js';
import { beginMove, dropDestination, dropSource, ignoredForMove, switchToDestination } from './moves.js';

/**
 * The disk copy of resize_migrating (src/migration/cold.ts): the old flavor's
 * disk at the slower of the two hosts' links; nothing crosses the network on
 * shared storage, for a volume-backed server, or when the move stays on its host.
 */
function diskCopyOf(cloud: Cloud, server: Server): Transfer {
  const m = server.migration!;
  const source = cloud.inventory.host(m.sourceHost);
  const dest = cloud.inventory.host(m.destHost);
  return coldCopy({
    diskGb: m.oldFlavor.diskGb,
    bandwidthMbS: Math.min(source.migrationBandwidthMbS, dest.migrationBandwidthMbS),
    sharedStorage: source.sharedStorage || source === dest,
    volumeBacked: server.bootFromVolume,
  });
}

/**
 * Resize and cold migration (a resize to the same flavor): the conductor
 * schedules a destination during resize_prep; in resize_migrating the source
 * powers the guest off and copies its disk (that step lasts its share of the
 * sampled duration plus the copy); finish_resize powers it on at the
 * destination, and the server ends in VERIFY_RESIZE holding both claims until
 * confirmed or reverted. A failed schedule leaves the server as it was, with
 * the fault recorded. The move's row in migrations.csv closes at the confirm
 * or revert.
 */
export const resize: Operation<undefined, RequestOf<'resize' | 'migrate'>> = {
  enter({ cloud }, server, run, taskState) {
    if (taskState === 'resize_migrating') {
      // migrate_disk_and_power_off: a running guest stops here until finish_resize.
      if (server.powerState === 'running') cloud.moves.guestOff(server);
      cloud.moves.carried(server, { dataMb: diskCopyOf(cloud, server).dataMb });
      return null;
    }
    if (taskState !== 'resize_prep') return null;
    const kind = run.rule === 'migrate' ? 'migration' : 'resize';
    cloud.moves.open(server, kind, run.acceptedAt);
    const flavor = run.named.flavor ?? server.flavor; // a migrate keeps the flavor
    const ignore = ignoredForMove(server, cloud.config.allow_resize_to_same_host);
    const placed = cloud.place(server, flavor, { purpose: kind === 'migration' ? 'migrate' : 'resize', ignore, target: run.named.target });
    if (typeof placed === 'string') return placed;
    beginMove(cloud, server, kind, placed.host, flavor);
    return null;
  },
  copySeconds({ cloud }, server, _run, taskState) {
    return taskState === 'resize_migrating' && server.migration !== null ? diskCopyOf(cloud, server).seconds : 0;
  },
  finish({ cloud }, server) {
    switchToDestination(server);
    cloud.moves.guestOn(server);
    cloud.moves.landed(server);
  },
  settled({ periodic }, server) {
    periodic.scheduleAutoConfirm(server);
  },
  failed({ cloud }, server) {
    cloud.moves.close(server, 'failed');
  },
};

/** A failed confirm or revert leaves the move awaiting a decision again. */
const backToFinished = (_ctx: unknown, server: Server): void => {
  if (server.migration !== null) server.migration.status = 'finished';
};

/** Confirm is the source compute's work (its row's compute): it destroys the old copy there. */
export const confirmResize: Operation = {
  enter(_ctx, server) {
    server.migration!.status = 'confirming';
    return null;
  },
  failed: backToFinished,
  finish({ cloud }, server) {
    dropSource(cloud, server);
    cloud.moves.close(server, 'confirmed');
  },
};

export const revertResize: Operation = {
  // The destination destroys its copy and the source powers the original on again: the guest is off meanwhile.
  enter({ cloud }, server) {
    server.migration!.status = 'reverting';
    if (server.powerState === 'running') cloud.moves.guestOff(server);
    return null;
  },
  failed: backToFinished,
  finish({ cloud }, server) {
    dropDestination(cloud, server);
    cloud.moves.guestOn(server);
    cloud.moves.close(server, 'reverted');
  },
};
