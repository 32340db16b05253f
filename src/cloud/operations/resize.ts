import { serviceUp } from '../../model/host.js';
import type { VmState } from '../../model/states.js';
import type { Operation } from '../operation.js';
import { beginMove, dropDestination, dropSource, ignoredForMove, switchToDestination } from './moves.js';

/**
 * Resize and cold migration (a resize to the same flavor): the conductor
 * schedules a destination during resize_prep; the server ends in
 * VERIFY_RESIZE holding both claims until confirmed or reverted. A failed
 * schedule leaves the server as it was, with the fault recorded.
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
    if (taskState !== 'resize_prep') return null;
    const flavor = run.params.flavor === undefined ? server.flavor : cloud.inventory.flavors.get(run.params.flavor)!;
    const target = run.params.host === undefined ? undefined : cloud.inventory.hostNamed(run.params.host);
    const ignore = ignoredForMove(server, cloud.config.allow_resize_to_same_host);
    const placed = cloud.place(server, flavor, { purpose: run.rule, ignore, target });
    if (typeof placed === 'string') return placed;
    beginMove(cloud, server, run.rule === 'migrate' ? 'migration' : 'resize', placed.host, flavor);
    return null;
  },
  finish(_ctx, server) {
    switchToDestination(server);
    return 'resized';
  },
  settled({ periodic }, server) {
    periodic.scheduleAutoConfirm(server);
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
    return prior;
  },
};

export const revertResize: Operation = {
  // A revert of a resize down is an upsize: it may go over quota (nova/compute/api.py revert_resize).
  precheck: (ctx, server, params) =>
    needsFinishedMove(ctx, server, params) ??
    (server.migration === null ? null : ctx.extras.quotas.upsizeRefusal(server.project, server.flavor, server.migration.oldFlavor)?.message ?? null),
  enter(_ctx, server) {
    server.migration!.status = 'reverting';
    return null;
  },
  failed: backToFinished,
  finish({ cloud }, server) {
    const prior = priorOf(server.migration?.priorVmState);
    dropDestination(cloud, server);
    return prior;
  },
};
