import { describe, expect, it } from 'vitest';
import { guard, type GuardView } from '../../../src/lifecycle/admit.js';
import { policyRefusal } from '../../../src/lifecycle/refusal.js';
import { ACTIONS, type RuleName } from '../../../src/lifecycle/server-actions.js';
import { ACTION_NAMES } from '../../../src/lifecycle/requests.js';
import { TASK_STATES, VM_STATES, type TaskState, type VmState } from '../../../src/model/states.js';

const UUID = '00000000-0000-4000-8000-00000000002a';
const RULES = Object.keys(ACTIONS) as RuleName[];

const view = (vmState: VmState, more: Partial<GuardView> = {}): GuardView => ({
  uuid: UUID,
  vmState,
  taskState: null,
  locked: false,
  launchedAt: 100,
  ...more,
});

const vmRefusal = (api: string, state: string): string => `Cannot '${api}' instance ${UUID} while it is in vm_state ${state}`;
const taskRefusal = (api: string, state: string): string => `Cannot '${api}' instance ${UUID} while it is in task_state ${state}`;
const LOCKED = `Instance ${UUID} is locked`;

/**
 * Nova's guards, written out from research/nova/action-rules.md §3 and §7
 * (check_instance_state / check_instance_lock decorators, policy defaults),
 * independently of the table in src/lifecycle/server-actions.ts.
 */
type Tasks = 'none' | 'any' | readonly TaskState[];
interface NovaGuard {
  readonly api: string;
  readonly vm: readonly VmState[] | 'any';
  readonly task: Tasks;
  readonly launched: boolean;
  readonly lock: boolean;
  readonly admin: boolean;
}
const ALLOW_HARD_REBOOT: VmState[] = ['active', 'stopped', 'paused', 'suspended', 'error'];
const ALLOW_REBOOT: TaskState[] = [
  null, 'rebooting', 'reboot_pending', 'reboot_started', 'resuming', 'rebooting_hard', 'unpausing', 'pausing', 'suspending',
];
const SNAPSHOTTABLE: VmState[] = ['active', 'stopped', 'paused', 'suspended'];
const g = (api: string, vm: NovaGuard['vm'], more: Partial<NovaGuard> = {}): NovaGuard => ({
  api, vm, task: 'none', launched: true, lock: true, admin: false, ...more,
});
const FREE = { task: 'any', launched: false, lock: false } as const;

const NOVA: Record<RuleName, NovaGuard> = {
  create: g('create', 'any', FREE),
  reboot: g('reboot', ['active']),
  reboot_hard: g('reboot', ALLOW_HARD_REBOOT, { task: ALLOW_REBOOT }),
  rebuild: g('rebuild', ['active', 'stopped', 'error']),
  evacuate: g('evacuate', ['active', 'stopped', 'error'], { lock: false, admin: true }),
  resize: g('resize', ['active', 'stopped']),
  migrate: g('migrate', ['active', 'stopped'], { admin: true }),
  confirm_resize: g('confirmResize', ['resized']),
  revert_resize: g('revertResize', ['resized']),
  live_migrate: g('os-migrateLive', ['active', 'paused'], { admin: true }),
  pause: g('pause', ['active']),
  unpause: g('unpause', ['paused']),
  suspend: g('suspend', ['active']),
  resume: g('resume', ['suspended']),
  snapshot: g('createImage', SNAPSHOTTABLE, { lock: false }),
  backup: g('createBackup', SNAPSHOTTABLE, { lock: false }),
  start: g('os-start', ['stopped']),
  stop: g('os-stop', ['active', 'error']),
  delete: g('delete', 'any', { task: 'any', launched: false }),
  soft_delete: g('delete', 'any', { task: 'any' }),
  restore: g('restore', ['soft-delete']),
  force_delete: g('forceDelete', 'any', { task: 'any', launched: false }),
  shelve: g('shelve', SNAPSHOTTABLE),
  shelve_offload: g('shelveOffload', ['shelved'], { admin: true }),
  unshelve: g('unshelve', ['shelved', 'shelved_offloaded']),
  lock: g('lock', 'any', FREE),
  unlock: g('unlock', 'any', FREE),
  rescue: g('rescue', ['active', 'stopped', 'error']),
  unrescue: g('unrescue', ['rescued']),
  set_admin_password: g('changePassword', ['active']),
  reset_state: g('os-resetState', 'any', { ...FREE, admin: true }),
  // PUT /servers/{id}: ServersController.update expects only 404 (no lock or state check).
  update_server: g('update', 'any', FREE),
  // nova/compute/api.py update_instance_metadata: lock-guarded, vm_state active/paused/suspended/stopped, task_state=None (any)
  update_metadata: g('update metadata', ['active', 'paused', 'suspended', 'stopped'], { task: 'any' }),
  set_metadata: g('update metadata', ['active', 'paused', 'suspended', 'stopped'], { task: 'any' }),
};

