import { describe, expect, it } from 'vitest';
import { claimOf, expectedClaims, tinyCloud, usedOf } from '../../support/tiny-cloud.js';

describe('create: BUILD -> ACTIVE', () => {
  it('walks scheduling, (None), networking, block_device_mapping, spawning with one row each', () => {
    const c = tinyCloud();
    const server = c.request('web');
    expect(server).not.toBeNull();
    c.settle(server!);
    const rows = c.rowsOf('web');
    expect(rows.map((r) => [r.outcome, r.vmState, r.taskState, r.status])).toEqual([
      ['accepted', 'building', 'scheduling', 'BUILD'],
      ['transition', 'building', null, 'BUILD'],
      ['transition', 'building', 'networking', 'BUILD'],
      ['transition', 'building', 'block_device_mapping', 'BUILD'],
      ['transition', 'building', 'spawning', 'BUILD'],
      ['completed', 'active', null, 'ACTIVE'],
    ]);
    expect(rows.every((r) => r.action === 'create' && r.server === server)).toBe(true);
    expect(rows[0]!.previousStatus).toBe('BUILD');
    expect(rows.at(-1)!.previousStatus).toBe('BUILD');
    // create takes 30 s + 2 s per image GB (cirros: 1 GB), split 4/1/10/5/80 %
    expect(rows.map((r) => r.time)).toEqual([0, 1.28, 1.6, 4.8, 6.4, 32].map((t) => expect.closeTo(t, 9)));
    expect(rows.at(-1)!.elapsed).toBeCloseTo(32, 9);
    // times never go backwards
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.time).toBeGreaterThanOrEqual(rows[i - 1]!.time);
  });

  it('claims the flavor on the chosen host when the build is handed to it', () => {
    const c = tinyCloud();
    const server = c.request('web')!;
    c.runUntil(() => server.taskState === null);
    // the claim is made as the task goes back to None (handed to compute)
    expect(server.host).toBe(0);
    expect(usedOf(c.host('compute-0'))).toEqual(claimOf(c.small));
    expect(c.placements).toHaveLength(1);
    expect(c.placements[0]!.host?.name).toBe('compute-0');
    c.settle(server);
    expect(server.vmState).toBe('active');
    expect(server.powerState).toBe('running');
    expect(server.progress).toBe(100);
    expect(c.host('compute-0').servers.has(server.id)).toBe(true);
    expect(c.inventory.used).toEqual(claimOf(c.small));
    expect(expectedClaims(c.inventory)[0]).toEqual(usedOf(c.host('compute-0')));
  });

  it('fills hosts first-fit: the third large server goes to the second host', () => {
    const c = tinyCloud();
    const a = c.create('a', { flavor: 'm1.large' });
    const b = c.create('b', { flavor: 'm1.large' });
    const d = c.create('d', { flavor: 'm1.large' });
    expect([a.host, b.host, d.host]).toEqual([0, 0, 1]);
  });

  it('sets launched_at when the spawn completes (src sets it to the start of spawning)', () => {
    // Nova's _update_instance_after_spawn sets launched_at = utcnow() as the build completes.
    // src/cloud/operations/create.ts:18 uses server.updatedAt, which finish() sees before the
    // completed transition, i.e. the time `spawning` began (6.4 s here, not 32 s).
    const c = tinyCloud();
    const server = c.create('web');
    expect(server.launchedAt).toBeCloseTo(32, 9);
  });
});

