import type { TaskState, VmState } from '../model/states.js';

/** What names an action in scenario files, events.csv and summary.json. */
export type ActionName =
  | 'create' | 'reboot' | 'rebuild' | 'evacuate' | 'resize' | 'confirm_resize' | 'revert_resize'
  | 'pause' | 'unpause' | 'suspend' | 'resume' | 'snapshot' | 'backup' | 'start' | 'stop'
  | 'delete' | 'restore' | 'force_delete' | 'shelve' | 'shelve_offload' | 'unshelve'
  | 'lock' | 'unlock' | 'rescue' | 'unrescue' | 'set_admin_password' | 'migrate' | 'live_migrate'
  | 'reset_state' | 'update_server' | 'update_metadata' | 'set_metadata';

/** Table rows: the API actions, with reboot split by type and delete by reclaim mode, as Nova splits them. */
export type RuleName = ActionName | 'reboot_hard' | 'soft_delete';

/** One task_state of an action's path and the share of the action's duration spent in it. */
export type Step = readonly [taskState: TaskState, share: number];

/**
 * Where the vm_state ends when the action completes: a fixed state, the state
 * it had (`unchanged`), or `keep_stopped`: stopped if the server was stopped
 * before the action (or the move it ends) began, else active.
 */
export type FinalVmState = VmState | 'unchanged' | 'keep_stopped';

/** check_instance_host: 'set' needs a host; 'up' also needs its service UP or MAINTENANCE. */
export type HostCheck = 'none' | 'set' | 'up';

/** One row per API action: Nova's guard for it and the states it walks through. */
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
  /** The task_states in order; the first is set by the API on acceptance. Empty: done at once. */
  readonly path: readonly Step[];
  readonly final: FinalVmState;
}

const ANY = 'any' as const;
const NONE: readonly TaskState[] = [null];

/** task_states.ALLOW_REBOOT: a hard reboot may interrupt these. */
const ALLOW_REBOOT: readonly TaskState[] = [
  null, 'rebooting', 'reboot_pending', 'reboot_started', 'resuming', 'rebooting_hard', 'unpausing', 'pausing', 'suspending',
];

/** nova/compute/api.py update_instance_metadata: check_instance_state(vm_state=[ACTIVE, PAUSED, SUSPENDED, STOPPED], task_state=None). */
const METADATA_STATES: readonly VmState[] = ['active', 'paused', 'suspended', 'stopped'];

const one = (state: Exclude<TaskState, null>): Step[] => [[state, 1]];
const even = (...states: Exclude<TaskState, null>[]): Step[] => states.map((s) => [s, 1 / states.length] as const);
const REBUILD_PATH: Step[] = [['rebuilding', 0.1], ['rebuild_block_device_mapping', 0.1], ['rebuild_spawning', 0.8]];
const RESIZE_PATH: Step[] = [['resize_prep', 0.05], ['resize_migrating', 0.75], ['resize_migrated', 0.05], ['resize_finish', 0.15]];

/** The common case: owner policy, lock-guarded, no task in progress, launched, no host check. */
const row = (api: string, policy: string, vmStates: readonly VmState[], path: Step[], final: FinalVmState, more: Partial<ActionRule> = {}): ActionRule => ({
  api, policy: `os_compute_api:${policy}`, adminOnly: false, lockGuarded: true, vmStates, taskStates: NONE,
  mustHaveLaunched: true, host: 'none', path, final, ...more,
});

/**
 * Rows as nova/compute/api.py's check_instance_lock / check_instance_state /
 * check_instance_host decorators and nova/policies defaults give them; paths
 * as the compute manager walks them. Sources: research/nova/action-rules.md.
 * 'keep_stopped' ends stopped if the server was stopped before, else active.
 */
