import type { TaskState, VmState } from '../model/states.js';

/** The API status strings (the `status` field of a server). */
export type Status =
  | 'ACTIVE'
  | 'BUILD'
  | 'DELETED'
  | 'ERROR'
  | 'HARD_REBOOT'
  | 'MIGRATING'
  | 'PASSWORD'
  | 'PAUSED'
  | 'REBOOT'
  | 'REBUILD'
  | 'RESCUE'
  | 'RESIZE'
  | 'REVERT_RESIZE'
  | 'SHELVED'
  | 'SHELVED_OFFLOADED'
  | 'SHUTOFF'
  | 'SOFT_DELETED'
  | 'SUSPENDED'
  | 'UNKNOWN'
  | 'VERIFY_RESIZE';

export const STATUSES: readonly Status[] = [
  'ACTIVE', 'BUILD', 'DELETED', 'ERROR', 'HARD_REBOOT', 'MIGRATING', 'PASSWORD', 'PAUSED', 'REBOOT',
  'REBUILD', 'RESCUE', 'RESIZE', 'REVERT_RESIZE', 'SHELVED', 'SHELVED_OFFLOADED', 'SHUTOFF',
  'SOFT_DELETED', 'SUSPENDED', 'UNKNOWN', 'VERIFY_RESIZE',
];

type TaskOverrides = Partial<Record<Exclude<TaskState, null>, Status>>;

const REBOOT: TaskOverrides = { rebooting: 'REBOOT', reboot_pending: 'REBOOT', reboot_started: 'REBOOT' };
const HARD_REBOOT: TaskOverrides = {
  rebooting_hard: 'HARD_REBOOT',
  reboot_pending_hard: 'HARD_REBOOT',
  reboot_started_hard: 'HARD_REBOOT',
};
const REBUILD: TaskOverrides = {
  rebuilding: 'REBUILD',
  rebuild_block_device_mapping: 'REBUILD',
  rebuild_spawning: 'REBUILD',
};
const RESIZE: TaskOverrides = {
  resize_prep: 'RESIZE',
  resize_migrating: 'RESIZE',
  resize_migrated: 'RESIZE',
  resize_finish: 'RESIZE',
};

/**
 * Nova's _STATE_MAP (nova/api/openstack/common.py): per vm_state a default
 * status and the task_states that override it.
 */
// prettier-ignore
const STATE_MAP: Readonly<Record<VmState, { readonly default: Status; readonly tasks: TaskOverrides }>> = {
  'active':            { default: 'ACTIVE', tasks: { ...REBOOT, ...HARD_REBOOT, updating_password: 'PASSWORD', ...REBUILD, migrating: 'MIGRATING', ...RESIZE } },
  'building':          { default: 'BUILD', tasks: {} },
  'stopped':           { default: 'SHUTOFF', tasks: { ...RESIZE, ...REBUILD } },
  'resized':           { default: 'VERIFY_RESIZE', tasks: { resize_reverting: 'REVERT_RESIZE' } },
  'paused':            { default: 'PAUSED', tasks: { migrating: 'MIGRATING' } },
  'suspended':         { default: 'SUSPENDED', tasks: {} },
  'rescued':           { default: 'RESCUE', tasks: {} },
  'error':             { default: 'ERROR', tasks: { ...REBUILD } },
  'deleted':           { default: 'DELETED', tasks: {} },
  'soft-delete':       { default: 'SOFT_DELETED', tasks: {} },
  'shelved':           { default: 'SHELVED', tasks: {} },
  'shelved_offloaded': { default: 'SHELVED_OFFLOADED', tasks: {} },
};

/**
 * The API status of a server, as nova.api.openstack.common.status_from_state
 * computes it. A vm_state Nova has no row for gives UNKNOWN.
 */
export function statusOf(vmState: VmState, taskState: TaskState): Status {
  const row = STATE_MAP[vmState] as (typeof STATE_MAP)[VmState] | undefined;
  if (row === undefined) return 'UNKNOWN';
  return (taskState !== null ? row.tasks[taskState] : undefined) ?? row.default;
}
