import { describe, expect, it } from 'vitest';
import type { ActionParams } from '../../support/tiny-cloud.js';
import { ACTIONS, type RuleName } from '../../../src/lifecycle/server-actions.js';
import { statusOf } from '../../../src/lifecycle/status.js';
import type { Server } from '../../../src/model/server.js';
import type { PowerState, TaskState, VmState } from '../../../src/model/states.js';
import {
  expectedClaims,
  LARGE,
  SMALL,
  STEADY_STATES,
  TinyCloud,
  tinyCloud,
  type SteadyState,
  type SubmittableAction,
} from '../../support/tiny-cloud.js';

/** Soft delete on, shelved servers stay on their host, no auto-confirm. */
const CONFIG = { reclaim_instance_interval: 3600, shelved_offload_time: -1, resize_confirm_window: 0 } as const;

interface Variant {
  readonly label: string;
  readonly action: SubmittableAction;
  readonly rule: RuleName;
  readonly admin: boolean;
  readonly params: (server: Server) => ActionParams;
  /** The vm_state Nova ends in (research/nova/action-rules.md §3), from `from`. */
  readonly final: (from: VmState) => VmState;
}

const v = (
  label: string,
  action: SubmittableAction,
  final: Variant['final'],
  more: Partial<Omit<Variant, 'label' | 'action' | 'final'>> = {},
): Variant => ({ label, action, final, rule: action, admin: false, params: () => ({}), ...more });
const is = (state: VmState) => () => state;
const same = (from: VmState): VmState => from;

const VARIANTS: Variant[] = [
  v('reboot SOFT', 'reboot', is('active'), { params: () => ({ type: 'SOFT' }) }),
  v('reboot HARD', 'reboot', is('active'), { rule: 'reboot_hard', params: () => ({ type: 'HARD' }) }),
  v('rebuild', 'rebuild', (from) => (from === 'stopped' ? 'stopped' : 'active')),
  v('rebuild (new image)', 'rebuild', (from) => (from === 'stopped' ? 'stopped' : 'active'), { params: () => ({ image: 'ubuntu' }) }),
  v('resize', 'resize', is('resized'), { params: (s) => ({ flavor: s.flavor.name === SMALL ? LARGE : SMALL }) }),
  v('migrate', 'migrate', is('resized'), { admin: true }),
  v('confirm_resize', 'confirm_resize', is('active')),
  v('revert_resize', 'revert_resize', is('active')),
  v('live_migrate', 'live_migrate', same, { admin: true }),
  v('pause', 'pause', is('paused')),
  v('unpause', 'unpause', is('active')),
  v('suspend', 'suspend', is('suspended')),
  v('resume', 'resume', is('active')),
  v('snapshot', 'snapshot', same),
  v('backup', 'backup', same, { params: () => ({ backup_type: 'daily', rotation: 2 }) }),
  v('start', 'start', is('active')),
  v('stop', 'stop', is('stopped')),
  // an offloaded server has no compute to ask: the API deletes it locally, soft delete or not
  v('delete (soft)', 'delete', (from) => (from === 'shelved_offloaded' ? 'deleted' : 'soft-delete'), { rule: 'soft_delete' }),
  v('restore', 'restore', is('active')),
  v('force_delete', 'force_delete', is('deleted')),
  v('shelve', 'shelve', is('shelved')),
  v('shelve_offload', 'shelve_offload', is('shelved_offloaded'), { admin: true }),
  v('unshelve', 'unshelve', is('active')),
  v('lock', 'lock', same),
  v('unlock', 'unlock', same),
  v('rescue', 'rescue', is('rescued')),
  v('unrescue', 'unrescue', is('active')),
  v('set_admin_password', 'set_admin_password', same, { params: () => ({ admin_pass: 'Any-Passw0rd' }) }),
  v('reset_state active', 'reset_state', is('active'), { admin: true, params: () => ({ state: 'active' }) }),
  v('reset_state error', 'reset_state', is('error'), { admin: true, params: () => ({ state: 'error' }) }),
];

const FROM: SteadyState[] = STEADY_STATES.filter((s) => s !== 'deleted');
const admits = (rule: RuleName, state: VmState): boolean => {
  const vm = ACTIONS[rule].vmStates;
  return vm === 'any' || vm.includes(state);
};

const POWER: Partial<Record<VmState, PowerState>> = {
  active: 'running',
  rescued: 'running',
  paused: 'paused',
  suspended: 'suspended',
  stopped: 'shutdown',
  shelved: 'shutdown',
  'soft-delete': 'shutdown',
  shelved_offloaded: 'pending',
  deleted: 'pending',
};

function expectConsistent(c: TinyCloud): void {
  const claims = expectedClaims(c.inventory);
  c.inventory.hosts.forEach((h, i) => expect(h.used, h.name).toEqual(claims[i]));
}

