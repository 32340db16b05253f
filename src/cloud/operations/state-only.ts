import type { Operation } from '../operation.js';

/** Lock records who locked: an owner's lock is a no-op if already locked; an admin's takes over. */
export const lock: Operation = {
  finish(_ctx, server, run) {
    if (server.locked && !run.asAdmin) return;
    server.locked = true;
    server.lockedBy = run.asAdmin ? 'admin' : 'owner';
  },
};

/** Unlock (whether an owner may lift an admin's lock is a policy check, in the API). */
export const unlock: Operation = {
  finish(_ctx, server) {
    server.locked = false;
    server.lockedBy = null;
  },
};

/** os-resetState: sets vm_state to active or error and clears the task, nothing else. */
export const resetState: Operation = {
  keepsPowerState: true,
  finish(_ctx, _server, run) {
    return run.params.state ?? 'error';
  },
};

/** Backup keeps the newest `rotation` backups of its type (the compute manager's _rotate_backups). */
export const backup: Operation = {
  precheck: (_ctx, server) => (server.bootFromVolume ? 'Backup is not supported for volume-backed instances.' : null),
  finish({ cloud }, server, run) {
    const type = run.params.backup_type ?? 'daily';
    const rotation = run.params.rotation ?? 1;
    server.backups.push({ type, createdAt: cloud.now });
    const ofType = server.backups.filter((b) => b.type === type);
    const excess = new Set(ofType.slice(0, Math.max(0, ofType.length - rotation)));
    server.backups = server.backups.filter((b) => !excess.has(b));
  },
};
