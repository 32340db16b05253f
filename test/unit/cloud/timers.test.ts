import { describe, expect, it } from 'vitest';
import { claimOf, expectedClaims, LARGE, tinyCloud, type TinyCloud } from '../../support/tiny-cloud.js';

const ZERO = { vcpus: 0, ramMb: 0, diskGb: 0 };

/**
 * With the default durations: a small server is ACTIVE at 32 s; a resize or shelve from there takes 20 s
 * (the disk copy and the snapshot upload take no time over the tiny cloud's instant links).
 */
const CREATED = 32;
const RESIZED = 52;
const SHELVED = 52;

function expectConsistent(c: TinyCloud): void {
  const claims = expectedClaims(c.inventory);
  c.inventory.hosts.forEach((h, i) => expect(h.used, h.name).toEqual(claims[i]));
}

describe('resize: claims and auto-confirm', () => {
  it('holds both claims from scheduling to confirm; confirm releases the source', () => {
    const c = tinyCloud();
    const server = c.create('vm');
    expect(server.launchedAt).not.toBeNull();
    const [src, dst] = [c.host('compute-0'), c.host('compute-1')];
    const rows = c.act('resize', server, { flavor: LARGE });
    const small = claimOf(c.small);
    const large = claimOf(c.large);
    // the source keeps the small claim throughout; the destination is claimed as resize_prep
    // schedules it (just after the accepted row) and holds the large claim from then on
    expect(rows.map((r) => [r.outcome, r.taskState, r.status])).toEqual([
      ['accepted', 'resize_prep', 'RESIZE'],
      ['transition', 'resize_migrating', 'RESIZE'],
      ['transition', 'resize_migrated', 'RESIZE'],
      ['transition', 'resize_finish', 'RESIZE'],
      ['completed', null, 'VERIFY_RESIZE'],
    ]);
    expect(rows[0]!.hostsUsed.slice(0, 2)).toEqual([small, ZERO]);
    for (const r of rows.slice(1)) expect(r.hostsUsed.slice(0, 2)).toEqual([small, large]);
    expect(rows.map((r) => r.host)).toEqual([src.id, src.id, src.id, src.id, dst.id]);
    expect(rows.at(-1)!.time).toBe(RESIZED);
    expect(server.flavor.name).toBe(LARGE);
    expect(src.servers.has(server.id) && dst.servers.has(server.id)).toBe(true);
    expectConsistent(c);

    const confirm = c.act('confirm_resize', server);
    expect(confirm.map((r) => [r.outcome, r.vmState, r.taskState, r.status])).toEqual([
      ['accepted', 'resized', null, 'VERIFY_RESIZE'],
      ['completed', 'active', null, 'ACTIVE'],
    ]);
    expect(confirm[0]!.hostsUsed.slice(0, 2)).toEqual([small, large]);
    expect(confirm[1]!.hostsUsed.slice(0, 2)).toEqual([ZERO, large]);
    expect(src.servers.has(server.id)).toBe(false);
    expect(server.migration).toBeNull();
    expect(server.host).toBe(dst.id);
    expectConsistent(c);
  });

  it('revert releases the destination and puts the server back with its old flavor', () => {
    const c = tinyCloud();
    const server = c.serverIn('resized', 'vm');
    const [src, dst] = [c.host('compute-0'), c.host('compute-1')];
    const revert = c.act('revert_resize', server);
    expect(revert.map((r) => [r.outcome, r.vmState, r.taskState, r.status])).toEqual([
      ['accepted', 'resized', 'resize_reverting', 'REVERT_RESIZE'],
      ['completed', 'active', null, 'ACTIVE'],
    ]);
    expect(revert[0]!.hostsUsed.slice(0, 2)).toEqual([claimOf(c.small), claimOf(c.large)]);
    expect(revert[1]!.hostsUsed.slice(0, 2)).toEqual([claimOf(c.small), ZERO]);
    expect(server.host).toBe(src.id);
    expect(server.flavor.name).toBe('m1.small');
    expect(dst.servers.has(server.id)).toBe(false);
    expect(server.migration).toBeNull();
    expectConsistent(c);
  });

  it('a cold migration keeps the flavor and moves the server', () => {
    const c = tinyCloud();
    const server = c.create('vm');
    c.act('migrate', server, {}, true);
    expect(server.vmState).toBe('resized');
    expect(server.migration?.kind).toBe('migration');
    expect(c.host('compute-0').used).toEqual(claimOf(c.small));
    expect(c.host('compute-1').used).toEqual(claimOf(c.small));
    c.act('confirm_resize', server);
    expect(c.host('compute-0').used).toEqual(ZERO);
    expect(server.host).toBe(1);
  });

  // _poll_unconfirmed_resizes has no spacing: it runs every 60 s from the service's start (t = 0), and
  // confirms migrations whose updated_at <= now - window (non-strict). VERIFY_RESIZE at 52 s.
  it.each([
    [50, 120], // 52 + 50 = 102 -> the run at 120
    [68, 120], // 52 + 68 = 120 is a run, and <= lets it confirm there
    [69, 180], // 121: just after the run at 120, so the next one
    [3600, 3660], // the one-hour window: 3652 -> 3660, not 7200
  ])('auto-confirms at the first 60 s run at or after the window (window %i s -> t=%i)', (window, at) => {
    const c = tinyCloud({ config: { resize_confirm_window: window } });
    const server = c.serverIn('resized', 'vm');
    expect(c.now).toBe(RESIZED);
    c.runTo(at - 0.001);
    expect(server.vmState).toBe('resized');
    expect(c.rowsOf(server).filter((r) => r.action === 'confirm_resize')).toHaveLength(0);
    c.runTo(at + 10);
    const confirm = c.rowsOf(server).filter((r) => r.action === 'confirm_resize');
    expect(confirm.map((r) => [r.time, r.outcome, r.asAdmin, r.reason])).toEqual([
      [at, 'accepted', true, '_poll_unconfirmed_resizes'],
      [at + 5, 'completed', true, ''],
    ]);
    expect(server.vmState).toBe('active');
    expect(c.host('compute-0').used).toEqual(ZERO);
    expectConsistent(c);
  });

  it('never auto-confirms when resize_confirm_window is 0', () => {
    const c = tinyCloud({ config: { resize_confirm_window: 0 } });
    const server = c.serverIn('resized', 'vm');
    c.runFor(1e6);
    expect(server.vmState).toBe('resized');
    expect(c.rows.filter((r) => r.action === 'confirm_resize')).toHaveLength(0);
    expect(c.sim.pending).toBe(0);
  });

  it('a revert before the window leaves nothing for the timer to do', () => {
    const c = tinyCloud({ config: { resize_confirm_window: 50 } });
    const server = c.serverIn('resized', 'vm');
    c.act('revert_resize', server);
    c.runFor(1000);
    expect(c.rows.filter((r) => r.action === 'confirm_resize')).toHaveLength(0);
    expect(server.vmState).toBe('active');
    expectConsistent(c);
  });

  it('a second resize after revert gets its own window', () => {
    const c = tinyCloud({ config: { resize_confirm_window: 45 } });
    const server = c.serverIn('resized', 'vm'); // 52
    c.act('revert_resize', server); // 72
    c.act('resize', server, { flavor: LARGE }); // 92
    expect(c.now).toBe(92);
    c.runFor(1000);
    const confirms = c.rows.filter((r) => r.action === 'confirm_resize' && r.outcome === 'accepted');
    expect(confirms.map((r) => r.time)).toEqual([180]); // not 135: the first window's timer is stale
  });

  it('soft delete of a resized server confirms the resize first (Nova _confirm_resize_on_deleting)', () => {
    const c = tinyCloud({ config: { reclaim_instance_interval: 3600 } });
    const server = c.serverIn('resized', 'vm');
    c.act('delete', server);
    expect(server.vmState).toBe('soft-delete');
    expect(server.migration).toBeNull();
    expect(server.host).toBe(1);
    expect(c.host('compute-0').used).toEqual(ZERO);
    expect(c.host('compute-0').servers.has(server.id)).toBe(false);
    expect(c.host('compute-1').used).toEqual(claimOf(c.large));
    expectConsistent(c);
  });

  it('soft delete + restore of a resized server, then a new resize, keeps claims consistent', () => {
    const c = tinyCloud({ config: { reclaim_instance_interval: 3600 } });
    const server = c.serverIn('resized', 'vm');
    c.act('delete', server);
    c.act('restore', server);
    expect(server.vmState).toBe('active');
    c.act('resize', server, { flavor: 'm1.small' });
    expectConsistent(c);
  });

  it('auto-confirm still happens when the server was locked while resized', () => {
    // Nova's _poll_unconfirmed_resizes goes by the migration's age and status, as admin: a lock does
    // not stop it.
    const c = tinyCloud({ config: { resize_confirm_window: 50 } });
    const server = c.serverIn('resized', 'vm');
    c.act('lock', server);
    c.runFor(1000);
    expect(server.vmState).toBe('active');
  });
});