const allowedVm = (name: RuleName): readonly VmState[] => {
  const vm = NOVA[name].vm;
  return vm === 'any' ? VM_STATES : vm;
};
const allowsTask = (name: RuleName, task: TaskState): boolean => {
  const t = NOVA[name].task;
  return t === 'any' || (t === 'none' ? task === null : t.includes(task));
};

describe('ACTIONS table: the guards match Nova', () => {
  it('has one row per API action, plus reboot_hard and soft_delete', () => {
    expect([...RULES].sort()).toEqual(Object.keys(NOVA).sort());
    expect(ACTION_NAMES).not.toContain('reboot_hard');
    expect(ACTION_NAMES).not.toContain('soft_delete');
    expect([...ACTION_NAMES, 'reboot_hard', 'soft_delete'].sort()).toEqual([...RULES].sort());
  });

  it.each(RULES)('%s: api name, vm_states, task_states, launched_at, lock and policy', (name) => {
    const rule = ACTIONS[name];
    const nova = NOVA[name];
    expect(rule.api).toBe(nova.api);
    expect(rule.vmStates === 'any' ? 'any' : [...rule.vmStates].sort()).toEqual(nova.vm === 'any' ? 'any' : [...nova.vm].sort());
    const tasks = rule.taskStates === 'any' ? 'any' : rule.taskStates.length === 1 && rule.taskStates[0] === null ? 'none' : rule.taskStates;
    expect(tasks).toEqual(nova.task);
    expect(rule.mustHaveLaunched).toBe(nova.launched);
    expect(rule.lockGuarded).toBe(nova.lock);
    expect(rule.adminOnly).toBe(nova.admin);
    expect(rule.policy.startsWith('os_compute_api:')).toBe(true);
  });

  it.each(RULES)('%s: its path uses real task_states and its shares sum to 1', (name) => {
    const path = ACTIONS[name].path;
    for (const [task] of path) expect([null, ...TASK_STATES]).toContain(task);
    if (path.length > 0) expect(path.reduce((sum, [, share]) => sum + share, 0)).toBeCloseTo(1, 9);
  });

  it('the API sets the task_state Nova sets on acceptance', () => {
    const first = (name: RuleName): TaskState | undefined => ACTIONS[name].path[0]?.[0];
    expect(first('reboot')).toBe('rebooting');
    expect(first('reboot_hard')).toBe('rebooting_hard');
    expect(first('rebuild')).toBe('rebuilding');
    expect(first('evacuate')).toBe('rebuilding');
    expect(first('resize')).toBe('resize_prep');
    expect(first('migrate')).toBe('resize_prep');
    expect(first('confirm_resize')).toBe(null); // the Victoria API sets no task_state
    expect(first('revert_resize')).toBe('resize_reverting');
    expect(first('live_migrate')).toBe('migrating');
    expect(first('snapshot')).toBe('image_snapshot_pending');
    expect(first('backup')).toBe('image_backup');
    expect(first('start')).toBe('powering-on');
    expect(first('stop')).toBe('powering-off');
    expect(first('delete')).toBe('deleting');
    expect(first('soft_delete')).toBe('soft-deleting');
    expect(first('force_delete')).toBe('deleting');
    expect(first('restore')).toBe('restoring');
    expect(first('shelve')).toBe('shelving');
    expect(first('shelve_offload')).toBe('shelving_offloading');
    expect(first('unshelve')).toBe('unshelving');
    expect(first('rescue')).toBe('rescuing');
    expect(first('unrescue')).toBe('unrescuing');
    expect(first('set_admin_password')).toBe('updating_password');
    expect(first('create')).toBe('scheduling');
    expect(ACTIONS.lock.path).toEqual([]);
    expect(ACTIONS.unlock.path).toEqual([]);
    expect(ACTIONS.reset_state.path).toEqual([]);
  });
});