const accepted = VARIANTS.flatMap((variant) => FROM.filter((s) => admits(variant.rule, s)).map((s) => [variant.label, s, variant] as const));
const refused = VARIANTS.flatMap((variant) => FROM.filter((s) => !admits(variant.rule, s)).map((s) => [variant.label, s, variant] as const));

describe('each action completes to its final state', () => {
  it.each(accepted)('%s from %s', (_label, from, variant) => {
    const c = tinyCloud({ config: CONFIG });
    const server = c.serverIn(from, 'vm');
    const powerBefore = server.powerState;
    const start = c.rows.length;
    c.act(variant.action, server, variant.params(server), variant.admin);
    const rows = c.rows.slice(start).filter((r) => r.action === variant.action);
    const expected = variant.final(from);

    expect(server.vmState).toBe(expected);
    expect(server.taskState).toBeNull();
    expect(c.busy(server)).toBe(false);
    expect(rows.at(-1)).toMatchObject({ outcome: 'completed', vmState: expected, taskState: null, status: statusOf(expected, null) });
    if (variant.rule === 'reset_state') expect(server.powerState).toBe(powerBefore); // touches vm/task only
    else if (variant.action === 'resize' || variant.action === 'migrate') expect(server.powerState).toBe(powerBefore);
    else if (POWER[expected] !== undefined) expect(server.powerState).toBe(POWER[expected]);

    // the accepted row first (with the API's task_state), then one transition per further step, then completed
    const rule: RuleName = variant.rule === 'soft_delete' && from === 'shelved_offloaded' ? 'delete' : variant.rule;
    const path = ACTIONS[rule].path.map(([task]) => task);
    const walked: [string, TaskState][] = rows.map((r) => [r.outcome, r.taskState]);
    const steps: [string, TaskState][] =
      path.length === 0
        ? [['accepted', null]] // lock, unlock, reset_state: done at once, no task_state
        : path.map((task, i): [string, TaskState] => [i === 0 ? 'accepted' : 'transition', task]);
    expect(walked).toEqual([...steps, ['completed', null]]);
    // vm_state does not change before the completed row
    for (const r of rows.slice(0, -1)) expect(r.vmState).toBe(from);
    expect(rows.at(-1)!.elapsed).toBeCloseTo(rows.at(-1)!.time - rows[0]!.time, 9);
    expectConsistent(c);
  });

  it('delete with reclaim_instance_interval 0 ends DELETED, frees the claim and the name', () => {
    const c = tinyCloud();
    const server = c.create('vm');
    const rows = c.act('delete', server);
    expect(rows.map((r) => [r.outcome, r.taskState, r.status])).toEqual([
      ['accepted', 'deleting', 'ACTIVE'],
      ['completed', null, 'DELETED'],
    ]);
    expect(server.vmState).toBe('deleted');
    expect(server.powerState).toBe('pending');
    expect(server.deletedAt).toBe(c.now);
    expect(server.host).toBeNull();
    expect(c.inventory.used).toEqual({ vcpus: 0, ramMb: 0, diskGb: 0 });
    expect(c.inventory.serverNamed('vm')).toBeUndefined();
  });

  it.each(['stopped', 'paused', 'suspended', 'rescued', 'resized', 'shelved', 'error'] as const)(
    'delete from %s ends DELETED with no claim left',
    (from) => {
      const c = tinyCloud({ config: { shelved_offload_time: -1 } });
      const server = c.serverIn(from, 'vm');
      c.act('delete', server);
      expect(server.vmState).toBe('deleted');
      expect(server.migration).toBeNull();
      expect(c.inventory.used).toEqual({ vcpus: 0, ramMb: 0, diskGb: 0 });
      for (const h of c.inventory.hosts) expect(h.servers.size).toBe(0);
    },
  );

  it('a resize from stopped ends stopped after confirm, and after revert', () => {
    for (const end of ['confirm_resize', 'revert_resize'] as const) {
      const c = tinyCloud();
      const server = c.serverIn('stopped', 'vm');
      c.act('resize', server, { flavor: LARGE });
      expect(server.vmState).toBe('resized');
      expect(server.powerState).toBe('shutdown');
      c.act(end, server);
      expect(server.vmState).toBe('stopped');
      expect(server.powerState).toBe('shutdown');
      expect(server.flavor.name).toBe(end === 'confirm_resize' ? LARGE : SMALL);
    }
  });

  it('rebuild with a new image swaps the image and resets launched_at', () => {
    const c = tinyCloud();
    const server = c.create('vm');
    const launched = server.launchedAt;
    c.runFor(100);
    c.act('rebuild', server, { image: 'ubuntu' });
    expect(server.image.name).toBe('ubuntu');
    expect(server.launchedAt).toBe(c.now);
    expect(server.launchedAt).not.toBe(launched);
  });

  it('a hard reboot interrupts a soft reboot and ends ACTIVE once', () => {
    const c = tinyCloud();
    const server = c.create('vm');
    c.submit('reboot', server, { type: 'SOFT' });
    c.runFor(5);
    expect(server.taskState).toBe('rebooting');
    const verdict = TinyCloud.verdict(c.submit('reboot', server, { type: 'HARD' }));
    expect(verdict).toMatchObject({ outcome: 'accepted', taskState: 'rebooting_hard', status: 'HARD_REBOOT' });
    c.runFor(1000);
    const reboots = c.rowsOf('vm').filter((r) => r.action === 'reboot');
    expect(reboots.filter((r) => r.outcome === 'completed')).toHaveLength(1);
    expect(reboots.at(-1)).toMatchObject({ outcome: 'completed', taskState: null, status: 'ACTIVE', elapsed: 30 });
  });

  it('a soft reboot is rejected during a soft reboot', () => {
    const c = tinyCloud();
    const server = c.create('vm');
    c.submit('reboot', server);
    const verdict = TinyCloud.verdict(c.submit('reboot', server));
    expect(verdict).toMatchObject({
      outcome: 'rejected',
      reason: `Cannot 'reboot' instance ${server.uuid} while it is in task_state rebooting`,
    });
  });
});

