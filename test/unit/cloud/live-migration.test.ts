import { describe, expect, it } from 'vitest';
import type { NovaConfig } from '../../../src/cloud/config.js';
import type { ActionParams } from '../../support/tiny-cloud.js';
import { ACTIONS } from '../../../src/lifecycle/server-actions.js';
import { ACTION_NAMES, type ActionName } from '../../../src/lifecycle/requests.js';
import type { Server } from '../../../src/model/server.js';
import { claimOf, DEFAULT_HOST, expectedClaims, TinyCloud, tinyCloud, type HostSpec } from '../../support/tiny-cloud.js';

const ZERO = { vcpus: 0, ramMb: 0, diskGb: 0 };
/** Times are differences of absolute simulated times: compare them to the microsecond. */
const us = (seconds: number): number => Math.round(seconds * 1e6) / 1e6;

/** Three hosts on shared storage with 1000 MB/s links: m1.small (2048 MB of RAM) moves its memory only. */
function cloud(config: Partial<NovaConfig> = {}, more: Partial<HostSpec> = {}): TinyCloud {
  const hosts = [0, 1, 2].map((i) => ({ name: `compute-${i}`, ...DEFAULT_HOST, sharedStorage: true, migrationBandwidthMbS: 1000, ...more }));
  return tinyCloud({ hosts, config });
}

function expectConsistent(c: TinyCloud): void {
  const claims = expectedClaims(c.inventory);
  c.inventory.hosts.forEach((h, i) => expect(h.used, h.name).toEqual(claims[i]));
}

/** A server whose create request says how fast its guest dirties memory. */
const busy = (c: TinyCloud, name: string, dirtyRateMbS: number): Server => c.create(name, { dirtyRateMbS });

describe('live migration timed by the pre-copy model', () => {
  it('takes the model\'s time, holds both hosts meanwhile and reports its rounds, downtime and data', () => {
    const c = cloud();
    const server = busy(c, 'vm', 500);
    const start = c.now;

    const rows = c.act('live_migrate', server, {}, true);

    // 2048 MiB dirtied at half the bandwidth: six rounds (4.032 s), then 32 MiB paused (0.032 s).
    expect(rows.map((r) => [r.outcome, r.status, r.taskState])).toEqual([
      ['accepted', 'MIGRATING', 'migrating'],
      ['completed', 'ACTIVE', null],
    ]);
    expect(rows[1]!.time - start).toBeCloseTo(4.064, 9);
    expect(rows[0]!.hostsUsed.slice(0, 2)).toEqual([claimOf(c.small), ZERO]);
    expect(c.hostOf(server).name).toBe('compute-1');
    expect(c.host('compute-0').used).toEqual(ZERO);
    const fact = c.migrations.at(-1)!;
    expect(fact).toMatchObject({ kind: 'live-migration', outcome: 'completed', rounds: 6, start });
    expect([fact.source.name, fact.destination?.name]).toEqual(['compute-0', 'compute-1']);
    expect(fact.durationS).toBeCloseTo(4.064, 9);
    expect(fact.downtimeS).toBeCloseTo(0.032, 9);
    expect(fact.dataMb).toBeCloseTo(4064, 6);
    expectConsistent(c);
  });

  it("uses the flavor's dirty rate unless the create request gave one", () => {
    const c = cloud();
    const flavor = { ...c.small, dirtyRateMbS: 500 };
    const [own, idle] = [c.create('own'), c.create('idle', { dirtyRateMbS: 0 })];
    own.flavor = flavor;
    idle.flavor = flavor;

    c.act('live_migrate', own, {}, true);
    c.act('live_migrate', idle, {}, true);

    expect(c.migrations.map((m) => [m.server.name, m.rounds])).toEqual([['own', 6], ['idle', 1]]);
  });

  it('a paused guest dirties nothing: one round, no downtime', () => {
    const c = cloud();
    const server = busy(c, 'vm', 500);
    c.act('pause', server);

    const rows = c.act('live_migrate', server, {}, true);

    expect(rows.at(-1)).toMatchObject({ outcome: 'completed', status: 'PAUSED', vmState: 'paused' });
    expect(c.migrations.at(-1)).toMatchObject({ rounds: 1, downtimeS: 0, dataMb: 2048 });
    expect(us(c.migrations.at(-1)!.durationS)).toBe(2.048);
  });

  it('a block migration copies the local disk first; a volume-backed server copies none', () => {
    const c = cloud({}, { sharedStorage: false });
    const local = c.create('local');
    const volume = c.create('volume', { bootFromVolume: true });

    c.act('live_migrate', local, {}, true);
    c.act('live_migrate', volume, {}, true);

    // 20 GB of disk (20480 MB) then 2048 MB of RAM at 1000 MB/s
    expect(c.migrations.map((m) => [m.server.name, us(m.durationS), m.dataMb])).toEqual([
      ['local', 22.528, 22528],
      ['volume', 2.048, 2048],
    ]);
  });

  it('live_migration_bandwidth caps the link (MiB/s)', () => {
    const c = cloud({ live_migration_bandwidth: 512 });
    const server = c.create('vm');

    c.act('live_migrate', server, {}, true);

    expect(us(c.migrations.at(-1)!.durationS)).toBe(4);
  });
});