describe('guard: vm_state', () => {
  const cases = RULES.flatMap((name) => VM_STATES.map((vm) => [name, vm] as const));

  it.each(cases)('%s in vm_state %s', (name, vm) => {
    const asAdmin = NOVA[name].admin;
    const result = guard(view(vm), name, asAdmin);
    if (allowedVm(name).includes(vm)) {
      expect(result).toBeNull();
    } else {
      expect(result).toEqual({ status: 409, message: vmRefusal(NOVA[name].api, vm) });
    }
  });

  it("rejects with Nova's exact text", () => {
    expect(guard(view('stopped'), 'pause', false)).toEqual({
      status: 409,
      message: "Cannot 'pause' instance 00000000-0000-4000-8000-00000000002a while it is in vm_state stopped",
    });
    expect(guard(view('active'), 'confirm_resize', false)).toEqual({
      status: 409,
      message: "Cannot 'confirmResize' instance 00000000-0000-4000-8000-00000000002a while it is in vm_state active",
    });
    expect(guard(view('soft-delete'), 'start', false)).toEqual({ status: 409, message: vmRefusal('os-start', 'soft-delete') });
  });
});

describe('guard: task_state', () => {
  const cases = RULES.filter((name) => NOVA[name].task !== 'any').flatMap((name) =>
    [null, ...TASK_STATES].map((task) => [name, allowedVm(name)[0]!, task] as const),
  );

  it.each(cases)('%s in %s with task_state %s', (name, vm, task) => {
    const result = guard(view(vm, { taskState: task }), name, NOVA[name].admin);
    if (allowsTask(name, task)) expect(result).toBeNull();
    else expect(result).toEqual({ status: 409, message: taskRefusal(NOVA[name].api, String(task)) });
  });

  it('rows with task_state=None (any) accept mid-task', () => {
    for (const name of ['delete', 'soft_delete', 'force_delete', 'lock', 'unlock', 'reset_state', 'update_server'] as const) {
      for (const task of TASK_STATES) expect(guard(view('active', { taskState: task }), name, true)).toBeNull();
    }
  });

  it("a hard reboot is accepted during a soft reboot's rebooting; a soft one is not", () => {
    expect(guard(view('active', { taskState: 'rebooting' }), 'reboot_hard', false)).toBeNull();
    expect(guard(view('active', { taskState: 'reboot_started' }), 'reboot_hard', false)).toBeNull();
    expect(guard(view('active', { taskState: 'rebooting' }), 'reboot', false)).toEqual({
      status: 409,
      message: taskRefusal('reboot', 'rebooting'),
    });
    // ALLOW_REBOOT has rebooting_hard but not its later steps
    expect(guard(view('active', { taskState: 'reboot_pending_hard' }), 'reboot_hard', false)).toEqual({
      status: 409,
      message: taskRefusal('reboot', 'reboot_pending_hard'),
    });
  });

  it('a pause is rejected during spawning with the task_state message', () => {
    expect(guard(view('active', { taskState: 'spawning' }), 'pause', false)).toEqual({
      status: 409,
      message: `Cannot 'pause' instance ${UUID} while it is in task_state spawning`,
    });
  });

  it('vm_state is checked before task_state', () => {
    expect(guard(view('stopped', { taskState: 'spawning' }), 'pause', false)).toEqual({
      status: 409,
      message: vmRefusal('pause', 'stopped'),
    });
  });
});