describe('soft delete, restore and reclaim', () => {
  const config = { reclaim_instance_interval: 100 };

  it('delete gives SOFT_DELETED and keeps the claim', () => {
    const c = tinyCloud({ config });
    const server = c.create('vm');
    const rows = c.act('delete', server);
    expect(rows.map((r) => [r.time, r.outcome, r.taskState, r.status])).toEqual([
      [CREATED, 'accepted', 'soft-deleting', 'ACTIVE'],
      [CREATED + 3, 'completed', null, 'SOFT_DELETED'],
    ]);
    expect(server.vmState).toBe('soft-delete');
    expect(server.powerState).toBe('shutdown');
    expect(server.deletedAt).toBe(CREATED + 3);
    expect(c.host('compute-0').used).toEqual(claimOf(c.small));
  });

  it('restore within the interval gives ACTIVE, and the reclaim never comes', () => {
    const c = tinyCloud({ config });
    const server = c.serverIn('soft-delete', 'vm');
    c.runFor(50);
    const rows = c.act('restore', server);
    expect(rows.map((r) => [r.outcome, r.taskState, r.status])).toEqual([
      ['accepted', 'restoring', 'SOFT_DELETED'],
      ['completed', null, 'ACTIVE'],
    ]);
    expect(server.deletedAt).toBeNull();
    c.runFor(10_000);
    expect(server.vmState).toBe('active');
    expect(c.rows.filter((r) => r.action === 'force_delete')).toHaveLength(0);
  });

  // _reclaim_queued_deletes runs every 60 s and reclaims when now - deleted_at > interval (strict).
  it('is reclaimed to DELETED at the first 60 s run after the interval', () => {
    const c = tinyCloud({ config });
    const server = c.serverIn('soft-delete', 'vm'); // soft-deleted at 35; 35 + 100 = 135 -> the run at 180
    const at = 180;
    c.runTo(at - 0.001);
    expect(server.vmState).toBe('soft-delete');
    c.runFor(100);
    const reclaim = c.rowsOf(server).filter((r) => r.action === 'force_delete');
    expect(reclaim.map((r) => [r.time, r.outcome, r.taskState, r.status, r.asAdmin, r.reason])).toEqual([
      [at, 'accepted', 'deleting', 'SOFT_DELETED', true, '_reclaim_queued_deletes'],
      [at + 5, 'completed', null, 'DELETED', true, ''],
    ]);
    expect(server.vmState).toBe('deleted');
    expect(c.inventory.used).toEqual(ZERO);
    expect(c.host('compute-0').servers.size).toBe(0);
    // too late to restore
    expect(c.submit('restore', server)).toEqual([expect.objectContaining({ outcome: 'rejected', reason: 'Instance vm could not be found.' })]);
  });

  it.each([
    [84, 120], // 35 + 84 = 119: the run at 120 finds it older
    [85, 180], // 35 + 85 = 120: at the run at 120 it is exactly that old, not older (is_older_than is strict)
    [7200, 7260], // the two hours: 7235 -> 7260, not 14400
  ])('reclaim_instance_interval %i s reclaims at %i s', (interval, at) => {
    const c = tinyCloud({ config: { reclaim_instance_interval: interval } });
    const server = c.serverIn('soft-delete', 'vm');
    c.runTo(at - 0.001);
    expect(server.vmState).toBe('soft-delete');
    c.runTo(at);
    expect(c.rowsOf(server).at(-1)).toMatchObject({ time: at, action: 'force_delete', outcome: 'accepted', reason: '_reclaim_queued_deletes' });
  });

  it('force_delete of a soft-deleted server deletes it at once', () => {
    const c = tinyCloud({ config });
    const server = c.serverIn('soft-delete', 'vm');
    c.act('force_delete', server);
    expect(server.vmState).toBe('deleted');
    c.runFor(1000);
    expect(c.rows.filter((r) => r.action === 'force_delete' && r.outcome === 'accepted')).toHaveLength(1);
  });

  it('a never-launched server is deleted outright even with soft delete on', () => {
    const c = tinyCloud({ config, hosts: [{ name: 'tiny', vcpus: 1, ramMb: 1024, diskGb: 10 }] });
    const server = c.request('vm')!;
    c.settle(server);
    expect(server.vmState).toBe('error');
    c.act('delete', server);
    expect(server.vmState).toBe('deleted');
  });

  it('a lock on a soft-deleted server does not cancel its reclaim', () => {
    // Nova reclaims by deleted_at age, whatever the lock.
    const c = tinyCloud({ config });
    const server = c.serverIn('soft-delete', 'vm');
    c.act('lock', server);
    c.runFor(10_000);
    expect(server.vmState).toBe('deleted');
  });
});

