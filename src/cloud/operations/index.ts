import type { RuleName } from '../../lifecycle/server-actions.js';
import type { Operation } from '../operation.js';
import { create } from './create.js';
import { hardDelete, restore, softDelete } from './delete.js';
import { evacuate } from './evacuate.js';
import { liveMigrate } from './live-migrate.js';
import { confirmResize, resize, revertResize } from './resize.js';
import { shelve, shelveOffload, unshelve } from './shelve.js';
import { backup, lock, rebuild, resetState, unlock } from './state-only.js';

/** Table rows whose action does more than change states. */
export const OPERATIONS: Readonly<Partial<Record<RuleName, Operation>>> = {
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
  reset_state: resetState,
  backup,
};