// prettier-ignore
export const ACTIONS: Readonly<Record<RuleName, ActionRule>> = {
  create:             row('create', 'servers:create', [], [['scheduling', 0.04], [null, 0.01], ['networking', 0.1], ['block_device_mapping', 0.05], ['spawning', 0.8]], 'active',
                          { vmStates: ANY, taskStates: ANY, lockGuarded: false, mustHaveLaunched: false }),
  reboot:             row('reboot', 'servers:reboot', ['active'], even('rebooting', 'reboot_pending', 'reboot_started'), 'active'),
  reboot_hard:        row('reboot', 'servers:reboot', ['active', 'stopped', 'paused', 'suspended', 'error'], even('rebooting_hard', 'reboot_pending_hard', 'reboot_started_hard'), 'active',
                          { taskStates: ALLOW_REBOOT }),
  rebuild:            row('rebuild', 'servers:rebuild', ['active', 'stopped', 'error'], REBUILD_PATH, 'keep_stopped'),
  evacuate:           row('evacuate', 'os-evacuate', ['active', 'stopped', 'error'], REBUILD_PATH, 'keep_stopped', { adminOnly: true, lockGuarded: false }),
  resize:             row('resize', 'servers:resize', ['active', 'stopped'], RESIZE_PATH, 'resized', { host: 'up' }),
  migrate:            row('migrate', 'os-migrate-server:migrate', ['active', 'stopped'], RESIZE_PATH, 'resized', { host: 'up', adminOnly: true }),
  confirm_resize:     row('confirmResize', 'servers:confirm_resize', ['resized'], [[null, 1]], 'keep_stopped'),
  revert_resize:      row('revertResize', 'servers:revert_resize', ['resized'], one('resize_reverting'), 'keep_stopped'),
  live_migrate:       row('os-migrateLive', 'os-migrate-server:migrate_live', ['active', 'paused'], one('migrating'), 'unchanged', { adminOnly: true }),
  pause:              row('pause', 'os-pause-server:pause', ['active'], one('pausing'), 'paused'),
  unpause:            row('unpause', 'os-pause-server:unpause', ['paused'], one('unpausing'), 'active'),
  suspend:            row('suspend', 'os-suspend-server:suspend', ['active'], one('suspending'), 'suspended'),
  resume:             row('resume', 'os-suspend-server:resume', ['suspended'], one('resuming'), 'active'),
  snapshot:           row('createImage', 'servers:create_image', ['active', 'stopped', 'paused', 'suspended'],
                          [['image_snapshot_pending', 0.05], ['image_snapshot', 0.15], ['image_pending_upload', 0.05], ['image_uploading', 0.75]], 'unchanged', { lockGuarded: false }),
  backup:             row('createBackup', 'os-create-backup', ['active', 'stopped', 'paused', 'suspended'],
                          [['image_backup', 0.2], ['image_pending_upload', 0.05], ['image_uploading', 0.75]], 'unchanged', { lockGuarded: false }),
  start:              row('os-start', 'servers:start', ['stopped'], one('powering-on'), 'active', { host: 'set' }),
  stop:               row('os-stop', 'servers:stop', ['active', 'error'], one('powering-off'), 'stopped', { host: 'set' }),
  delete:             row('delete', 'servers:delete', [], one('deleting'), 'deleted', { vmStates: ANY, taskStates: ANY, mustHaveLaunched: false }),
  soft_delete:        row('delete', 'servers:delete', [], one('soft-deleting'), 'soft-delete', { vmStates: ANY, taskStates: ANY }),
  restore:            row('restore', 'os-deferred-delete:restore', ['soft-delete'], one('restoring'), 'active'),
  force_delete:       row('forceDelete', 'os-deferred-delete:force', [], one('deleting'), 'deleted', { vmStates: ANY, taskStates: ANY, mustHaveLaunched: false }),
  shelve:             row('shelve', 'os-shelve:shelve', ['active', 'stopped', 'paused', 'suspended'],
                          [['shelving', 0.1], ['shelving_image_pending_upload', 0.05], ['shelving_image_uploading', 0.85]], 'shelved'),
  shelve_offload:     row('shelveOffload', 'os-shelve:shelve_offload', ['shelved'], one('shelving_offloading'), 'shelved_offloaded', { adminOnly: true }),
  unshelve:           row('unshelve', 'os-shelve:unshelve', ['shelved', 'shelved_offloaded'], [['unshelving', 0.2], ['spawning', 0.8]], 'active'),
  lock:               row('lock', 'os-lock-server:lock', [], [], 'unchanged', { vmStates: ANY, taskStates: ANY, lockGuarded: false, mustHaveLaunched: false }),
  unlock:             row('unlock', 'os-lock-server:unlock', [], [], 'unchanged', { vmStates: ANY, taskStates: ANY, lockGuarded: false, mustHaveLaunched: false }),
  rescue:             row('rescue', 'os-rescue', ['active', 'stopped', 'error'], one('rescuing'), 'rescued'),
  unrescue:           row('unrescue', 'os-unrescue', ['rescued'], one('unrescuing'), 'active'),
  set_admin_password: row('changePassword', 'os-admin-password', ['active'], one('updating_password'), 'unchanged'),
  reset_state:        row('os-resetState', 'os-admin-actions:reset_state', [], [], 'unchanged',
                          { vmStates: ANY, taskStates: ANY, adminOnly: true, lockGuarded: false, mustHaveLaunched: false }),
  // PUT /servers/{id}: no lock or state check (ServersController.update expects only 404).
  update_server:      row('update', 'servers:update', [], [], 'unchanged', { vmStates: ANY, taskStates: ANY, lockGuarded: false, mustHaveLaunched: false }),
  // POST and PUT /servers/{id}/metadata: update_instance_metadata's guards (task_state=None there means any task).
  update_metadata:    row('update metadata', 'server-metadata:create', METADATA_STATES, [], 'unchanged', { taskStates: ANY }),
  set_metadata:       row('update metadata', 'server-metadata:update_all', METADATA_STATES, [], 'unchanged', { taskStates: ANY }),
};

