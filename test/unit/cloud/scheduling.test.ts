import { describe, expect, it } from 'vitest';
import { hostIdOf } from '../../../src/model/host-id.js';
import { DEFAULT_HOST, OTHER_PROJECT, OWNER, tinyCloud } from '../../support/tiny-cloud.js';

const hosts = (...failures: number[]) => failures.map((p, i) => ({ name: `compute-${i}`, ...DEFAULT_HOST, buildFailureProbability: p }));

describe('reschedules on build failure', () => {
  it('a spawn that fails goes back to scheduling and lands on the first alternate', () => {
    const c = tinyCloud({ hosts: hosts(1, 0, 0) });
    const server = c.create('web');
    expect(c.hostOf(server).name).toBe('compute-1');
    const rows = c.rowsOf(server);
    const retry = rows.find((r) => r.reason.startsWith('Build of instance'))!;
    expect(retry).toMatchObject({ outcome: 'transition', taskState: 'scheduling', host: null });
    expect(retry.reason).toBe(`Build of instance ${server.uuid} was re-scheduled: spawn failed on compute-0`);
    expect(c.buildFailures).toEqual([expect.objectContaining({ server, rescheduled: true })]);
    expect(c.placements.map((p) => [p.purpose, p.host?.name])).toEqual([['create', 'compute-0'], ['reschedule', 'compute-1']]);
    // The failed host gave its claim back and counts the failure; the one that built resets its count.
    expect(c.host('compute-0').used).toEqual({ vcpus: 0, ramMb: 0, diskGb: 0 });
    expect(c.host('compute-0').failedBuilds).toBe(1);
    expect(c.host('compute-1').failedBuilds).toBe(0);
  });

  it('the next build avoids the host that failed (BuildFailureWeigher)', () => {
    const c = tinyCloud({ hosts: hosts(1, 0, 0), scheduler: { policy: 'filter_scheduler' } });
    c.create('web');
    const second = c.create('db');
    expect(c.placements.filter((p) => p.server === second).map((p) => p.host?.name)).not.toContain('compute-0');
  });

  it('ERROR with MaxRetriesExceeded once max_attempts hosts have failed', () => {
    const c = tinyCloud({ hosts: hosts(1, 1, 1, 0), scheduler: { maxAttempts: 3 } });
    const server = c.request('web')!;
    c.settle(server);
    expect(server.vmState).toBe('error');
    expect(server.fault).toBe(`Exceeded maximum number of retries. Exhausted all hosts available for retrying build failures for instance ${server.uuid}.`);
    expect(c.buildFailures).toHaveLength(3);
    expect(server.host).toBeNull();
  });

  it('with max_attempts 1 a failed spawn is not rescheduled', () => {
    const c = tinyCloud({ hosts: hosts(1, 0), scheduler: { maxAttempts: 1 } });
    const server = c.request('web')!;
    c.settle(server);
    expect(server.vmState).toBe('error');
    expect(server.fault).toContain('was re-scheduled: spawn failed on compute-0');
    expect(c.buildFailures).toEqual([expect.objectContaining({ rescheduled: false })]);
  });

  // Since Rocky a failed build only adds to the count the resource tracker keeps; the scheduler sees it when
  // update_available_resource next runs (every 60 s from the service's start) or when a build claims on the host.
  it('reports the count at the next update_available_resource run, not at the failure', () => {
    const c = tinyCloud({ hosts: hosts(1, 0) });
    const server = c.request('a')!;
    c.runTo(32);
    expect(c.buildFailures).toEqual([expect.objectContaining({ server, time: 32 })]);
    expect(c.host('compute-0').failedBuilds).toBe(0);
    c.runTo(59.999);
    expect(c.host('compute-0').failedBuilds).toBe(0);
    c.runTo(60);
    expect(c.host('compute-0').failedBuilds).toBe(1);
    expect(c.host('compute-0').enabled).toBe(true);
  });

  it.each([
    [{ update_resources_interval: 300 }, 300],
    [{ update_resources_interval: -1 }, null],
    [{ consecutive_build_service_disable_threshold: 0 }, null],
  ])('with %o the count reaches the scheduler at %s', (config, at) => {
    const c = tinyCloud({ hosts: hosts(1, 0), config });
    c.request('a');
    c.runTo(299.999);
    expect(c.host('compute-0').failedBuilds).toBe(0);
    c.runTo(3600);
    expect(c.host('compute-0').failedBuilds).toBe(at === null ? 0 : 1);
  });

  it('a build claiming on the host writes the count at once', () => {
    const c = tinyCloud({ hosts: hosts(1, 0), config: { update_resources_interval: 3600 } });
    c.request('a');
    c.runTo(40);
    expect(c.host('compute-0').failedBuilds).toBe(0);
    const b = c.request('b')!; // first_fit: compute-0 again, claimed after scheduling (4 % of 32 s: 1.28 s)
    c.runTo(41.27);
    expect(c.host('compute-0').failedBuilds).toBe(0);
    c.runTo(41.3);
    expect(c.hostOf(b).name).toBe('compute-0');
    expect(c.host('compute-0').failedBuilds).toBe(1);
  });

  it("never disables a service by default; consecutive_build_failure_auto_disable brings back Pike's rule", () => {
    const modern = tinyCloud({ hosts: hosts(1, 0), config: { consecutive_build_service_disable_threshold: 2 } });
    modern.create('a');
    modern.create('b');
    expect(modern.host('compute-0').enabled).toBe(true);

    const old = tinyCloud({ hosts: hosts(1, 0), config: { consecutive_build_service_disable_threshold: 2, consecutive_build_failure_auto_disable: true } });
    old.create('a');
    expect(old.host('compute-0').enabled).toBe(true);
    old.create('b');
    expect(old.host('compute-0').enabled).toBe(false);
    expect(old.hostFacts.at(-1)).toMatchObject({ action: 'auto_disable', reason: 'Auto-disabled due to 2 build failures' });
  });
});

