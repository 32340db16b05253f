import { releaseAddresses } from '../networking.js';
import type { Operation } from '../operation.js';
import { releaseAll, settleMove } from './moves.js';

/** Hard delete (and force_delete, and the reclaim of a soft-deleted server): frees every claim and the server's addresses. */
export const hardDelete: Operation = {
  finish({ cloud }, server) {
    releaseAll(cloud, server);
    releaseAddresses(cloud.inventory, server);
    server.deletedAt = cloud.now;
    server.progress = 0;
    cloud.inventory.forgetName(server);
    cloud.inventory.leaveGroup(server);
  },
};

/**
 * Soft delete (reclaim_instance_interval > 0): the server keeps its claim
 * until reclaimed. A resize awaiting confirmation is confirmed first, as
 * Nova's _confirm_resize_on_deleting does, freeing the source host; a move
 * still in flight is abandoned.
 */
export const softDelete: Operation = {
  finish({ cloud }, server) {
    settleMove(cloud, server);
    server.deletedAt = cloud.now;
  },
  settled({ periodic }, server) {
    periodic.scheduleReclaim(server);
  },
};

/** Restore: the server counts against its project's quota again (the API checked there is room). */
export const restore: Operation = {
  finish(_ctx, server) {
    server.deletedAt = null;
  },
};
