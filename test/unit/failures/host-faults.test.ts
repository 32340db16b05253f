import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../../src/engine/random.js';
import { FailureResponder } from '../../../src/failures/recover/failure-response.js';
import { hostStatus } from '../../../src/lifecycle/host-states.js';
import type { FailureResponse } from '../../../src/failures/types.js';
import { DEFAULT_HOST, tinyCloud, type TinyCloud } from '../../support/tiny-cloud.js';

const hosts = (shared = false) => [0, 1, 2].map((i) => ({ name: `compute-${i}`, ...DEFAULT_HOST, sharedStorage: shared && i === 0 }));
const facts = (c: TinyCloud, action: string) => c.hostFacts.filter((f) => f.action === action);

describe('partition_host', () => {
  it('stops heartbeats like a crash: down service_down_time after the last report_interval tick', () => {
    const c = tinyCloud();
    const server = c.create('web');
    c.runTo(125);
    c.nova.hosts.partition(c.hostOf(server));
    expect(facts(c, 'partition_host')[0]).toMatchObject({ time: 125, outcome: 'accepted', reason: 'last heartbeat at 120s' });
    c.runTo(179);
    expect(facts(c, 'service_down')).toEqual([]);
    c.runTo(181);
    expect(facts(c, 'service_down')[0]!.time).toBe(180);
  });

  it('a cut-off host that then dies keeps its last heartbeat: Nova counts it down once, at the time the partition set', () => {
    const c = tinyCloud();
    const host = c.hostOf(c.create('web'));
    c.runTo(125);
    c.nova.hosts.partition(host);
    c.runTo(200);
    c.failHost(host);
    c.runTo(600);
    expect(facts(c, 'fail_host')[0]).toMatchObject({ time: 200, outcome: 'accepted', reason: 'cut off already; last heartbeat at 120s' });
    expect(facts(c, 'service_down').map((f) => f.time)).toEqual([180]);
    expect([host.alive, host.lastHeartbeat, host.downSince]).toEqual([false, 120, 180]);
  });

  it('leaves the guests running (ACTIVE, host alive) while Nova shows them on a silent host', () => {
    const c = tinyCloud();
    const server = c.create('web');
    const host = c.hostOf(server);
    c.nova.hosts.partition(host);
    c.runFor(300);
    expect([host.alive, host.reporting, c.nova.cloud.statusOf(server)]).toEqual([true, false, 'ACTIVE']);
  });

  it('requests to a cut-off compute wait, and go on when it reconnects', () => {
    const c = tinyCloud();
    const server = c.create('web');
    c.nova.hosts.partition(c.hostOf(server));
    c.submit('stop', server);
    c.runFor(600);
    expect(server.taskState).toBe('powering-off');
    c.recoverHost(c.hostOf(server));
    c.settle(server);
    expect(server.vmState).toBe('stopped');
    expect(facts(c, 'recover_host')[0]!.reason).toBe('reconnected; its guests kept running');
  });
});

describe('evacuation and disks', () => {
  const evacuateAfterFailure = (opts: { bootFromVolume?: boolean; shared?: boolean; partition?: boolean }) => {
    const c = tinyCloud({ hosts: hosts(opts.shared) });
    const server = c.create('db', { bootFromVolume: opts.bootFromVolume ?? false });
    const source = c.hostOf(server);
    if (opts.partition) c.nova.hosts.partition(source);
    else c.failHost(source);
    c.runFor(120);
    c.act('evacuate', server, {}, true);
    return { c, server, source };
  };

  it('a local disk is rebuilt blank: its GB are lost; the server keeps its id', () => {
    const { server, source, c } = evacuateAfterFailure({});
    expect(server.ephemeralLostGb).toBe(20);
    expect(server.uuid).toBe('00000000-0000-4000-8000-000000000000');
    expect(c.hostOf(server)).not.toBe(source);
  });

  it('a volume-backed server, or one on shared storage, keeps its data', () => {
    expect(evacuateAfterFailure({ bootFromVolume: true }).server.ephemeralLostGb).toBe(0);
    expect(evacuateAfterFailure({ shared: true }).server.ephemeralLostGb).toBe(0);
  });

  it('off an unfenced partitioned host, a volume-backed server runs twice: a split brain until init_host destroys the old one', () => {
    const { c, server, source } = evacuateAfterFailure({ bootFromVolume: true, partition: true });
    expect(facts(c, 'split_brain_start')).toEqual([expect.objectContaining({ host: source, server })]);
    c.runFor(3600);
    c.recoverHost(source);
    expect(facts(c, 'split_brain_end')).toEqual([expect.objectContaining({ host: source, server, time: c.now })]);
    expect(facts(c, 'destroy_evacuated')).toHaveLength(1);
  });

  it('no split brain after a crash (the old incarnation died with the host), nor for a local disk', () => {
    expect(facts(evacuateAfterFailure({ bootFromVolume: true }).c, 'split_brain_start')).toEqual([]);
    expect(facts(evacuateAfterFailure({ partition: true }).c, 'split_brain_start')).toEqual([]);
  });

  it('fencing a split-brain host ends the split brain', () => {
    const { c, source } = evacuateAfterFailure({ bootFromVolume: true, partition: true });
    c.nova.hosts.fence(source);
    expect(facts(c, 'split_brain_end')[0]!.reason).toBe('the host was fenced');
  });
});

