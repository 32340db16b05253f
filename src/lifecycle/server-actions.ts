import type { TaskState, VmState } from '../model/states.js';
import type { CheckName } from './checks.js';
import type { ActionName } from './requests.js';

/**
 * Nova's contract for every server action, in two tables read side by side:
 * ACTIONS (what the API checks, the task_states the work walks through, how
 * it ends, fails, and what init_host does if a host failure interrupts it)
 * and REQUESTS (what the request carries). `admit` in admit.ts applies a
 * row and its request in Nova's order; cloud/execute-action.ts walks it.
 */

/**
 * What init_host does with a step a host failure interrupted
 * (manager._init_instance): `retry` the step (reboot, power on or off,
 * delete); `error`: ERROR (a build, a rebuild); `clear`: task_state back
 * to None, vm_state as when accepted.
 */
export type InitHost = 'retry' | 'error' | 'clear';

/** One task_state of an action's path, the share of the action's duration spent in it, and init_host's answer to it (default clear). */
export type Step = readonly [taskState: TaskState, share: number, initHost?: InitHost];

/**
 * Where the vm_state ends when the action completes: a fixed state, the state
 * it had (`unchanged`), `keep_stopped` (stopped if the server was stopped
 * when the action was accepted, else active), `as_before_move` (the same, of
 * the state before the resize or migration a confirm or revert ends) or
 * `requested` (the state os-resetState names, error by default).
 */
export type FinalVmState = VmState | 'unchanged' | 'keep_stopped' | 'as_before_move' | 'requested';

/** check_instance_host: 'set' needs a host; 'up' also needs its service UP or MAINTENANCE. */
export type HostCheck = 'none' | 'set' | 'up';

/** One row per API action: Nova's guard for it, the states it walks through, and how it ends. */
export interface ActionRule {
  /** The key of the API request body (or the verb), as Nova's 409 messages name it. */
  readonly api: string;
  /** The policy rule Nova checks; `adminOnly` says whether its default allows only admins. */
  readonly policy: string;
  readonly adminOnly: boolean;
  /** check_instance_lock: a locked server refuses the action unless the caller is an admin. */
  readonly lockGuarded: boolean;
  /** check_instance_state(vm_state=...); 'any' is Nova's vm_state=None. */
  readonly vmStates: readonly VmState[] | 'any';
  /** check_instance_state(task_state=...); the decorator's default is [None]; 'any' is task_state=None. */
  readonly taskStates: readonly TaskState[] | 'any';
  readonly mustHaveLaunched: boolean;
  readonly host: HostCheck;
  /** The API's own checks after the decorators, in Nova's order (checks.ts words each). */
  readonly checks: readonly CheckName[];
  /** Done by the API alone, in its database: no task_state, no compute; whatever the server is doing goes on. */
  readonly apiOnly: boolean;
  /** The compute service that does the work: the server's host, or the source of the move it ends (confirm_resize). */
  readonly compute: 'host' | 'source';
  /** The task_states in order; the first is set by the API on acceptance. Empty: done at once. */
  readonly path: readonly Step[];
  readonly final: FinalVmState;
  /** power_state at the end: the one the final vm_state implies, or left alone (os-resetState touches only vm_state and task_state). */
  readonly powerState: 'settle' | 'keep';
  /** vm_state when the action fails: ERROR, or the vm_state it had when accepted. */
  readonly onFailure: 'error' | 'as_before';
}

const ANY = 'any' as const;
const NONE: readonly TaskState[] = [null];

/** task_states.ALLOW_REBOOT: a hard reboot may interrupt these. */
const ALLOW_REBOOT: readonly TaskState[] = [
  null, 'rebooting', 'reboot_pending', 'reboot_started', 'resuming', 'rebooting_hard', 'unpausing', 'pausing', 'suspending',
];

/** nova/compute/api.py update_instance_metadata: check_instance_state(vm_state=[ACTIVE, PAUSED, SUSPENDED, STOPPED], task_state=None). */
const METADATA_STATES: readonly VmState[] = ['active', 'paused', 'suspended', 'stopped'];

type Task = Exclude<TaskState, null>;
const one = (state: Task, initHost?: InitHost): Step[] => [initHost ? [state, 1, initHost] : [state, 1]];
const even = (initHost: InitHost, ...states: Task[]): Step[] => states.map((s) => [s, 1 / states.length, initHost] as const);
/**
 * An interrupted build or rebuild ends in ERROR, as Nova's _init_instance
 * errors any BUILDING server; that includes the claim step, where a build
 * also waits for its host's max_concurrent_builds slot.
 */
