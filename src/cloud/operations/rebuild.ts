import type { Image } from '../../model/catalog.js';
import type { Server } from '../../model/server.js';
import type { Operation, OperationContext, Running } from '../operation.js';
import { beginSpawn, landSpawn } from './spawn.js';

/**
 * Rebuild: a new image (or the same one) on the same host; the disk is
 * recreated, so the files on it are the image's plus the rebuild's own
 * personality. The API replaces the metadata at once when the request
 * brings some and sets progress to 0; the spawn shows progress as a
 * build's does, and the guest gets the new admin password (one Nova
 * generates when the request gives none) at its end.
 */
export const rebuild: Operation = {
  precheck({ cloud, extras }, _server, params) {
    if (params.image !== undefined && !cloud.inventory.images.has(params.image)) return `Image ${params.image} could not be found.`;
    return extras.rebuildRefusal(params)?.message ?? null;
  },
  enter(ctx, server, run, taskState) {
    if (taskState === 'rebuilding') {
      ctx.extras.acceptRebuild(server, run.params);
      ctx.extras.progress.end(server, 0);
    }
    return taskState === 'rebuild_spawning' ? beginSpawn(ctx, server, run) : null;
  },
  outcome(ctx, server, run) {
    const image = newImage(ctx, server, run);
    const outcome = landSpawn(ctx, server, image);
    if (outcome !== null) server.image = image; // built, though the password failed
    return outcome;
  },
  finish(ctx, server, run) {
    server.image = newImage(ctx, server, run);
    server.launchedAt = ctx.cloud.now;
    ctx.extras.progress.end(server, 100);
  },
};

const newImage = ({ cloud }: OperationContext, server: Server, run: Running): Image =>
  run.params.image === undefined ? server.image : cloud.inventory.images.get(run.params.image)!;