export const ACTION_NAMES = (Object.keys(ACTIONS) as RuleName[]).filter(
  (name): name is ActionName => name !== 'reboot_hard' && name !== 'soft_delete',
);

/** The fields a guard reads. */
export interface GuardView {
  readonly uuid: string;
  readonly vmState: VmState;
  readonly taskState: TaskState;
  readonly locked: boolean;
  readonly launchedAt: number | null;
}

export type Admission = { readonly ok: true; readonly rule: ActionRule } | { readonly ok: false; readonly reason: string };

/**
 * Pure guard, checked in Nova's order: policy (403), then check_instance_lock,
 * then check_instance_state (vm_state, task_state, launched_at), each
 * refusal with Nova's own message.
 */
export function admit(server: GuardView, name: RuleName, asAdmin: boolean): Admission {
  const rule = ACTIONS[name];
  if (rule.adminOnly && !asAdmin) return { ok: false, reason: policyRefusal(rule.policy) };
  if (rule.lockGuarded && server.locked && !asAdmin) return { ok: false, reason: `Instance ${server.uuid} is locked` };
  if (rule.vmStates !== ANY && !rule.vmStates.includes(server.vmState))
    return invalidState(rule.api, server.uuid, 'vm_state', server.vmState);
  if (rule.taskStates !== ANY && !rule.taskStates.includes(server.taskState))
    return invalidState(rule.api, server.uuid, 'task_state', server.taskState ?? 'None');
  if (rule.mustHaveLaunched && server.launchedAt === null) return invalidState(rule.api, server.uuid, 'launched_at', 'None');
  return { ok: true, rule };
}

/** Nova's PolicyNotAuthorized text (HTTP 403). */
export const policyRefusal = (policy: string): string => `Policy doesn't allow ${policy} to be performed.`;

/** common.raise_http_conflict_for_instance_invalid_state's text (HTTP 409). */
function invalidState(action: string, uuid: string, attr: string, state: string): Admission {
  return { ok: false, reason: `Cannot '${action}' instance ${uuid} while it is in ${attr} ${state}` };
}