const BUILD_PATH: Step[] = [['scheduling', 0.04, 'error'], [null, 0.01, 'error'], ['networking', 0.1, 'error'], ['block_device_mapping', 0.05, 'error'], ['spawning', 0.8, 'error']];
const REBUILD_PATH: Step[] = [['rebuilding', 0.1, 'error'], ['rebuild_block_device_mapping', 0.1, 'error'], ['rebuild_spawning', 0.8, 'error']];
const RESIZE_PATH: Step[] = [['resize_prep', 0.05], ['resize_migrating', 0.75], ['resize_migrated', 0.05], ['resize_finish', 0.15]];
/** Done at once and in any state, by anyone who may call it, locked or not. */
const FREE = { vmStates: ANY, taskStates: ANY, lockGuarded: false, mustHaveLaunched: false } as const;

/** The common case: owner policy, lock-guarded, no task in progress, launched, no host check, done by the host's compute. */
const row = (api: string, policy: string, vmStates: readonly VmState[], path: Step[], final: FinalVmState, more: Partial<ActionRule> = {}): ActionRule => ({
  api, policy: `os_compute_api:${policy}`, adminOnly: false, lockGuarded: true, vmStates, taskStates: NONE, mustHaveLaunched: true,
  host: 'none', checks: [], apiOnly: false, compute: 'host', path, final, powerState: 'settle', onFailure: 'as_before', ...more,
});

/**
 * Rows as nova/compute/api.py's check_instance_lock / check_instance_state /
 * check_instance_host decorators, the API methods' own checks and
 * nova/policies defaults give them; paths as the compute manager walks them.
 * Sources: research/nova/action-rules.md.
 */
