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
