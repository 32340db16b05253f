import { describe, expect, it } from 'vitest';
import { hostStatus } from '../../../src/lifecycle/host-states.js';
import { serviceUp } from '../../../src/model/host.js';
import { claimOf, expectedClaims, LARGE, tinyCloud, type TinyCloud } from '../../support/tiny-cloud.js';

const ZERO = { vcpus: 0, ramMb: 0, diskGb: 0 };

function expectConsistent(c: TinyCloud): void {
  const claims = expectedClaims(c.inventory);
  c.inventory.hosts.forEach((h, i) => expect(h.used, h.name).toEqual(claims[i]));
}

/** A cloud with server `vm` ACTIVE on compute-0 (from t=32) and compute-0 failed at t=45. */
function failedAt45(config = {}) {
  const c = tinyCloud({ config });
  const server = c.create('vm');
  c.runTo(45);
  c.failHost('compute-0');
  return { c, server, src: c.host('compute-0') };
}

describe('fail_host', () => {
  it('stops heartbeats at the last report_interval tick; the service counts as down service_down_time later', () => {
    const { c, src } = failedAt45();
    expect(c.hostFacts.at(-1)).toMatchObject({ action: 'fail_host', outcome: 'accepted', reason: 'last heartbeat at 40s', time: 45 });
    expect(src.alive).toBe(false);
    expect(src.downSince).toBe(100);
    expect(serviceUp(src, 99.9)).toBe(true);
    expect(hostStatus(src, 99.9)).toBe('UP');
    c.runTo(150);
    expect(serviceUp(src, c.now)).toBe(false);
    expect(hostStatus(src, c.now)).toBe('UNKNOWN');
    expect(c.hostFacts.map((f) => [f.time, f.action, f.outcome])).toEqual([
      [45, 'fail_host', 'accepted'],
      [100, 'service_down', 'transition'],
    ]);
  });

  it('failing a failed host, or recovering a live one, is a rejected host fact', () => {
    const { c } = failedAt45();
    c.failHost('compute-0');
    c.recoverHost('compute-1');
    expect(c.hostFacts.slice(-2).map((f) => [f.host.name, f.action, f.outcome, f.reason])).toEqual([
      ['compute-0', 'fail_host', 'rejected', 'host is already down'],
      ['compute-1', 'recover_host', 'rejected', 'host is not down'],
    ]);
  });

  it('servers on a failed host stay ACTIVE (zombies): Nova only sees heartbeats', () => {
    const { c, server } = failedAt45();
    const before = c.rows.length;
    c.runTo(10_000);
    expect(c.rows.length).toBe(before);
    expect(server.vmState).toBe('active');
    expect(server.powerState).toBe('running');
    expect(c.nova.cloud.statusOf(server)).toBe('ACTIVE');
    expect(c.host('compute-0').used).toEqual(claimOf(c.small));
  });

  it('an action accepted on a zombie stalls in its task_state', () => {
    const { c, server } = failedAt45();
    c.submit('pause', server);
    c.runTo(10_000);
    expect(server.vmState).toBe('active');
    expect(server.taskState).toBe('pausing');
    expect(c.busy(server)).toBe(true);
  });

  it('the scheduler skips a host whose service is down', () => {
    const { c } = failedAt45();
    c.runTo(100);
    expect(c.create('other').host).toBe(1);
  });

  it('resize needs the source service up: "Service is unavailable at this time."', () => {
    const { c, server } = failedAt45();
    c.runTo(100);
    expect(c.submit('resize', server, { flavor: LARGE })).toEqual([
      expect.objectContaining({ outcome: 'rejected', reason: 'Service is unavailable at this time.' }),
    ]);
  });

  it('delete on a host whose service is down is a local delete in the API', () => {
    const { c, server } = failedAt45();
    c.runTo(100);
    const rows = c.submit('delete', server);
    expect(rows.map((r) => [r.outcome, r.vmState])).toEqual([
      ['accepted', 'active'],
      ['completed', 'deleted'],
    ]);
    expect(c.host('compute-0').used).toEqual(ZERO);
  });

  it('a repeated delete while deleting is ignored (one accepted row, nothing changes)', () => {
    const c = tinyCloud();
    const server = c.create('vm');
    c.submit('delete', server);
    const rows = c.submit('delete', server);
    expect(rows).toEqual([
      expect.objectContaining({ outcome: 'accepted', reason: 'Instance is already in deleting state, ignoring this request', taskState: 'deleting' }),
    ]);
    c.settle(server);
    expect(c.rowsOf(server).filter((r) => r.action === 'delete' && r.outcome === 'completed')).toHaveLength(1);
    expect(server.vmState).toBe('deleted');
  });

  it('a repeated delete once the service is down deletes locally', () => {
    // Nova ignores a repeated delete only while the compute service is up; with it down the API's
    // _delete goes to _local_delete, so a server stuck in `deleting` on a dead host is deleted at once.
    const { c, server } = failedAt45();
    c.submit('delete', server);
    c.runTo(200); // service down since 100
    c.submit('delete', server);
    expect(server.vmState).toBe('deleted');
  });

  it('a repeated delete by a non-admin on a locked server is refused as locked', () => {
    // Nova's delete has @check_instance_lock outside _delete: a non-admin gets 409 "Instance <uuid> is
    // locked" before the "already in deleting state" check.
    const c = tinyCloud();
    const server = c.create('vm');
    c.act('lock', server, {}, true);
    c.submit('delete', server, {}, true);
    const rows = c.submit('delete', server);
    expect(rows).toEqual([expect.objectContaining({ outcome: 'rejected', reason: `Instance ${server.uuid} is locked` })]);
  });

  it('delete on a zombie waits in deleting, and init_host finishes it', () => {
    const { c, server } = failedAt45();
    c.submit('delete', server);
    c.runTo(500);
    expect(server.taskState).toBe('deleting');
    c.recoverHost('compute-0');
    c.settle(server);
    expect(server.vmState).toBe('deleted');
    expect(c.inventory.used).toEqual(ZERO);
  });
});