describe('server groups through the API', () => {
  it('hard anti-affinity puts members on different hosts, then NoValidHost puts the next in ERROR', () => {
    const c = tinyCloud({ scheduler: { policy: 'first_fit' } });
    c.inventory.addGroup('web', 'anti-affinity', c.inventory.projects.get(OWNER)!.id);
    const members = ['w1', 'w2', 'w3'].map((n) => c.create(n, { group: 'web' }));
    expect(new Set(members.map((s) => s.host)).size).toBe(3);
    const fourth = c.request('w4', { group: 'web' })!;
    c.settle(fourth);
    expect(fourth.vmState).toBe('error');
    expect(fourth.fault).toBe('No valid host was found. There are not enough hosts available. Placement: 3 -> 3, ComputeFilter: 3 -> 3, AvailabilityZoneFilter: 3 -> 3, ServerGroupAntiAffinityFilter: 3 -> 0');
  });

  it('a deleted member frees its place in the group', () => {
    const c = tinyCloud({ hosts: 2 });
    c.inventory.addGroup('web', 'anti-affinity', c.inventory.projects.get(OWNER)!.id);
    const a = c.create('a', { group: 'web' });
    c.create('b', { group: 'web' });
    c.act('delete', a);
    expect(c.create('c', { group: 'web' }).host).toBe(0);
  });

  it('affinity keeps members together', () => {
    const c = tinyCloud({ scheduler: { policy: 'filter_scheduler' } });
    c.inventory.addGroup('db', 'affinity', c.inventory.projects.get(OWNER)!.id);
    const first = c.create('d1', { group: 'db' });
    expect(c.create('d2', { group: 'db' }).host).toBe(first.host);
  });

  it("refuses another project's group, a full group (server_group_members) and an unknown zone", () => {
    const c = tinyCloud({ config: { server_group_members: 1 } });
    c.inventory.addGroup('mine', 'soft-affinity', c.inventory.projects.get(OWNER)!.id);
    expect(c.request('x', { group: 'mine', project: OTHER_PROJECT })).toBeNull();
    expect(c.rows.at(-1)!.reason).toBe('Instance group mine could not be found.');
    c.create('y', { group: 'mine' });
    expect(c.request('z', { group: 'mine' })).toBeNull();
    expect(c.rows.at(-1)!.reason).toBe('Quota exceeded, too many servers in group');
    expect(c.request('q', { availabilityZone: 'az9' })).toBeNull();
    expect(c.rows.at(-1)!.reason).toBe('The requested availability zone is not available');
  });
});

describe('hostId', () => {
  it("is Nova's sha224 of project and host: shared within a project on one host, distinct across projects", () => {
    // python3 -c "import hashlib; print(hashlib.sha224(('alpha' + 'compute-1').encode()).hexdigest())"
    expect(hostIdOf('compute-1', 'alpha')).toBe('4f6774820f847ca51302c7e581038405e8ad33c2a71c9a7e541b8c64');
    expect(hostIdOf('compute-1', 'alpha')).toBe(hostIdOf('compute-1', 'alpha'));
    expect(hostIdOf('compute-1', 'alpha')).not.toBe(hostIdOf('compute-1', 'beta'));
    expect(hostIdOf('compute-1', 'alpha')).not.toBe(hostIdOf('compute-2', 'alpha'));
    expect(hostIdOf(null, 'alpha')).toBe('');
  });
});
