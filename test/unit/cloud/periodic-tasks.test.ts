import { describe, expect, it } from 'vitest';
import { fixed } from '../../../src/engine/distributions.js';
import { tinyCloud } from '../../support/tiny-cloud.js';

/** A server is ACTIVE at 32 s (create: 30 s + 2 s per image GB); a rescue then takes 30 s, so it is RESCUED at 62 s. */
const RESCUED = 62;
const slowBuild = { create: { base: fixed(200), perImageGb: 0, perDiskGb: 0, perRamGb: 0 } };

// _poll_rescued_instances runs every 60 s from the service's start and unrescues when
// now - launched_at > rescue_timeout (strict); the rescue sets launched_at when it completes.
describe('_poll_rescued_instances (rescue_timeout)', () => {
  it.each([
    [57, 120], // 62 + 57 = 119: the run at 120 finds it older
    [58, 180], // 62 + 58 = 120: exactly that old at 120, not older
    [3600, 3720], // 3662 -> 3720
  ])('rescue_timeout %i s unrescues at %i s', (timeout, at) => {
    const c = tinyCloud({ config: { rescue_timeout: timeout } });
    const server = c.serverIn('rescued', 'vm');
    expect(c.now).toBe(RESCUED);
    c.runTo(at - 0.001);
    expect(server.vmState).toBe('rescued');
    c.runTo(at + 30);
    const unrescue = c.rowsOf(server).filter((r) => r.action === 'unrescue');
    expect(unrescue.map((r) => [r.time, r.outcome, r.status, r.asAdmin, r.reason])).toEqual([
      [at, 'accepted', 'RESCUE', true, '_poll_rescued_instances'],
      [at + 20, 'completed', 'ACTIVE', true, ''],
    ]);
  });

  it('never unrescues with rescue_timeout 0 (the default), and leaves no timer behind', () => {
    const c = tinyCloud();
    const server = c.serverIn('rescued', 'vm');
    c.runFor(1e6);
    expect(server.vmState).toBe('rescued');
    expect(c.sim.pending).toBe(0);
  });

  it('an unrescue by the user before the timeout leaves nothing for the task to do', () => {
    const c = tinyCloud({ config: { rescue_timeout: 600 } });
    const server = c.serverIn('rescued', 'vm');
    c.act('unrescue', server);
    c.runFor(1e4);
    expect(c.rowsOf(server).filter((r) => r.action === 'unrescue' && r.outcome === 'accepted')).toHaveLength(1);
  });
});

// _check_instance_build_time runs every 60 s and errors a server BUILDING on its host when
// now - created_at > instance_build_timeout (strict), leaving task_state and the build alone.
describe('_check_instance_build_time (instance_build_timeout)', () => {
  it.each([
    [59, 60], // created at 0: older than 59 s at the run at 60
    [60, 120], // exactly 60 s old at 60: not older; the run at 120
  ])('instance_build_timeout %i s puts a build still running in ERROR at %i s', (timeout, at) => {
    const c = tinyCloud({ config: { instance_build_timeout: timeout }, durations: slowBuild });
    const server = c.request('vm')!;
    c.runTo(at - 0.001);
    expect(server.vmState).toBe('building');
    c.runTo(at);
    expect(c.rowsOf(server).at(-1)).toMatchObject({
      time: at, action: 'create', outcome: 'transition', vmState: 'error', taskState: 'spawning', status: 'ERROR', asAdmin: true,
      reason: '_check_instance_build_time: Instance build timed out. Set to error state.',
    });
  });

  it('does not stop the build: it still ends ACTIVE, as Nova\'s build thread saves its own vm_state', () => {
    const c = tinyCloud({ config: { instance_build_timeout: 100 }, durations: slowBuild });
    const server = c.request('vm')!;
    c.settle(server);
    expect([c.now, server.vmState]).toEqual([200, 'active']);
    expect(c.rowsOf(server).filter((r) => r.vmState === 'error').map((r) => r.time)).toEqual([120]);
  });

  it('leaves a build that ends in time alone', () => {
    const c = tinyCloud({ config: { instance_build_timeout: 60 } });
    const server = c.create('vm');
    c.runFor(1000);
    expect(c.rowsOf(server).some((r) => r.vmState === 'error')).toBe(false);
  });
});

describe('a periodic task does not run while its compute service is down', () => {
  it('a reclaim due while the host is dead waits for its boot, then the new service\'s clock', () => {
    const c = tinyCloud({ config: { reclaim_instance_interval: 100, periodic_fuzzy_delay: 0 } });
    const server = c.serverIn('soft-delete', 'vm'); // soft-deleted at 35: due at the run at 180
    c.runTo(150);
    c.failHost('compute-0');
    c.runTo(1000);
    expect(server.vmState).toBe('soft-delete');
    c.recoverHost('compute-0'); // a new process at 1000: its 60 s task first runs at 1060
    c.runTo(1059.999);
    expect(server.vmState).toBe('soft-delete');
    c.runTo(1060);
    expect(c.rowsOf(server).at(-1)).toMatchObject({ time: 1060, action: 'force_delete', outcome: 'accepted', reason: '_reclaim_queued_deletes' });
  });
});

describe('a periodic task on a partitioned host', () => {
  it('acts at the first run after the service reconnects, on its old clock', () => {
    const c = tinyCloud({ config: { reclaim_instance_interval: 100 } });
    const server = c.serverIn('soft-delete', 'vm'); // soft-deleted at 35: due at the run at 180
    c.runTo(150);
    c.nova.hosts.partition(c.host('compute-0'));
    c.runTo(1000.5);
    expect(server.vmState).toBe('soft-delete');
    c.recoverHost('compute-0'); // reconnected at 1000.5: the same process, runs every 60 s from 0
    c.runTo(1019.999);
    expect(server.vmState).toBe('soft-delete');
    c.runTo(1020);
    expect(c.rowsOf(server).at(-1)).toMatchObject({ time: 1020, action: 'force_delete', outcome: 'accepted' });
  });
});