describe('a live migration that does not converge', () => {
  // 2048 MiB dirtied at 1500 MiB/s over 1000 MiB/s; the timeout is 800 s x 2 GiB = 1600 s.
  it('is aborted at the completion timeout: back to ACTIVE on the source, the destination freed', () => {
    const c = cloud();
    const server = busy(c, 'vm', 1500);
    const start = c.now;

    const rows = c.act('live_migrate', server, {}, true);

    const end = rows.at(-1)!;
    expect(end).toMatchObject({ outcome: 'failed', status: 'ACTIVE', vmState: 'active', taskState: null, powerState: 'running' });
    expect(end.time - start).toBe(1600);
    expect(end.reason).toBe('Live migration not completed after 1600 sec: migration operation was cancelled (live_migration_timeout_action abort)');
    expect(c.hostOf(server).name).toBe('compute-0');
    expect(server.migration).toBeNull();
    expect(c.host('compute-1').used).toEqual(ZERO);
    const fact = c.migrations.at(-1)!;
    expect(fact).toMatchObject({ outcome: 'aborted', durationS: 1600, downtimeS: 0, rounds: 782 });
    expect(fact.dataMb).toBeCloseTo(1_600_000, 3);
    expectConsistent(c);
  });

  it('is forced to complete by pausing the guest with live_migration_timeout_action force_complete', () => {
    const c = cloud({ live_migration_timeout_action: 'force_complete' });
    const server = busy(c, 'vm', 1500);

    c.act('live_migrate', server, {}, true);

    expect(c.hostOf(server).name).toBe('compute-1');
    const fact = c.migrations.at(-1)!;
    expect(fact.outcome).toBe('completed');
    expect(fact.durationS).toBeCloseTo(1602.048, 9);
    expect(fact.downtimeS).toBeCloseTo(2.048, 9);
  });

  it('converges with auto-converge', () => {
    const c = cloud({ live_migration_permit_auto_converge: true });
    const server = busy(c, 'vm', 1500);

    c.act('live_migrate', server, {}, true);

    expect(c.migrations.at(-1)).toMatchObject({ outcome: 'completed', rounds: 15 });
  });

  it('runs for ever without a completion timeout, holding both hosts', () => {
    const c = cloud({ live_migration_completion_timeout: 0 });
    const server = busy(c, 'vm', 1500);

    c.submit('live_migrate', server, {}, true);
    c.runFor(1e6);

    expect(c.nova.cloud.statusOf(server)).toBe('MIGRATING');
    expect(c.host('compute-1').used).toEqual(claimOf(c.small));
    c.nova.cloud.moves.closeOpen();
    expect(c.migrations.at(-1)).toMatchObject({ outcome: 'open', destination: c.host('compute-1') });
  });
});

