import { ACTIONS } from '../../lifecycle/server-actions.js';
import { coldCopy } from '../../migration/cold.js';
import type { Transfer } from '../../migration/transfer.js';
import { serviceUp } from '../../model/host.js';
import type { Server } from '../../model/server.js';
import type { VmState } from '../../model/states.js';
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
export const resize: Operation = {
  precheck({ cloud, extras }, server, params) {
    if (params.flavor === undefined) return null; // migrate
    const flavor = cloud.inventory.flavors.get(params.flavor);
    if (flavor === undefined) return `Flavor ${params.flavor} could not be found.`;
    if (flavor.id === server.flavor.id) return 'When resizing, instances must change flavor!';
    return extras.quotas.upsizeRefusal(server.project, server.flavor, flavor)?.message ?? null;
  },
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
    const flavor = run.params.flavor === undefined ? server.flavor : cloud.inventory.flavors.get(run.params.flavor)!;
    const target = run.params.host === undefined ? undefined : cloud.inventory.hostNamed(run.params.host);
    const ignore = ignoredForMove(server, cloud.config.allow_resize_to_same_host);
    const placed = cloud.place(server, flavor, { purpose: run.rule, ignore, target });
    if (typeof placed === 'string') return placed;
    beginMove(cloud, server, kind, placed.host, flavor);
    return null;
  },
  extraTime({ cloud }, server, run) {
    return ACTIONS[run.rule].path[run.step]?.[0] === 'resize_migrating' && server.migration !== null ? diskCopyOf(cloud, server).seconds : 0;
  },
  finish({ cloud }, server) {
    switchToDestination(server);
    cloud.moves.guestOn(server);
    cloud.moves.landed(server);
    return 'resized';
  },
  settled({ periodic }, server) {
    periodic.scheduleAutoConfirm(server);
  },
  failed({ cloud }, server) {
    cloud.moves.close(server, 'failed');
  },
};

const priorOf = (vmState: VmState | undefined): VmState => (vmState === 'stopped' ? 'stopped' : 'active');

const needsFinishedMove: Operation['precheck'] = (_ctx, server) =>
  server.migration?.status === 'finished' ? null : 'Instance has not been resized.';

/** A failed confirm or revert leaves the move awaiting a decision again. */
const backToFinished: Operation['failed'] = (_ctx, server) => {
  if (server.migration !== null) server.migration.status = 'finished';
};

/** Confirm is the source compute's work: it destroys the old copy there, so its service must be up. */
export const confirmResize: Operation = {
  precheck(ctx, server, params) {
    const refusal = needsFinishedMove(ctx, server, params);
    if (refusal !== null) return refusal;
    return serviceUp(ctx.cloud.inventory.host(server.migration!.sourceHost), ctx.cloud.now) ? null : 'Service is unavailable at this time.';
  },
  computeHost: (server) => server.migration?.sourceHost ?? server.host,
  enter(_ctx, server) {
    server.migration!.status = 'confirming';
    return null;
  },
  failed: backToFinished,
  finish({ cloud }, server) {
    const prior = priorOf(server.migration?.priorVmState);
    dropSource(cloud, server);
    cloud.moves.close(server, 'confirmed');
    return prior;
  },
};

export const revertResize: Operation = {
  // A revert of a resize down is an upsize: it may go over quota (nova/compute/api.py revert_resize).
  precheck: (ctx, server, params) =>
    needsFinishedMove(ctx, server, params) ??
    (server.migration === null ? null : ctx.extras.quotas.upsizeRefusal(server.project, server.flavor, server.migration.oldFlavor)?.message ?? null),
  // The destination destroys its copy and the source powers the original on again: the guest is off meanwhile.
  enter({ cloud }, server) {
    server.migration!.status = 'reverting';
    if (server.powerState === 'running') cloud.moves.guestOff(server);
    return null;
  },
  failed: backToFinished,
  finish({ cloud }, server) {
    const prior = priorOf(server.migration?.priorVmState);
    dropDestination(cloud, server);
    cloud.moves.guestOn(server);
    cloud.moves.close(server, 'reverted');
    return prior;
  },
};