describe('guard: launched_at', () => {
  it.each(RULES)('%s with launched_at None', (name) => {
    const result = guard(view(allowedVm(name)[0]!, { launchedAt: null }), name, NOVA[name].admin);
    if (NOVA[name].launched) {
      expect(result).toEqual({ status: 409, message: `Cannot '${NOVA[name].api}' instance ${UUID} while it is in launched_at None` });
    } else {
      expect(result).toBeNull();
    }
  });

  it('task_state is checked before launched_at', () => {
    expect(guard(view('active', { taskState: 'pausing', launchedAt: null }), 'pause', false)).toEqual({
      status: 409,
      message: taskRefusal('pause', 'pausing'),
    });
  });

  it('launched at time 0 counts as launched', () => {
    expect(guard(view('active', { launchedAt: 0 }), 'pause', false)).toBeNull();
  });
});

describe('guard: lock', () => {
  const guarded = RULES.filter((name) => NOVA[name].lock);
  const unguarded = RULES.filter((name) => !NOVA[name].lock);

  it('exactly create, snapshot, backup, evacuate, reset_state, lock, unlock and update_server ignore the lock', () => {
    expect([...unguarded].sort()).toEqual(['backup', 'create', 'evacuate', 'lock', 'reset_state', 'snapshot', 'unlock', 'update_server']);
  });

  it.each(guarded)('%s on a locked server: non-admin rejected, admin passes', (name) => {
    const locked = view(allowedVm(name)[0]!, { locked: true });
    const asOwner = guard(locked, name, false);
    if (NOVA[name].admin) expect(asOwner).not.toBeNull();
    else expect(asOwner).toEqual({ status: 409, message: LOCKED });
    expect(guard(locked, name, true)).toBeNull();
  });

  it.each(unguarded)('%s on a locked server passes', (name) => {
    const locked = view(allowedVm(name)[0]!, { locked: true });
    expect(guard(locked, name, NOVA[name].admin)).toBeNull();
    expect(guard(locked, name, true)).toBeNull();
  });

  it("the lock is checked before the state, with Nova's text", () => {
    expect(guard(view('stopped', { locked: true }), 'pause', false)).toEqual({
      status: 409,
      message: 'Instance 00000000-0000-4000-8000-00000000002a is locked',
    });
    // an admin bypasses the lock and meets the state check
    expect(guard(view('stopped', { locked: true }), 'pause', true)).toEqual({ status: 409, message: vmRefusal('pause', 'stopped') });
  });
});

describe('guard: admin-only policy', () => {
  const POLICIES: Partial<Record<RuleName, string>> = {
    evacuate: 'os_compute_api:os-evacuate',
    migrate: 'os_compute_api:os-migrate-server:migrate',
    live_migrate: 'os_compute_api:os-migrate-server:migrate_live',
    shelve_offload: 'os_compute_api:os-shelve:shelve_offload',
    reset_state: 'os_compute_api:os-admin-actions:reset_state',
  };

  it('exactly evacuate, migrate, live_migrate, shelve_offload and reset_state are admin-only', () => {
    expect(RULES.filter((name) => ACTIONS[name].adminOnly).sort()).toEqual(Object.keys(POLICIES).sort());
  });

  it.each(Object.entries(POLICIES))('%s: a non-admin gets the 403 policy message', (name, policy) => {
    const rule = name as RuleName;
    const expected = `Policy doesn't allow ${policy} to be performed.`;
    expect(policyRefusal(policy)).toEqual({ status: 403, message: expected });
    expect(guard(view(allowedVm(rule)[0]!), rule, false)).toEqual({ status: 403, message: expected });
    expect(guard(view(allowedVm(rule)[0]!), rule, true)).toBeNull();
  });

  it('policy is checked first (before lock and state)', () => {
    expect(guard(view('deleted', { locked: true, taskState: 'deleting' }), 'migrate', false)).toEqual({
      status: 403,
      message: "Policy doesn't allow os_compute_api:os-migrate-server:migrate to be performed.",
    });
  });

  it('owner actions are not policy-refused to non-admins', () => {
    for (const name of RULES.filter((n) => !NOVA[n].admin)) {
      expect(guard(view(allowedVm(name)[0]!), name, false)).toBeNull();
    }
  });
});