describe('max_concurrent_live_migrations', () => {
  it('queues a second migration from the same source (MIGRATING meanwhile) until the first ends', () => {
    const c = cloud();
    const [a, b] = [c.create('a'), c.create('b')];
    const start = c.now;

    c.submit('live_migrate', a, { host: 'compute-1' }, true);
    c.submit('live_migrate', b, { host: 'compute-2' }, true);
    c.runFor(1);

    expect([c.nova.cloud.statusOf(a), c.nova.cloud.statusOf(b)]).toEqual(['MIGRATING', 'MIGRATING']);
    expect(c.host('compute-2').used).toEqual(claimOf(c.small)); // its destination is claimed while it waits
    expect(c.nova.executor.running(b)?.held).toBe(true);
    c.settle(b);
    const ends = c.migrations.map((m) => [m.server.name, us(m.time - start), us(m.durationS)]);
    // each has the whole link: 2.048 s; b starts when a ends
    expect(ends).toEqual([['a', 2.048, 2.048], ['b', 4.096, 4.096]]);
    expectConsistent(c);
  });

  it('runs two at once when allowed, each with half the link', () => {
    const c = cloud({ max_concurrent_live_migrations: 2 });
    const [a, b] = [c.create('a'), c.create('b')];

    c.submit('live_migrate', a, {}, true);
    c.submit('live_migrate', b, {}, true);
    c.settle(a);
    c.settle(b);

    // a started alone (the whole 1000 MB/s); b started beside it, with 500 MB/s
    expect(c.migrations.map((m) => [m.server.name, us(m.durationS)])).toEqual([['a', 2.048], ['b', 4.096]]);
  });

  it('treats 0 as unlimited', () => {
    const c = cloud({ max_concurrent_live_migrations: 0 });
    const servers = ['a', 'b', 'c'].map((n) => c.create(n));

    for (const s of servers) c.submit('live_migrate', s, {}, true);

    expect(servers.map((s) => c.nova.executor.running(s)?.held)).toEqual([false, false, false]);
  });

  it('only counts migrations out of the same source host', () => {
    const c = cloud();
    const a = c.create('a');
    const b = c.create('b');
    c.act('live_migrate', b, { host: 'compute-1' }, true);

    c.submit('live_migrate', a, { host: 'compute-2' }, true);
    c.submit('live_migrate', b, { host: 'compute-2' }, true);

    expect([c.nova.executor.running(a)?.held, c.nova.executor.running(b)?.held]).toEqual([false, false]);
  });

  it('a queued migration that is deleted leaves the queue; the next one still runs', () => {
    const c = cloud();
    const [a, b, d] = [c.create('a'), c.create('b'), c.create('d')];
    for (const s of [a, b, d]) c.submit('live_migrate', s, {}, true);

    c.act('delete', b);
    c.settle(d);

    expect(c.migrations.map((m) => [m.server.name, m.outcome])).toEqual([['b', 'failed'], ['a', 'completed'], ['d', 'completed']]);
    expect(b.vmState).toBe('deleted');
    expect(d.vmState).toBe('active');
    expectConsistent(c);
  });
});

describe('requests during MIGRATING', () => {
  // Nova's check_instance_state on each API call: only these accept task_state migrating.
  const ALLOWED: ReadonlySet<ActionName> = new Set(['delete', 'force_delete', 'lock', 'unlock', 'reset_state', 'update_server', 'update_metadata', 'set_metadata']);
  const actions = ACTION_NAMES.filter((a) => a !== 'create');
  const PARAMS: Partial<Record<ActionName, ActionParams>> = {
    resize: { flavor: 'm1.large' },
    update_metadata: { metadata: { a: 'b' } },
    set_metadata: { metadata: { a: 'b' } },
    set_admin_password: { admin_pass: 'Any-Passw0rd' },
    backup: { backup_type: 'daily', rotation: 1 },
  };

  it.each(actions)('%s', (action) => {
    const c = cloud({ reclaim_instance_interval: 3600 });
    const server = busy(c, 'vm', 1500);
    c.submit('live_migrate', server, {}, true);
    const params = PARAMS[action] ?? {};

    const verdict = TinyCloud.verdict(c.submit(action, server, params, true));

    expect(verdict.outcome).toBe(ALLOWED.has(action) ? 'accepted' : 'rejected');
    const vmStates = ACTIONS[action].vmStates;
    if (!ALLOWED.has(action) && (vmStates === 'any' || vmStates.includes('active')))
      expect(verdict.reason).toBe(`Cannot '${ACTIONS[action].api}' instance ${server.uuid} while it is in task_state migrating`);
    c.runFor(1e5);
    expectConsistent(c);
  });

  it('a delete abandons the migration: the destination is freed and the move reported failed', () => {
    const c = cloud();
    const server = busy(c, 'vm', 1500);
    c.submit('live_migrate', server, {}, true);

    c.act('delete', server);

    expect(c.migrations.at(-1)).toMatchObject({ outcome: 'failed' });
    expect(c.inventory.used).toEqual(ZERO);
  });
});