describe('evacuate', () => {
  it('is rejected while the source service is up, accepted once service_down_time has passed', () => {
    const { c, server, src } = failedAt45();
    c.runTo(99);
    const early = c.submit('evacuate', server, {}, true);
    expect(early).toEqual([
      expect.objectContaining({ outcome: 'rejected', reason: 'Compute service of compute-0 is still in use.', asAdmin: true }),
    ]);
    expect(server.taskState).toBeNull();
    c.runTo(100);
    const { id, uuid } = server;
    const rows = c.act('evacuate', server, {}, true);
    expect(rows.map((r) => [r.time, r.outcome, r.vmState, r.taskState, r.status])).toEqual([
      [100, 'accepted', 'active', 'rebuilding', 'REBUILD'],
      [103.2, 'transition', 'active', 'rebuild_block_device_mapping', 'REBUILD'],
      [106.4, 'transition', 'active', 'rebuild_spawning', 'REBUILD'],
      [132, 'completed', 'active', null, 'ACTIVE'],
    ].map(([t, ...rest]) => [expect.closeTo(t as number, 9), ...rest]));
    expect(server.id).toBe(id);
    expect(server.uuid).toBe(uuid);
    expect(c.inventory.serverNamed('vm')).toBe(server);
    expect(server.host).toBe(1);
    expect(server.launchedAt).toBe(132);
    expect(server.migration).toBeNull();
    // the dead source keeps its claim until its compute service restarts
    expect(src.used).toEqual(claimOf(c.small));
    expect(src.evacuated.get(server.id)).toEqual(c.small);
    expect(c.host('compute-1').used).toEqual(claimOf(c.small));
    expectConsistent(c);
  });

  it('a stopped server stays stopped', () => {
    const c = tinyCloud();
    const server = c.serverIn('stopped', 'vm');
    c.failHost('compute-0');
    c.runFor(100);
    c.act('evacuate', server, {}, true);
    expect(server.vmState).toBe('stopped');
    expect(server.powerState).toBe('shutdown');
    expect(server.host).toBe(1);
  });

  it('an ERROR server ends ACTIVE', () => {
    const c = tinyCloud();
    const server = c.serverIn('error', 'vm');
    c.failHost('compute-0');
    c.runFor(100);
    c.act('evacuate', server, {}, true);
    expect(server.vmState).toBe('active');
  });

  it('honours a named target host and refuses the source or an unknown host', () => {
    const { c, server } = failedAt45();
    c.runTo(100);
    expect(c.submit('evacuate', server, { host: 'compute-0' }, true)).toEqual([
      expect.objectContaining({ outcome: 'rejected', reason: "The target host can't be the same one." }),
    ]);
    expect(c.submit('evacuate', server, { host: 'nope' }, true)).toEqual([
      expect.objectContaining({ outcome: 'rejected', reason: 'Compute host nope not found.' }),
    ]);
    c.act('evacuate', server, { host: 'compute-2' }, true);
    expect(server.host).toBe(2);
  });

  it('is admin-only and ignores the lock', () => {
    const { c, server } = failedAt45();
    c.act('lock', server);
    c.runTo(100);
    expect(c.submit('evacuate', server)).toEqual([
      expect.objectContaining({ outcome: 'rejected', reason: "Policy doesn't allow os_compute_api:os-evacuate to be performed." }),
    ]);
    c.act('evacuate', server, {}, true);
    expect(server.host).toBe(1);
  });

  it('NoValidHost puts the server in ERROR and leaves it on its source', () => {
    const c = tinyCloud({ hosts: 2 });
    const server = c.create('vm');
    c.nova.hosts.setEnabled(c.host('compute-1'), false);
    c.failHost('compute-0');
    c.runFor(100);
    const rows = c.act('evacuate', server, {}, true);
    expect(rows.at(-1)).toMatchObject({ outcome: 'failed', vmState: 'error', taskState: null, status: 'ERROR' });
    expect(server.fault).toMatch(/^No valid host was found\./);
    expect(server.host).toBe(0);
    expectConsistent(c);
  });
});

