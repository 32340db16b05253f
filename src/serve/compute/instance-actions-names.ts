import type { ActionName } from '../../lifecycle/requests.js';

/**
 * Per request, the instance action Nova records (nova/compute/instance_actions.py)
 * and the event of the compute manager method that does the work (none for
 * what the API does alone). Requests Nova records no action for are absent.
 */
// prettier-ignore
export const INSTANCE_ACTIONS: Partial<Record<ActionName, readonly [action: string, event: string | null]>> = {
  create:             ['create', 'compute__do_build_and_run_instance'],
  reboot:             ['reboot', 'compute_reboot_instance'],
  rebuild:            ['rebuild', 'compute_rebuild_instance'],
  evacuate:           ['evacuate', 'compute_rebuild_instance'],
  resize:             ['resize', 'compute_prep_resize'],
  migrate:            ['migrate', 'compute_prep_resize'],
  confirm_resize:     ['confirmResize', 'compute_confirm_resize'],
  revert_resize:      ['revertResize', 'compute_revert_resize'],
  live_migrate:       ['live-migration', 'compute_live_migration'],
  pause:              ['pause', 'compute_pause_instance'],
  unpause:            ['unpause', 'compute_unpause_instance'],
  suspend:            ['suspend', 'compute_suspend_instance'],
  resume:             ['resume', 'compute_resume_instance'],
  snapshot:           ['createImage', 'compute_snapshot_instance'],
  backup:             ['createBackup', 'compute_backup_instance'],
  start:              ['start', 'compute_start_instance'],
  stop:               ['stop', 'compute_stop_instance'],
  delete:             ['delete', 'compute_terminate_instance'],
  restore:            ['restore', 'compute_restore_instance'],
  force_delete:       ['forceDelete', 'compute_terminate_instance'],
  shelve:             ['shelve', 'compute_shelve_instance'],
  shelve_offload:     ['shelveOffload', 'compute_shelve_offload_instance'],
  unshelve:           ['unshelve', 'compute_unshelve_instance'],
  lock:               ['lock', null],
  unlock:             ['unlock', null],
  rescue:             ['rescue', 'compute_rescue_instance'],
  unrescue:           ['unrescue', 'compute_unrescue_instance'],
  set_admin_password: ['changePassword', 'compute_set_admin_password'],
  reset_state:        ['resetState', null],
};
