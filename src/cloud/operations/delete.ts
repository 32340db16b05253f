import type { Operation } from '../operation.js';
import { releaseAll } from './moves.js';

/** Hard delete (and force_delete, and the reclaim of a soft-deleted server): frees every claim. */
export const hardDelete: Operation = {
  finish({ cloud }, server) {
    releaseAll(cloud, server);
    server.deletedAt = cloud.now;
    server.progress = 0;
    cloud.inventory.forgetName(server);
  },
};

/** Soft delete (reclaim_instance_interval > 0): the server keeps its claims until reclaimed. */
export const softDelete: Operation = {
  finish({ cloud }, server) {
    server.deletedAt = cloud.now;
  },
  settled({ periodic }, server) {
    periodic.scheduleReclaim(server);
  },
};

export const restore: Operation = {
  finish(_ctx, server) {
    server.deletedAt = null;
  },
};