describe('shelve and offload', () => {
  it('shelved_offload_time 0 offloads at once: SHELVED_OFFLOADED, host claim freed', () => {
    const c = tinyCloud({ config: { shelved_offload_time: 0 } });
    const server = c.create('vm');
    c.act('shelve', server);
    const rows = c.rowsOf(server).filter((r) => r.action === 'shelve' || r.action === 'shelve_offload');
    expect(rows.map((r) => [r.time, r.action, r.outcome, r.vmState, r.taskState, r.status])).toEqual([
      [CREATED, 'shelve', 'accepted', 'active', 'shelving', 'ACTIVE'],
      [34, 'shelve', 'transition', 'active', 'shelving_image_pending_upload', 'ACTIVE'],
      [35, 'shelve', 'transition', 'active', 'shelving_image_uploading', 'ACTIVE'],
      [SHELVED, 'shelve', 'completed', 'shelved', null, 'SHELVED'],
      [SHELVED, 'shelve_offload', 'accepted', 'shelved', 'shelving_offloading', 'SHELVED'],
      [SHELVED + 5, 'shelve_offload', 'completed', 'shelved_offloaded', null, 'SHELVED_OFFLOADED'],
    ]);
    expect(rows[4]!.reason).toBe('shelved_offload_time=0');
    expect(server.host).toBeNull();
    expect(server.powerState).toBe('pending');
    expect(c.host('compute-0').used).toEqual(ZERO);
    expect(c.host('compute-0').servers.has(server.id)).toBe(false);
  });

  // _poll_shelved_instances runs every shelved_poll_interval from the service's start and offloads when
  // now - shelved_at > shelved_offload_time (strict). Shelved at 52 s.
  it('shelved_offload_time > 0 offloads at the first shelved_poll_interval run after the wait', () => {
    const c = tinyCloud({ config: { shelved_offload_time: 100, shelved_poll_interval: 60 } });
    const server = c.serverIn('shelved', 'vm');
    expect(c.now).toBe(SHELVED);
    const at = 180; // 52 + 100 = 152 -> the run at 180
    c.runTo(at - 0.001);
    expect(server.vmState).toBe('shelved');
    expect(c.host('compute-0').used).toEqual(claimOf(c.small));
    c.runFor(100);
    const offload = c.rowsOf(server).filter((r) => r.action === 'shelve_offload');
    expect(offload.map((r) => [r.time, r.outcome, r.asAdmin, r.reason])).toEqual([
      [at, 'accepted', true, '_poll_shelved_instances'],
      [at + 5, 'completed', true, ''],
    ]);
    expect(server.vmState).toBe('shelved_offloaded');
    expect(c.host('compute-0').used).toEqual(ZERO);
  });

  it.each([
    [{ shelved_offload_time: 67, shelved_poll_interval: 60 }, 120], // 119: the run at 120 finds it older
    [{ shelved_offload_time: 68, shelved_poll_interval: 60 }, 180], // 120: not older at 120 (strict)
    [{ shelved_offload_time: 100, shelved_poll_interval: 0 }, 180], // spacing 0 is the default interval, 60 s
    [{ shelved_offload_time: 100, shelved_poll_interval: 3600 }, 3600], // the default spacing
  ])('with %o offloads at %i s', (config, at) => {
    const c = tinyCloud({ config });
    const server = c.serverIn('shelved', 'vm');
    c.runTo(at - 0.001);
    expect(server.vmState).toBe('shelved');
    c.runTo(at);
    expect(c.rowsOf(server).at(-1)).toMatchObject({ time: at, action: 'shelve_offload', outcome: 'accepted', reason: '_poll_shelved_instances' });
  });

  it.each([
    [{ shelved_offload_time: -1 }],
    [{ shelved_offload_time: 100, shelved_poll_interval: -1 }],
  ])('never offloads with %o', (config) => {
    const c = tinyCloud({ config });
    const server = c.serverIn('shelved', 'vm');
    c.runFor(1e6);
    expect(server.vmState).toBe('shelved');
    expect(c.rows.filter((r) => r.action === 'shelve_offload')).toHaveLength(0);
    expect(c.host('compute-0').used).toEqual(claimOf(c.small));
  });

  it('a volume-backed server is offloaded at once even with shelved_offload_time -1', () => {
    const c = tinyCloud({ config: { shelved_offload_time: -1 } });
    const server = c.create('vm', { bootFromVolume: true });
    c.act('shelve', server);
    expect(server.vmState).toBe('shelved_offloaded');
    expect(c.rows.find((r) => r.action === 'shelve_offload')!.reason).toBe('volume-backed');
  });

  it('unshelve of a shelved server (not offloaded) starts it where it is', () => {
    const c = tinyCloud({ config: { shelved_offload_time: -1 } });
    const server = c.serverIn('shelved', 'vm');
    const rows = c.act('unshelve', server);
    expect(rows.map((r) => [r.outcome, r.taskState, r.status])).toEqual([
      ['accepted', 'unshelving', 'SHELVED'],
      ['transition', 'spawning', 'SHELVED'],
      ['completed', null, 'ACTIVE'],
    ]);
    expect(server.host).toBe(0);
    expect(c.placements).toHaveLength(1); // only the create
  });

  it('unshelve re-places an offloaded server (elsewhere when its old host is disabled)', () => {
    const c = tinyCloud();
    const server = c.serverIn('shelved_offloaded', 'vm');
    c.nova.hosts.setEnabled(c.host('compute-0'), false);
    const rows = c.act('unshelve', server);
    expect(rows.map((r) => [r.outcome, r.taskState, r.status, r.host])).toEqual([
      ['accepted', 'unshelving', 'SHELVED_OFFLOADED', null],
      ['transition', 'spawning', 'SHELVED_OFFLOADED', null], // placed as spawning begins
      ['completed', null, 'ACTIVE', 1],
    ]);
    expect(server.vmState).toBe('active');
    expect(server.powerState).toBe('running');
    expect(c.host('compute-1').used).toEqual(claimOf(c.small));
    expect(c.host('compute-1').servers.has(server.id)).toBe(true);
    expect(c.host('compute-0').used).toEqual(ZERO);
    expect(c.placements).toHaveLength(2);
  });

  it('unshelve with no room leaves the server SHELVED_OFFLOADED with a fault', () => {
    const c = tinyCloud({ hosts: 1 });
    const server = c.serverIn('shelved_offloaded', 'vm');
    c.nova.hosts.setEnabled(c.host('compute-0'), false);
    const rows = c.act('unshelve', server);
    expect(rows.at(-1)).toMatchObject({ outcome: 'failed', vmState: 'shelved_offloaded', taskState: null });
    expect(server.fault).toMatch(/^No valid host was found\./);
    expect(c.inventory.used).toEqual(ZERO);
  });

  it('a lock on a shelved server does not cancel its offload', () => {
    // Nova offloads by shelved_at age, whatever the lock.
    const c = tinyCloud({ config: { shelved_offload_time: 100, shelved_poll_interval: 60 } });
    const server = c.serverIn('shelved', 'vm');
    c.act('lock', server);
    c.runFor(10_000);
    expect(server.vmState).toBe('shelved_offloaded');
  });
});