describe('a rejected request changes nothing', () => {
  const snapshot = (c: TinyCloud, server: Server): string =>
    JSON.stringify({
      server,
      hosts: c.inventory.hosts.map((h) => ({ used: h.used, servers: [...h.servers], evacuated: [...h.evacuated] })),
      used: c.inventory.used,
      pending: c.sim.pending,
      busy: c.busy(server),
    });

  it.each(refused)('%s from %s', (_label, from, variant) => {
    const c = tinyCloud({ config: CONFIG });
    const server = c.serverIn(from, 'vm');
    const before = snapshot(c, server);
    const rows = c.submit(variant.action, server, variant.params(server), variant.admin);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: variant.action,
      outcome: 'rejected',
      reason: `Cannot '${ACTIONS[variant.rule].api}' instance ${server.uuid} while it is in vm_state ${from}`,
      status: statusOf(from, null),
      previousStatus: statusOf(from, null),
      asAdmin: variant.admin,
    });
    expect(snapshot(c, server)).toBe(before);
  });

  it.each(VARIANTS.map((x) => [x.label, x] as const))('%s on a deleted server: 404-style row naming no server', (_label, variant) => {
    const c = tinyCloud();
    const server = c.serverIn('deleted', 'vm');
    const rows = c.submit(variant.action, server, variant.params(server), variant.admin);
    expect(rows).toEqual([expect.objectContaining({ outcome: 'rejected', server: null, serverName: 'vm', reason: 'Instance vm could not be found.' })]);
  });

  it('non-admin policy refusals, operation prechecks and the host check each give one row', () => {
    const c = tinyCloud({ hosts: 2 });
    const server = c.create('vm');
    const before = snapshot(c, server);
    const cases: [SubmittableAction, ActionParams, boolean, string][] = [
      ['migrate', {}, false, "Policy doesn't allow os_compute_api:os-migrate-server:migrate to be performed."],
      ['evacuate', {}, false, "Policy doesn't allow os_compute_api:os-evacuate to be performed."],
      ['resize', { flavor: SMALL }, false, 'When resizing, instances must change flavor!'],
      ['resize', { flavor: 'm9.huge' }, false, 'Flavor m9.huge could not be found.'],
      ['confirm_resize', {}, false, `Cannot 'confirmResize' instance ${server.uuid} while it is in vm_state active`],
      ['live_migrate', { host: 'compute-0' }, true, `Unable to migrate instance (${server.uuid}) to current host (compute-0).`],
      ['live_migrate', { host: 'nowhere' }, true, 'Compute host nowhere could not be found.'],
      ['rebuild', { image: 'nope' }, false, 'Image nope could not be found.'],
      ['evacuate', {}, true, 'Compute service of compute-0 is still in use.'],
    ];
    for (const [action, params, admin, reason] of cases) {
      const rows = c.submit(action, server, params, admin);
      expect(rows).toEqual([expect.objectContaining({ action, outcome: 'rejected', reason })]);
      expect(snapshot(c, server)).toBe(before);
    }
  });

  it('resize without a flavor is refused (it is not a cold migration)', () => {
    // Nova's resize body requires flavorRef (schema 400); without this check a member could run a
    // same-flavor cold migration and bypass the admin-only os-migrate-server:migrate policy.
    const c = tinyCloud();
    const server = c.create('vm');
    const verdict = TinyCloud.verdict(c.submit('resize', server, { host: 'compute-2' }));
    expect(verdict.outcome).toBe('rejected');
  });

  it('backup of a volume-backed server is refused', () => {
    const c = tinyCloud();
    const server = c.create('vm', { bootFromVolume: true });
    expect(c.submit('backup', server, { backup_type: 'daily', rotation: 1 })).toEqual([
      expect.objectContaining({ outcome: 'rejected', reason: 'Backup is not supported for volume-backed instances.' }),
    ]);
  });

  it('confirm and revert need a finished move: "Instance has not been resized."', () => {
    const c = tinyCloud();
    const server = c.serverIn('resized', 'vm');
    c.submit('confirm_resize', server);
    // confirm is in flight (task_state stays None): a second confirm or a revert is refused
    for (const action of ['confirm_resize', 'revert_resize'] as const) {
      expect(c.submit(action, server)).toEqual([expect.objectContaining({ outcome: 'rejected', reason: 'Instance has not been resized.' })]);
    }
    c.settle(server);
    expect(server.vmState).toBe('active');
  });
});

