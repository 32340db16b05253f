/**
 * Nova's own state strings. vm_state: nova/compute/vm_states.py;
 * task_state: nova/compute/task_states.py; power_state: nova/compute/power_state.py.
 */
export const VM_STATES = [
  'active',
  'building',
  'paused',
  'suspended',
  'stopped',
  'rescued',
  'resized',
  'soft-delete',
  'deleted',
  'error',
  'shelved',
  'shelved_offloaded',
] as const;
export type VmState = (typeof VM_STATES)[number];

export const TASK_STATES = [
  // creation
  'scheduling',
  'block_device_mapping',
  'networking',
  'spawning',
  // snapshot and backup
  'image_snapshot',
  'image_snapshot_pending',
  'image_pending_upload',
  'image_uploading',
  'image_backup',
  // set_admin_password
  'updating_password',
  // resize and cold migration
  'resize_prep',
  'resize_migrating',
  'resize_migrated',
  'resize_finish',
  'resize_reverting',
  'resize_confirming',
  // reboot
  'rebooting',
  'reboot_pending',
  'reboot_started',
  'rebooting_hard',
  'reboot_pending_hard',
  'reboot_started_hard',
  // pause, suspend, power
  'pausing',
  'unpausing',
  'suspending',
  'resuming',
  'powering-off',
  'powering-on',
  // rescue
  'rescuing',
  'unrescuing',
  // rebuild and evacuate
  'rebuilding',
  'rebuild_block_device_mapping',
  'rebuild_spawning',
  // live migration
  'migrating',
  // delete and restore
  'deleting',
  'soft-deleting',
  'restoring',
  // shelving
  'shelving',
  'shelving_image_pending_upload',
  'shelving_image_uploading',
  'shelving_offloading',
  'unshelving',
] as const;
/** null is Nova's None: no task in progress. */
export type TaskState = (typeof TASK_STATES)[number] | null;

/** power_state names as Nova's power_state.STATE_MAP prints them, with their integer codes. */
export const POWER_STATE_CODES = {
  pending: 0,
  running: 1,
  paused: 3,
  shutdown: 4,
  crashed: 6,
  suspended: 7,
} as const;
export type PowerState = keyof typeof POWER_STATE_CODES;