// prettier-ignore
export const ACTIONS: Readonly<Record<RuleName, ActionRule>> = {
  create:             row('create', 'servers:create', [], BUILD_PATH, 'active', { ...FREE, onFailure: 'error' }),
  reboot:             row('reboot', 'servers:reboot', ['active'], even('retry', 'rebooting', 'reboot_pending', 'reboot_started'), 'active'),
  reboot_hard:        row('reboot', 'servers:reboot', ['active', 'stopped', 'paused', 'suspended', 'error'],
                          even('retry', 'rebooting_hard', 'reboot_pending_hard', 'reboot_started_hard'), 'active', { taskStates: ALLOW_REBOOT }),
  rebuild:            row('rebuild', 'servers:rebuild', ['active', 'stopped', 'error'], REBUILD_PATH, 'keep_stopped', { checks: ['new_image_exists', 'rebuild_within_limits'] }),
  // Nova's evacuate looks the source's service up rather than checking the host; without a host there is none to look up.
  evacuate:           row('evacuate', 'os-evacuate', ['active', 'stopped', 'error'], REBUILD_PATH, 'keep_stopped',
                          { adminOnly: true, lockGuarded: false, host: 'set', checks: ['source_service_down', 'evacuation_target_exists', 'target_is_not_source'], onFailure: 'error' }),
  resize:             row('resize', 'servers:resize', ['active', 'stopped'], RESIZE_PATH, 'resized',
                          { host: 'up', checks: ['new_flavor_exists', 'flavor_changes', 'upsize_within_quota'] }),
  migrate:            row('migrate', 'os-migrate-server:migrate', ['active', 'stopped'], RESIZE_PATH, 'resized', { host: 'up', adminOnly: true }),
  confirm_resize:     row('confirmResize', 'servers:confirm_resize', ['resized'], [[null, 1]], 'as_before_move',
                          { checks: ['move_awaits_confirm', 'source_service_up'], compute: 'source' }),
  revert_resize:      row('revertResize', 'servers:revert_resize', ['resized'], one('resize_reverting'), 'as_before_move', { checks: ['move_awaits_confirm', 'revert_within_quota'] }),
  live_migrate:       row('os-migrateLive', 'os-migrate-server:migrate_live', ['active', 'paused'], one('migrating'), 'unchanged',
                          { adminOnly: true, checks: ['live_target_exists', 'not_to_current_host'] }),
  pause:              row('pause', 'os-pause-server:pause', ['active'], one('pausing'), 'paused'),
  unpause:            row('unpause', 'os-pause-server:unpause', ['paused'], one('unpausing'), 'active'),
  suspend:            row('suspend', 'os-suspend-server:suspend', ['active'], one('suspending'), 'suspended'),
  resume:             row('resume', 'os-suspend-server:resume', ['suspended'], one('resuming'), 'active'),
  snapshot:           row('createImage', 'servers:create_image', ['active', 'stopped', 'paused', 'suspended'],
                          [['image_snapshot_pending', 0.05], ['image_snapshot', 0.15], ['image_pending_upload', 0.05], ['image_uploading', 0.75]],
                          'unchanged', { lockGuarded: false }),
  backup:             row('createBackup', 'os-create-backup', ['active', 'stopped', 'paused', 'suspended'],
                          [['image_backup', 0.2], ['image_pending_upload', 0.05], ['image_uploading', 0.75]], 'unchanged',
                          { lockGuarded: false, checks: ['not_volume_backed'] }),
  start:              row('os-start', 'servers:start', ['stopped'], one('powering-on', 'retry'), 'active', { host: 'set' }),
  stop:               row('os-stop', 'servers:stop', ['active', 'error'], one('powering-off', 'retry'), 'stopped', { host: 'set' }),
  delete:             row('delete', 'servers:delete', [], one('deleting', 'retry'), 'deleted', { vmStates: ANY, taskStates: ANY, mustHaveLaunched: false }),
  soft_delete:        row('delete', 'servers:delete', [], one('soft-deleting', 'retry'), 'soft-delete', { vmStates: ANY, taskStates: ANY }),
  restore:            row('restore', 'os-deferred-delete:restore', ['soft-delete'], one('restoring'), 'active', { checks: ['restore_within_quota'] }),
  force_delete:       row('forceDelete', 'os-deferred-delete:force', [], one('deleting', 'retry'), 'deleted', { vmStates: ANY, taskStates: ANY, mustHaveLaunched: false }),
  shelve:             row('shelve', 'os-shelve:shelve', ['active', 'stopped', 'paused', 'suspended'],
                          [['shelving', 0.1], ['shelving_image_pending_upload', 0.05], ['shelving_image_uploading', 0.85]], 'shelved'),
  shelve_offload:     row('shelveOffload', 'os-shelve:shelve_offload', ['shelved'], one('shelving_offloading'), 'shelved_offloaded', { adminOnly: true }),
  unshelve:           row('unshelve', 'os-shelve:unshelve', ['shelved', 'shelved_offloaded'], [['unshelving', 0.2], ['spawning', 0.8, 'error']], 'active'),
  lock:               row('lock', 'os-lock-server:lock', [], [], 'unchanged', { ...FREE, apiOnly: true }),
  // An owner may not lift an admin's lock: the unlock_override policy (admin by default) is checked too.
  unlock:             row('unlock', 'os-lock-server:unlock', [], [], 'unchanged', { ...FREE, apiOnly: true, checks: ['may_override_lock'] }),
  rescue:             row('rescue', 'os-rescue', ['active', 'stopped', 'error'], one('rescuing'), 'rescued'),
  unrescue:           row('unrescue', 'os-unrescue', ['rescued'], one('unrescuing'), 'active'),
  set_admin_password: row('changePassword', 'os-admin-password', ['active'], one('updating_password'), 'unchanged'),
  reset_state:        row('os-resetState', 'os-admin-actions:reset_state', [], [], 'requested', { ...FREE, adminOnly: true, powerState: 'keep' }),
  // PUT /servers/{id}: no lock or state check (ServersController.update expects only 404).
  update_server:      row('update', 'servers:update', [], [], 'unchanged', { ...FREE, apiOnly: true }),
  // POST and PUT /servers/{id}/metadata: update_instance_metadata's guards (task_state=None there means any task).
  update_metadata:    row('update metadata', 'server-metadata:create', METADATA_STATES, [], 'unchanged', { taskStates: ANY, apiOnly: true, checks: ['merged_metadata_within_limit'] }),
  set_metadata:       row('update metadata', 'server-metadata:update_all', METADATA_STATES, [], 'unchanged', { taskStates: ANY, apiOnly: true, checks: ['metadata_within_limit'] }),
};

/** Table rows: the API actions, with reboot split by type and delete by reclaim mode, as Nova splits them. */
export type RuleName = ActionName | 'reboot_hard' | 'soft_delete';