describe('locks', () => {
  const locked = (by: 'owner' | 'admin') => {
    const c = tinyCloud();
    const server = c.create('vm');
    c.act('lock', server, {}, by === 'admin');
    expect(server.locked).toBe(true);
    expect(server.lockedBy).toBe(by);
    return { c, server };
  };

  it("an owner's lock blocks the owner with Nova's message; nothing changes", () => {
    const { c, server } = locked('owner');
    for (const action of ['pause', 'stop', 'delete', 'reboot', 'shelve', 'rescue'] as const) {
      expect(c.submit(action, server)).toEqual([
        expect.objectContaining({ action, outcome: 'rejected', reason: `Instance ${server.uuid} is locked` }),
      ]);
    }
    expect(server.vmState).toBe('active');
    expect(server.taskState).toBeNull();
  });

  it('an admin bypasses the lock', () => {
    const { c, server } = locked('owner');
    c.act('pause', server, {}, true);
    expect(server.vmState).toBe('paused');
    expect(server.locked).toBe(true);
  });

  it('snapshot and backup ignore the lock', () => {
    const { c, server } = locked('owner');
    c.act('snapshot', server);
    c.act('backup', server, { backup_type: 'daily', rotation: 1 });
    expect(server.backups).toHaveLength(1);
  });

  it('the owner can unlock their own lock', () => {
    const { c, server } = locked('owner');
    const rows = c.act('unlock', server);
    expect(rows.map((r) => r.outcome)).toEqual(['accepted', 'completed']);
    expect(server.locked).toBe(false);
    expect(server.lockedBy).toBeNull();
    c.act('pause', server);
  });

  it("the owner cannot unlock an admin's lock: 403 unlock_override", () => {
    const { c, server } = locked('admin');
    expect(c.submit('unlock', server)).toEqual([
      expect.objectContaining({
        outcome: 'rejected',
        reason: "Policy doesn't allow os_compute_api:os-lock-server:unlock:unlock_override to be performed.",
      }),
    ]);
    expect(server.locked).toBe(true);
    c.act('unlock', server, {}, true);
    expect(server.locked).toBe(false);
  });

  it("an owner's lock on a locked server is a no-op; an admin's lock takes over", () => {
    const { c, server } = locked('owner');
    c.act('lock', server);
    expect(server.lockedBy).toBe('owner');
    c.act('lock', server, {}, true);
    expect(server.lockedBy).toBe('admin');
    c.act('lock', server);
    expect(server.lockedBy).toBe('admin');
  });

  it('a lock changes neither vm_state nor power_state', () => {
    const c = tinyCloud();
    const server = c.serverIn('paused', 'vm');
    const rows = c.act('lock', server);
    expect(rows.map((r) => [r.outcome, r.status, r.previousStatus])).toEqual([
      ['accepted', 'PAUSED', 'PAUSED'],
      ['completed', 'PAUSED', 'PAUSED'],
    ]);
    expect(server.powerState).toBe('paused');
  });

  it('locking a server mid-action lets the action finish', () => {
    // Nova's API.lock only sets locked/locked_by; the pause in progress still ends PAUSED.
    const c = tinyCloud();
    const server = c.create('vm');
    c.submit('pause', server);
    c.runFor(0.5);
    c.submit('lock', server);
    expect(server.taskState).toBe('pausing');
    c.runFor(100);
    expect(server.vmState).toBe('paused');
  });

  it('locking a server mid-resize does not leak the destination claim', () => {
    // The lock only sets a flag: the resize goes on to VERIFY_RESIZE with both claims accounted for.
    const c = tinyCloud();
    const server = c.create('vm');
    c.submit('resize', server, { flavor: LARGE });
    c.runFor(5);
    c.submit('lock', server);
    c.runFor(100);
    expect(server.vmState).toBe('resized');
    expect(server.locked).toBe(true);
    expectConsistent(c);
  });
});