describe('backup rotation', () => {
  it('keeps the newest `rotation` backups of that type, leaving other types alone', () => {
    const c = tinyCloud();
    const server = c.create('vm');
    const times: number[] = [];
    const backup = (type: string, rotation: number): void => {
      c.runFor(10);
      c.act('backup', server, { backup_type: type, rotation });
      times.push(c.now);
    };
    backup('daily', 2);
    backup('weekly', 1);
    backup('daily', 2);
    backup('daily', 2);
    expect(server.backups).toEqual([
      { type: 'weekly', createdAt: times[1] },
      { type: 'daily', createdAt: times[2] },
      { type: 'daily', createdAt: times[3] },
    ]);
    backup('weekly', 1);
    expect(server.backups.filter((b) => b.type === 'weekly')).toEqual([{ type: 'weekly', createdAt: times[4] }]);
    expect(server.backups.filter((b) => b.type === 'daily')).toHaveLength(2);
    // a larger rotation keeps everything of that type
    backup('daily', 5);
    expect(server.backups.filter((b) => b.type === 'daily').map((b) => b.createdAt)).toEqual([times[2], times[3], times[5]]);
    // rotation 1 trims back to the newest
    backup('daily', 1);
    expect(server.backups.filter((b) => b.type === 'daily').map((b) => b.createdAt)).toEqual([times[6]]);
  });

  it('walks image_backup -> image_pending_upload -> image_uploading and leaves the vm_state', () => {
    const c = tinyCloud();
    const server = c.serverIn('stopped', 'vm');
    const rows = c.act('backup', server, { backup_type: 'daily', rotation: 1 });
    expect(rows.map((r) => [r.outcome, r.taskState, r.status])).toEqual([
      ['accepted', 'image_backup', 'SHUTOFF'],
      ['transition', 'image_pending_upload', 'SHUTOFF'],
      ['transition', 'image_uploading', 'SHUTOFF'],
      ['completed', null, 'SHUTOFF'],
    ]);
  });
});