describe('create: failures', () => {
  it('NoValidHost puts the server in ERROR with no claim', () => {
    const c = tinyCloud({ hosts: [{ name: 'tiny', vcpus: 2, ramMb: 4096, diskGb: 40 }] });
    const server = c.request('big', { flavor: 'm1.large' })!;
    c.settle(server);
    const rows = c.rowsOf('big');
    expect(rows.map((r) => [r.outcome, r.vmState, r.taskState, r.status])).toEqual([
      ['accepted', 'building', 'scheduling', 'BUILD'],
      ['transition', 'building', null, 'BUILD'],
      ['failed', 'error', null, 'ERROR'],
    ]);
    expect(rows.at(-1)!.reason).toMatch(/^No valid host was found\./);
    expect(server.fault).toMatch(/^No valid host was found\./);
    expect(server.host).toBeNull();
    expect(server.launchedAt).toBeNull();
    expect(c.inventory.used).toEqual({ vcpus: 0, ramMb: 0, diskGb: 0 });
    expect(c.host('tiny').servers.size).toBe(0);
  });

  it('NoValidHost when every host is disabled', () => {
    const c = tinyCloud();
    for (const h of c.inventory.hosts) c.nova.hosts.setEnabled(h, false);
    const server = c.request('web')!;
    c.settle(server);
    expect(server.vmState).toBe('error');
    // Since Train, Placement itself leaves disabled computes out (COMPUTE_STATUS_DISABLED).
    expect(server.fault).toBe('No valid host was found. There are not enough hosts available. Placement: 3 -> 0');
    expect(c.hostFacts.filter((f) => f.action === 'disable_host')).toHaveLength(3);
  });

  it('a disabled host is skipped by the scheduler', () => {
    const c = tinyCloud();
    c.nova.hosts.setEnabled(c.host('compute-0'), false);
    expect(c.create('web').host).toBe(1);
  });

  it.each([
    [{ flavor: 'm9.huge' }, 'Flavor m9.huge could not be found.'],
    [{ image: 'nope' }, 'Image nope could not be found.'],
    [{ project: 'gamma' }, 'Project gamma could not be found.'],
  ])('refuses %o with one rejected row and no server', (opts, reason) => {
    const c = tinyCloud();
    expect(c.request('web', opts)).toBeNull();
    expect(c.rows).toHaveLength(1);
    expect(c.rows[0]).toMatchObject({ action: 'create', outcome: 'rejected', reason, server: null, serverName: 'web' });
    expect(c.inventory.servers).toHaveLength(0);
    expect(c.sim.pending).toBe(0);
  });

  it('refuses a name in use, but allows it again once the first server is deleted', () => {
    const c = tinyCloud();
    const first = c.create('web');
    expect(c.request('web')).toBeNull();
    expect(c.rows.at(-1)).toMatchObject({ outcome: 'rejected', reason: 'Server name web is already in use.' });
    c.act('delete', first);
    const second = c.create('web');
    expect(second.id).not.toBe(first.id);
    expect(c.inventory.serverNamed('web')).toBe(second);
  });

  it('delete during scheduling is a local delete in the API', () => {
    const c = tinyCloud();
    const server = c.request('web')!;
    c.runFor(0.5);
    const rows = c.submit('delete', server);
    expect(rows.map((r) => [r.action, r.outcome, r.vmState, r.taskState])).toEqual([
      ['delete', 'accepted', 'building', 'deleting'],
      ['delete', 'completed', 'deleted', null],
    ]);
    c.runFor(100);
    expect(server.vmState).toBe('deleted');
    expect(c.rowsOf('web').filter((r) => r.action === 'create')).toHaveLength(1); // the build never goes on
    expect(c.inventory.used).toEqual({ vcpus: 0, ramMb: 0, diskGb: 0 });
  });

  it('delete during spawning frees the claim', () => {
    const c = tinyCloud();
    const server = c.request('web')!;
    c.runUntil(() => server.taskState === 'spawning');
    expect(usedOf(c.host('compute-0'))).toEqual(claimOf(c.small));
    c.act('delete', server);
    expect(server.vmState).toBe('deleted');
    expect(server.host).toBeNull();
    expect(usedOf(c.host('compute-0'))).toEqual({ vcpus: 0, ramMb: 0, diskGb: 0 });
    expect(c.host('compute-0').servers.size).toBe(0);
  });
});