describe('recover_host (init_host)', () => {
  it('releases the claims of servers evacuated away', () => {
    const { c, server, src } = failedAt45();
    c.runTo(100);
    c.act('evacuate', server, {}, true);
    c.runTo(300);
    c.recoverHost(src);
    expect(c.hostFacts.slice(-2).map((f) => [f.time, f.action, f.outcome, f.reason])).toEqual([
      [300, 'recover_host', 'accepted', 'booted'],
      [300, 'destroy_evacuated', 'completed', 'vm'],
    ]);
    expect(src.used).toEqual(ZERO);
    expect(src.servers.size).toBe(0);
    expect(src.evacuated.size).toBe(0);
    expect(src.alive && src.reporting && serviceUp(src, c.now)).toBe(true);
    // the evacuated server is untouched
    expect(server.vmState).toBe('active');
    expect(server.host).toBe(1);
    expectConsistent(c);
  });

  // _sync_power_states is run_immediately: after a boot it first runs at the loop's first tick, periodic_fuzzy_delay
  // (a whole number of seconds from 0 to the option) after the service starts; init_host itself changes nothing.
  it('running servers stay ACTIVE until _sync_power_states runs, then are stopped through the API (resume_guests_state_on_host_boot false)', () => {
    const c = tinyCloud({ config: { shelved_offload_time: -1, periodic_fuzzy_delay: 0 } });
    const active = c.serverIn('active', 'a');
    const paused = c.serverIn('paused', 'p');
    const rescued = c.serverIn('rescued', 'r');
    const stopped = c.serverIn('stopped', 's');
    const suspended = c.serverIn('suspended', 'u');
    const shelved = c.serverIn('shelved', 'h');
    expect(new Set([active, paused, rescued, stopped, suspended, shelved].map((s) => s.host))).toEqual(new Set([0]));
    c.failHost('compute-0');
    c.runFor(300);
    const recovered = c.now;
    c.recoverHost('compute-0');
    expect([active.vmState, active.powerState, paused.vmState, rescued.vmState]).toEqual(['active', 'running', 'paused', 'rescued']);
    c.runFor(60);
    // ACTIVE: power_state from the driver, then compute_api.stop (10 s); PAUSED: force_stop; RESCUED: only the power state.
    expect(c.rowsOf(active).slice(-3).map((r) => [r.time - recovered, r.action, r.outcome, r.status, r.powerState, r.reason])).toEqual([
      [0, 'sync_power_state', 'transition', 'ACTIVE', 'shutdown', 'power_state shutdown after host restart'],
      [0, 'stop', 'accepted', 'ACTIVE', 'shutdown', '_sync_power_states'],
      [10, 'stop', 'completed', 'SHUTOFF', 'shutdown', ''],
    ]);
    expect([paused.vmState, paused.powerState]).toEqual(['stopped', 'shutdown']);
    expect([rescued.vmState, rescued.powerState]).toEqual(['rescued', 'shutdown']);
    expect(stopped.vmState).toBe('stopped');
    expect(suspended.vmState).toBe('suspended');
    expect(shelved.vmState).toBe('shelved');
    expectConsistent(c);
  });

  it('the first run comes periodic_fuzzy_delay after the boot; a server that started other work since is left to it', () => {
    const c = tinyCloud({ config: { periodic_fuzzy_delay: 60, sync_power_state_interval: 600 } });
    const idle = c.serverIn('active', 'a');
    const busy = c.serverIn('active', 'b');
    c.failHost('compute-0');
    c.runFor(300);
    const recovered = c.now;
    c.recoverHost('compute-0');
    c.submit('reboot', busy, { type: 'HARD' }); // the hard reboot brings its guest up: nothing to sync
    c.runFor(61);
    const sync = c.rowsOf(idle).find((r) => r.action === 'sync_power_state')!;
    const fuzzy = sync.time - recovered;
    expect(Number.isInteger(fuzzy) && fuzzy >= 0 && fuzzy <= 60).toBe(true);
    expect(c.rowsOf(idle).filter((r) => r.time < sync.time && r.time >= recovered)).toEqual([]);
    expect(c.rowsOf(busy).some((r) => r.action === 'sync_power_state')).toBe(false);
  });

  it('with resume_guests_state_on_host_boot, running servers come back ACTIVE', () => {
    const { c, server } = failedAt45({ resume_guests_state_on_host_boot: true });
    c.runFor(300);
    c.recoverHost('compute-0');
    expect(server.vmState).toBe('active');
    expect(server.powerState).toBe('running');
    expect(c.rowsOf(server).at(-1)).toMatchObject({ action: 'resume_guests_state_on_host_boot', outcome: 'completed' });
  });

  it('a stalled pause is cleared back to its vm_state with a fault', () => {
    const { c, server } = failedAt45();
    c.submit('pause', server);
    c.runFor(300);
    c.recoverHost('compute-0');
    expect(server.taskState).toBeNull();
    expect(server.vmState).toBe('active');
    expect(c.busy(server)).toBe(false);
    expect(c.rowsOf(server).at(-1)).toMatchObject({
      action: 'pause',
      outcome: 'failed',
      reason: 'Task interrupted by a host failure; task_state reset (init_host)',
    });
    expect(server.fault).toBe('Task interrupted by a host failure; task_state reset (init_host)');
  });

  it('a stalled stop is retried and completes', () => {
    const { c, server } = failedAt45();
    c.submit('stop', server);
    c.runFor(300);
    expect(server.taskState).toBe('powering-off');
    c.recoverHost('compute-0');
    c.settle(server);
    expect(server.vmState).toBe('stopped');
    expect(c.rowsOf(server).at(-1)).toMatchObject({ action: 'stop', outcome: 'completed' });
  });

  it('a stalled hard reboot is retried and completes ACTIVE', () => {
    const { c, server } = failedAt45();
    c.submit('reboot', server, { type: 'HARD' });
    c.runFor(300);
    c.recoverHost('compute-0');
    c.settle(server);
    expect(server.vmState).toBe('active');
    expect(server.taskState).toBeNull();
  });

  it('an interrupted build ends in ERROR, keeping its claim until deleted', () => {
    const c = tinyCloud();
    const server = c.request('vm')!;
    c.runUntil(() => server.taskState === 'spawning');
    c.failHost('compute-0');
    c.runFor(300);
    expect(server.taskState).toBe('spawning');
    c.recoverHost('compute-0');
    expect(server.vmState).toBe('error');
    expect(server.taskState).toBeNull();
    expect(c.rowsOf(server).at(-1)).toMatchObject({
      action: 'create',
      outcome: 'failed',
      status: 'ERROR',
      reason: 'Instance was interrupted by a host failure (init_host)',
    });
    expectConsistent(c);
    c.act('delete', server);
    expect(c.inventory.used).toEqual(ZERO);
  });

  it('an interrupted rebuild ends in ERROR', () => {
    const { c, server } = failedAt45();
    c.submit('rebuild', server);
    c.runFor(300);
    c.recoverHost('compute-0');
    expect(server.vmState).toBe('error');
  });

  it('an interrupted resize drops the destination claim and returns to its vm_state', () => {
    const c = tinyCloud();
    const server = c.create('vm');
    c.submit('resize', server, { flavor: LARGE });
    c.runUntil(() => server.taskState === 'resize_migrating');
    expect(c.host('compute-1').used).toEqual(claimOf(c.large));
    c.failHost('compute-0');
    c.runFor(300);
    c.recoverHost('compute-0');
    expect(server.vmState).toBe('active');
    expect(server.taskState).toBeNull();
    expect(server.migration).toBeNull();
    expect(server.host).toBe(0);
    expect(server.flavor.name).toBe('m1.small');
    expect(c.host('compute-1').used).toEqual(ZERO);
    expect(c.host('compute-1').servers.size).toBe(0);
    expectConsistent(c);
  });

  it('an interrupted live migration is rolled back', () => {
    const c = tinyCloud();
    const server = c.create('vm');
    c.submit('live_migrate', server, {}, true);
    expect(server.migration?.kind).toBe('live-migration');
    c.failHost('compute-0');
    c.runFor(300);
    c.recoverHost('compute-0');
    expect(server.migration).toBeNull();
    expect(server.host).toBe(0);
    expect(c.host('compute-1').used).toEqual(ZERO);
    expectConsistent(c);
  });

  it('a confirm is the source compute\'s work: it completes while the destination is down', () => {
    // Nova casts confirm_resize to the source compute, which destroys the old copy there.
    const c = tinyCloud();
    const server = c.serverIn('resized', 'vm');
    c.failHost('compute-1'); // the destination, where the server now points
    c.submit('confirm_resize', server);
    c.runFor(300);
    expect(server.vmState).toBe('active');
    expect(server.migration).toBeNull();
    expect(c.host('compute-0').used).toEqual(ZERO);
    expectConsistent(c);
  });

  it('a confirm is refused while the source compute service is down', () => {
    const c = tinyCloud();
    const server = c.serverIn('resized', 'vm');
    c.failHost('compute-0'); // the source
    c.runFor(100);
    const rows = c.submit('confirm_resize', server);
    expect(rows).toEqual([expect.objectContaining({ outcome: 'rejected', reason: 'Service is unavailable at this time.' })]);
  });

  it('a confirm interrupted by the source\'s failure leaves the server in VERIFY_RESIZE, ready to confirm again', () => {
    const c = tinyCloud();
    const server = c.serverIn('resized', 'vm');
    c.submit('confirm_resize', server);
    c.failHost('compute-0'); // the source dies before the confirm's work is done
    c.runFor(300);
    expect(server.vmState).toBe('resized');
    c.recoverHost('compute-0');
    expect(server.vmState).toBe('resized');
    expect(server.taskState).toBeNull();
    const retry = c.submit('confirm_resize', server);
    expect(retry.find((r) => r.outcome === 'accepted' || r.outcome === 'rejected')?.outcome).toBe('accepted');
    c.runFor(300);
    expect(server.vmState).toBe('active');
    expectConsistent(c);
  });

  it('an evacuation interrupted on its destination, then evacuated again, leaks no claim', () => {
    // Evacuate points the server at the destination at once; if the destination dies and restarts,
    // the server goes to ERROR, and the first source's claim must still reach that source's init_host
    // rather than be lost when a second evacuate starts a new move.
    const c = tinyCloud();
    const server = c.create('vm');
    c.failHost('compute-0');
    c.runFor(100);
    c.submit('evacuate', server, {}, true);
    c.runFor(5);
    c.failHost('compute-1');
    c.runFor(100);
    c.recoverHost('compute-1');
    expect(server.vmState).toBe('error');
    c.failHost('compute-1');
    c.runFor(100);
    c.act('evacuate', server, {}, true);
    expect(server.host).toBe(2);
    expectConsistent(c);
    c.recoverHost('compute-0');
    c.recoverHost('compute-1');
    expect(c.host('compute-0').used).toEqual(ZERO);
  });
});
