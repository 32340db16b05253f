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
  precheck({ cloud }, server, params) {
    if (params.flavor === undefined) return null; // migrate
    const flavor = cloud.inventory.flavors.get(params.flavor);
    if (flavor === undefined) return `Flavor ${params.flavor} could not be found.`;
    if (flavor.id === server.flavor.id) return 'When resizing, instances must change flavor!';
    return null;
  },
  enter({ cloud }, server, run, taskState) {
    if (taskState !== 'resize_prep') return null;
    const flavor = run.params.flavor === undefined ? server.flavor : cloud.inventory.flavors.get(run.params.flavor)!;
    const target = run.params.host === undefined ? undefined : cloud.inventory.hostNamed(run.params.host);
    const dest = cloud.place(server, flavor, ignoredForMove(server, cloud.config.allow_resize_to_same_host), target);
    if (typeof dest === 'string') return dest;
    beginMove(cloud, server, run.rule === 'migrate' ? 'migration' : 'resize', dest, flavor);
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

export const confirmResize: Operation = {
  precheck: needsFinishedMove,
  enter(_ctx, server) {
    server.migration!.status = 'confirming';
    return null;
  },
  finish({ cloud }, server) {
    const prior = priorOf(server.migration?.priorVmState);
    dropSource(cloud, server);
    return prior;
  },
};

export const revertResize: Operation = {
  precheck: needsFinishedMove,
  enter(_ctx, server) {
    server.migration!.status = 'reverting';
    return null;
  },
  finish({ cloud }, server) {
    const prior = priorOf(server.migration?.priorVmState);
    dropDestination(cloud, server);
    return prior;
  },
};
