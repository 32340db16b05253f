import { describe, expect, it } from 'vitest';
import type { Host } from '../../../src/model/host.js';
import { Drains } from '../../../src/operator/drains.js';
import { HostUpdates } from '../../../src/operator/host-updates.js';
import { Maintenance } from '../../../src/operator/maintenance.js';
import { DEFAULT_HOST, LARGE, OWNER, tinyCloud, type TinyCloud } from '../../support/tiny-cloud.js';

const SETTINGS = { max_parallel_moves: 1, retry_delay: 600, max_attempts: 3 };

function operator(c: TinyCloud, settings = SETTINGS): Maintenance {
  const drains = new Drains(c.sim, c.nova, settings);
  return new Maintenance(drains, new HostUpdates(c.sim, c.nova));
}

const facts = (c: TinyCloud, action: string) => c.hostFacts.filter((f) => f.action === action);
const rowsOf = (c: TinyCloud, action: string, outcome: string) => c.rows.filter((r) => r.action === action && r.outcome === outcome);

/** Runs until the host has a `drained` fact (or `limit` seconds pass). */
const untilDrained = (c: TinyCloud, host: Host, limit = 1e5): void => c.runUntil(() => facts(c, 'drained').some((f) => f.host === host), limit);

describe('drain_host', () => {
  it('disables the host, live-migrates active servers, cold-migrates and confirms stopped ones, and reports the empty host', () => {
    const c = tinyCloud();
    const [a, b, stopped] = ['a', 'b', 'stopped'].map((n) => c.create(n));
    c.act('stop', stopped!);
    const source = c.hostOf(a!);

    operator(c).drainHost(source);
    untilDrained(c, source);

    expect(source.servers.size).toBe(0);
    expect(source.enabled).toBe(false);
    expect([a, b, stopped].map((s) => [s!.vmState, s!.host === source.id])).toEqual([['active', false], ['active', false], ['stopped', false]]);
    expect(rowsOf(c, 'live_migrate', 'completed').map((r) => r.serverName)).toEqual(['a', 'b']);
    expect(rowsOf(c, 'migrate', 'completed').map((r) => r.serverName)).toEqual(['stopped']);
    expect(rowsOf(c, 'confirm_resize', 'completed').map((r) => [r.serverName, r.asAdmin])).toEqual([['stopped', true]]);
    expect(facts(c, 'drain_start')[0]).toMatchObject({ outcome: 'accepted', reason: 'maintenance: service disabled; 3 servers on the host' });
    expect(facts(c, 'drained')[0]!.reason).toMatch(/^maintenance: \d+ s, 2 live, 1 cold, 0 offloaded, 0 failed; the host is empty$/);
  });

  it('moves one server at a time by default, all at once with max_parallel_moves 0', () => {
    const running = (parallel: number): number => {
      const c = tinyCloud({ hosts: [0, 1, 2].map((i) => ({ name: `compute-${i}`, ...DEFAULT_HOST, migrationBandwidthMbS: 100 })) });
      const servers = ['a', 'b', 'c'].map((n) => c.create(n));
      operator(c, { ...SETTINGS, max_parallel_moves: parallel }).drainHost(c.hostOf(servers[0]!));
      c.runFor(1);
      return servers.filter((s) => s.taskState === 'migrating').length;
    };

    expect([running(1), running(0)]).toEqual([1, 3]);
  });

  it('never breaks an anti-affinity group: a member goes only to a host without one', () => {
    const c = tinyCloud({ hosts: 4 });
    c.inventory.addGroup('ha', 'anti-affinity', c.inventory.projects.get(OWNER)!.id);
    const m1 = c.create('m1', { group: 'ha' });
    const m2 = c.create('m2', { group: 'ha' });
    const group = c.inventory.groupNamed('ha')!;
    const mostOnOneHost = (): number => Math.max(0, ...group.hostCounts.values());
    let worst = 0;
    c.inventory.observe({ hostChanged: () => (worst = Math.max(worst, mostOnOneHost())) });

    operator(c).drainHost(c.hostOf(m1));
    untilDrained(c, c.host('compute-0'));

    expect([c.hostOf(m1).name, c.hostOf(m2).name]).toEqual(['compute-2', 'compute-1']);
    expect([worst, mostOnOneHost()]).toEqual([1, 1]);
  });

  it('leaves a member where it is when no host keeps the group apart, retries, counts the failures and stalls', () => {
    const c = tinyCloud({ hosts: 2 });
    c.inventory.addGroup('ha', 'anti-affinity', c.inventory.projects.get(OWNER)!.id);
    const m1 = c.create('m1', { group: 'ha' });
    c.create('m2', { group: 'ha' });

    operator(c).drainHost(c.hostOf(m1));
    c.runFor(3 * 600 + 60);

    const failed = rowsOf(c, 'live_migrate', 'failed');
    expect(failed.map((r) => r.time)).toEqual([0, 600, 1200].map((t) => t + failed[0]!.time));
    expect(failed[0]!.reason).toMatch(/^No valid host was found\..*ServerGroupAntiAffinityFilter: 1 -> 0/);
    expect([c.hostOf(m1).name, m1.vmState, [...c.inventory.groupNamed('ha')!.hostCounts.values()]]).toEqual(['compute-0', 'active', [1, 1]]);
    expect(facts(c, 'drain_stalled')).toHaveLength(1);
    expect(facts(c, 'drained')).toEqual([]);
  });

  it('reports a suspended server as blocking, then moves it once its owner resumes it', () => {
    const c = tinyCloud();
    const held = c.create('held');
    c.create('other');
    c.act('suspend', held);
    const source = c.hostOf(held);

    operator(c).drainHost(source);
    c.runFor(600);
    expect(facts(c, 'drain_blocked').map((f) => [f.server?.name, f.reason])).toEqual([
      ['held', 'maintenance: vm_state suspended: neither live_migrate, migrate nor shelve_offload accepts it'],
    ]);
    expect(facts(c, 'drain_stalled')).toHaveLength(1);

    c.act('resume', held);
    untilDrained(c, source);
    expect(source.servers.size).toBe(0);
  });

  it('tries a failed move again after retry_delay, and succeeds once room has come back', () => {
    const c = tinyCloud({ hosts: 2 });
    const [big, gone, full1, full2] = ['big', 'gone', 'full-1', 'full-2'].map((n) => c.create(n, { flavor: LARGE }));
    c.act('delete', gone!);
    expect([big, full1, full2].map((s) => c.hostOf(s!).name)).toEqual(['compute-0', 'compute-1', 'compute-1']);

    operator(c).drainHost(c.host('compute-0'));
    c.runFor(300);
    expect(rowsOf(c, 'live_migrate', 'failed').map((r) => r.serverName)).toEqual(['big']);
    c.act('delete', full1!);
    untilDrained(c, c.host('compute-0'));

    expect(rowsOf(c, 'live_migrate', 'completed').map((r) => r.serverName)).toEqual(['big']);
    expect(c.now - rowsOf(c, 'live_migrate', 'failed')[0]!.time).toBe(600);
  });

  it('updates the empty host for update_duration, then enables it again', () => {
    const c = tinyCloud();
    const s = c.create('s');
    const source = c.hostOf(s);

    operator(c).drainHost(source, 3600);
    untilDrained(c, source);
    const drainedAt = c.now;
    c.runFor(3601);

    expect(facts(c, 'updated').map((f) => f.time - drainedAt)).toEqual([3600]);
    expect(source.enabled).toBe(true);
  });

  it('refuses a second drain of the same host', () => {
    const c = tinyCloud();
    const s = c.create('s');
    const maintenance = operator(c);

    maintenance.drainHost(c.hostOf(s));
    maintenance.drainHost(c.hostOf(s));

    expect(facts(c, 'drain_start').map((f) => f.outcome)).toEqual(['accepted', 'rejected']);
  });
});
