import type { Operations } from '../operation.js';
import { create } from './create.js';
import { hardDelete, restore, softDelete } from './delete.js';
import { evacuate } from './evacuate.js';
import { liveMigrate } from './live-migrate.js';
import { confirmResize, resize, revertResize } from './resize.js';
import { shelve, shelveOffload, unshelve } from './shelve.js';
import { updateMetadata, setMetadata } from './metadata.js';
import { rebuild } from './rebuild.js';
import { setAdminPassword } from './set-admin-password.js';
import { backup, lock, rescue, snapshot, unlock } from './state-only.js';
import { updateServer } from './update-server.js';

/** Table rows whose action does more than change states: the effects each makes. */
export const OPERATIONS: Operations = {
  create,
  delete: hardDelete,
  force_delete: hardDelete,
  soft_delete: softDelete,
  restore,
  resize,
  migrate: resize,
  confirm_resize: confirmResize,
  revert_resize: revertResize,
  live_migrate: liveMigrate,
  evacuate,
  rebuild,
  shelve,
  shelve_offload: shelveOffload,
  unshelve,
  lock,
  unlock,
  backup,
  rescue,
  snapshot,
  update_server: updateServer,
  set_admin_password: setAdminPassword,
  update_metadata: updateMetadata,
  set_metadata: setMetadata,
};
