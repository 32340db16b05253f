import type { RequestOf } from '../../lifecycle/requests.js';
import type { Operation } from '../operation.js';
import { beginSpawn, landSpawn } from './spawn.js';

/**
 * Rebuild: a new image (or the same one) on the same host; the disk is
 * recreated, so the files on it are the image's plus the rebuild's own
 * personality. The API replaces the metadata at once when the request
 * brings some and sets progress to 0; the spawn shows progress as a
 * build's does, and the guest gets the new admin password (one Nova
 * generates when the request gives none) at its end.
 */
export const rebuild: Operation<undefined, RequestOf<'rebuild'>> = {
  enter(ctx, server, run, taskState) {
    if (taskState === 'rebuilding') {
      ctx.extras.acceptRebuild(server, run.request);
      ctx.extras.progress.end(server, 0);
    }
    return taskState === 'rebuild_spawning' ? beginSpawn(ctx, server, run, taskState) : null;
  },
  outcome(ctx, server, run) {
    const image = run.named.image ?? server.image;
    const outcome = landSpawn(ctx, server, image);
    if (outcome !== null) server.image = image; // built, though the password failed
    return outcome;
  },
  finish(ctx, server, run) {
    server.image = run.named.image ?? server.image;
    server.launchedAt = ctx.cloud.now;
    ctx.extras.progress.end(server, 100);
  },
};
