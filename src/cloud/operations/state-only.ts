import type { RequestOf } from '../../lifecycle/requests.js';
import type { Operation } from '../operation.js';

/** Lock records who locked: an owner's lock is a no-op if already locked; an admin's takes over. */
export const lock: Operation = {
  finish(_ctx, server, run) {
    if (server.locked && !run.request.asAdmin) return;
    server.locked = true;
    server.lockedBy = run.request.asAdmin ? 'admin' : 'owner';
  },
};

/** Unlock (whether an owner may lift an admin's lock is the API's check). */
export const unlock: Operation = {
  finish(_ctx, server) {
    server.locked = false;
    server.lockedBy = null;
  },
};

/** Backup keeps the newest `rotation` backups of its type (the compute manager's _rotate_backups). */
export const backup: Operation<undefined, RequestOf<'backup'>> = {
  finish({ cloud }, server, run) {
    const { backup_type: type, rotation } = run.request;
    server.backups.push({ type, createdAt: cloud.now });
    const ofType = server.backups.filter((b) => b.type === type);
    const excess = new Set(ofType.slice(0, Math.max(0, ofType.length - rotation)));
    server.backups = server.backups.filter((b) => !excess.has(b));
  },
};

/** Rescue: once the rescue is done (Nova sets launched_at then), rescue_timeout later _poll_rescued_instances unrescues it. */
export const rescue: Operation = {
  settled({ periodic }, server) {
    periodic.scheduleUnrescue(server);
  },
};

/**
 * createImage: the compute manager sets task_state image_snapshot, then
 * waits for one of the host's max_concurrent_snapshots slots (its
 * snapshot semaphore) before it snapshots and uploads. A backup, and the
 * snapshot a shelve takes, do not use the semaphore.
 */
export const snapshot: Operation = {
  copySeconds({ snapshots }, server, _run, taskState) {
    if (taskState !== 'image_snapshot' || server.host === null) return 0;
    return snapshots.acquire(server, server.host) ? 0 : null;
  },
  finish: ({ snapshots }, server) => snapshots.leave(server),
  failed: ({ snapshots }, server) => snapshots.leave(server),
  superseded: ({ snapshots }, server) => snapshots.leave(server),
};