describe('fence_host', () => {
  it('powers the host off and forces its service down: evacuate is allowed at once', () => {
    const c = tinyCloud();
    const server = c.create('web');
    const host = c.hostOf(server);
    c.nova.hosts.fence(host);
    expect([host.alive, host.fenced, host.enabled, host.forcedDown]).toEqual([false, true, false, true]);
    expect(c.submit('evacuate', server, {}, true)[0]!.outcome).toBe('accepted');
  });

  it("shows host_status DOWN (forced down), so requests needing the service are refused", () => {
    const c = tinyCloud();
    const server = c.create('web');
    c.nova.hosts.fence(c.hostOf(server));
    expect(hostStatus(c.hostOf(server), c.now)).toBe('DOWN');
    expect(c.submit('resize', server, { flavor: 'm1.large' })[0]).toMatchObject({ outcome: 'rejected', reason: 'Service is unavailable at this time.' });
  });

  it('fencing a host Nova still counted up is its detection: service_down at once', () => {
    const c = tinyCloud();
    const host = c.host('compute-0');
    c.runTo(50);
    c.nova.hosts.fence(host);
    expect(facts(c, 'service_down')).toEqual([expect.objectContaining({ time: 50, reason: 'service forced down' })]);
  });

  it('a repaired fenced host stays out of service until it is enabled again', () => {
    const c = tinyCloud({ hosts: 1 });
    const host = c.host('compute-0');
    c.nova.hosts.fence(host);
    c.recoverHost(host);
    const refused = c.request('a')!;
    c.settle(refused);
    expect(refused.vmState).toBe('error');
    c.nova.hosts.setEnabled(host, true);
    expect(c.create('b').host).toBe(host.id);
  });
});

describe('the automatic failure response', () => {
  const POLICY: FailureResponse = {
    mode: 'automatic',
    delay: 30,
    fence: true,
    fence_duration: 60,
    fence_failure_probability: 0,
    fence_retries: 2,
    max_parallel_evacuations: 2,
    reenable_after_repair: true,
  };
  const withResponder = (policy: Partial<FailureResponse> = {}) => {
    const c = tinyCloud({ hosts: 4 });
    new FailureResponder(c.sim, c.nova, { ...POLICY, ...policy }, new RandomStreams(5)).start();
    const servers = ['a', 'b', 'c', 'd', 'e'].map((n) => c.create(n));
    for (const s of servers) if (s.host !== 0) c.act('live_migrate', s, { host: 'compute-0' }, true);
    return { c, servers, host: c.host('compute-0') };
  };

  it('fences after the delay, then evacuates every server, at most max_parallel_evacuations at once', () => {
    const { c, servers, host } = withResponder();
    const failedAt = c.now;
    c.failHost(host);
    c.runFor(3600);
    const fenced = facts(c, 'fence_host')[0]!;
    // Detected at the next heartbeat deadline, then delay 30 s, then one fencing attempt of 60 s.
    expect(fenced.outcome).toBe('completed');
    expect(fenced.time - facts(c, 'service_down')[0]!.time).toBe(90);
    expect(fenced.time).toBeGreaterThan(failedAt);
    expect(servers.every((s) => s.host !== host.id && s.vmState === 'active')).toBe(true);
    const starts = c.rows.filter((r) => r.action === 'evacuate' && r.outcome === 'accepted').map((r) => r.time);
    expect(starts).toHaveLength(5);
    expect(starts.filter((t) => t === starts[0])).toHaveLength(2);
  });

  it('re-enables the host it fenced once repaired', () => {
    const { c, host } = withResponder();
    c.failHost(host);
    c.runFor(3600);
    c.recoverHost(host);
    expect(host.enabled).toBe(true);
  });

  it('after failed fencing attempts it evacuates unfenced', () => {
    const { c, servers, host } = withResponder({ fence_failure_probability: 1, fence_retries: 1 });
    c.failHost(host);
    c.runFor(3600);
    expect(facts(c, 'fence_host').map((f) => [f.outcome, f.reason])).toEqual([
      ['failed', 'fencing attempt 1 failed'],
      ['failed', 'fencing attempt 2 failed; evacuating unfenced'],
    ]);
    expect(servers.every((s) => s.host !== host.id)).toBe(true);
    expect(host.fenced).toBe(false);
  });

  it('in manual mode nothing happens', () => {
    const { c, servers, host } = withResponder({ mode: 'manual' });
    c.failHost(host);
    c.runFor(3600);
    expect(servers.every((s) => s.host === host.id)).toBe(true);
  });
});

describe('power_off_host and power_on_host', () => {
  it('switch an empty host off (out of scheduling, no failure) and back on', () => {
    const c = tinyCloud({ hosts: 2 });
    const host = c.host('compute-1');
    c.nova.hosts.powerOff(host);
    expect([host.poweredOn, host.alive, host.enabled, hostStatus(host, c.now)]).toEqual([false, false, false, 'DOWN']);
    expect(facts(c, 'service_down')).toEqual([]);
    expect(c.create('a').host).toBe(0);
    expect(c.create('b').host).toBe(0);
    c.nova.hosts.powerOn(host);
    expect([host.poweredOn, host.alive, host.enabled, hostStatus(host, c.now)]).toEqual([true, true, true, 'UP']);
  });

  it('refuse a host that still holds servers, and recover_host does not boot a host switched off', () => {
    const c = tinyCloud({ hosts: 1 });
    const host = c.host('compute-0');
    c.create('a');
    c.nova.hosts.powerOff(host);
    expect(facts(c, 'power_off_host')[0]).toMatchObject({ outcome: 'rejected', reason: 'host still holds 1 servers' });
    const empty = tinyCloud({ hosts: 1 });
    empty.nova.hosts.powerOff(empty.host('compute-0'));
    empty.recoverHost(empty.host('compute-0'));
    expect(empty.hostFacts.at(-1)).toMatchObject({ action: 'recover_host', outcome: 'rejected' });
  });
});