/**
 * How each action ends, fails and survives a host failure, written out from
 * Nova (compute/api.py, compute/manager.py _init_instance) independently of
 * the rows.
 */
describe('ACTIONS table: outcomes match Nova', () => {
  it('exactly lock, unlock, update_server and the metadata calls are done by the API alone', () => {
    expect(RULES.filter((name) => ACTIONS[name].apiOnly).sort()).toEqual(['lock', 'set_metadata', 'unlock', 'update_metadata', 'update_server']);
    for (const name of RULES.filter((n) => ACTIONS[n].apiOnly)) expect(ACTIONS[name].path).toEqual([]);
  });

  it('a failed build or evacuation ends in ERROR; any other failure leaves the vm_state it had', () => {
    expect(RULES.filter((name) => ACTIONS[name].onFailure === 'error').sort()).toEqual(['create', 'evacuate']);
  });

  it('the final vm_state of the moves: resized, then as before the move at the confirm or revert', () => {
    expect([ACTIONS.resize.final, ACTIONS.migrate.final]).toEqual(['resized', 'resized']);
    expect([ACTIONS.confirm_resize.final, ACTIONS.revert_resize.final]).toEqual(['as_before_move', 'as_before_move']);
    expect([ACTIONS.rebuild.final, ACTIONS.evacuate.final]).toEqual(['keep_stopped', 'keep_stopped']);
    expect([ACTIONS.live_migrate.final, ACTIONS.snapshot.final, ACTIONS.backup.final]).toEqual(['unchanged', 'unchanged', 'unchanged']);
  });

  it('os-resetState sets the state asked for and touches neither task nor power state beyond that', () => {
    expect(ACTIONS.reset_state).toMatchObject({ final: 'requested', powerState: 'keep', path: [] });
    expect(RULES.filter((name) => ACTIONS[name].powerState === 'keep')).toEqual(['reset_state']);
  });

  it("confirm_resize is the source compute's work (it destroys the old copy there)", () => {
    expect(RULES.filter((name) => ACTIONS[name].compute === 'source')).toEqual(['confirm_resize']);
  });

  /** _init_instance: these task_states are retried, these put the server in ERROR; any other is cleared. */
  const RETRIED: readonly TaskState[] = [
    'deleting', 'soft-deleting', 'rebooting', 'reboot_pending', 'reboot_started', 'rebooting_hard', 'reboot_pending_hard', 'reboot_started_hard',
    'powering-off', 'powering-on',
  ];
  const ERRORED: readonly TaskState[] = ['scheduling', 'networking', 'block_device_mapping', 'spawning', 'rebuilding', 'rebuild_block_device_mapping', 'rebuild_spawning'];

  // _init_instance: `vm_state == BUILDING or task_state in [SCHEDULING, BLOCK_DEVICE_MAPPING, NETWORKING, SPAWNING]` -> ERROR.
  it.each(RULES)("%s: init_host's answer to each step follows its vm_state and task_state", (name) => {
    const building = name === 'create';
    for (const [task, , initHost = 'clear'] of ACTIONS[name].path) {
      const nova = RETRIED.includes(task) ? 'retry' : building || ERRORED.includes(task) ? 'error' : 'clear';
      expect(initHost, `${name} ${task}`).toBe(nova);
    }
  });
});
