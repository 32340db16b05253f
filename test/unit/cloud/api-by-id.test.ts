import { describe, expect, it } from 'vitest';
import { instancesAllowed } from '../../../src/cloud/multiple-create.js';
import type { CreateRequest } from '../../../src/lifecycle/requests.js';
import { NOVA_DEFAULT_QUOTA } from '../../../src/model/compute-limits.js';
import { IMAGE, OTHER_PROJECT, OWNER, SMALL, tinyCloud } from '../../support/tiny-cloud.js';

const request = (server: string, more: Partial<CreateRequest> = {}): CreateRequest => ({
  action: 'create', server, project: OWNER, flavor: SMALL, image: IMAGE, asAdmin: false, ...more,
});

describe('the Compute API by id', () => {
  it('lets names repeat and finds each server by its id', () => {
    const c = tinyCloud();
    const a = c.nova.api.create(request('web'), 'id');
    const b = c.nova.api.create(request('web'), 'id');
    if ('status' in a || 'status' in b) throw new Error('refused');
    expect(a.uuid).not.toBe(b.uuid);
    expect(c.inventory.serverByUuid(b.uuid)).toBe(b);
    expect(c.inventory.serverByUuid('not-a-uuid')).toBeUndefined();
    // Scenario files still refer by name, so there a repeated name is refused.
    expect(c.nova.api.create(request('web'))).toEqual({ status: 409, message: 'Server name web is already in use.' });
  });

  it("answers a member 404 for another project's server, and lets an admin through", () => {
    const c = tinyCloud();
    const server = c.create('web');
    const notFound = { status: 404, message: `Instance ${server.uuid} could not be found.` };
    expect(c.nova.api.submitById({ action: 'pause', server: server.uuid, asAdmin: false }, OTHER_PROJECT)).toEqual(notFound);
    expect(c.rows.at(-1)).toMatchObject({ serverName: server.uuid, outcome: 'rejected', httpStatus: 404 });
    expect(c.nova.api.submitById({ action: 'pause', server: server.uuid, asAdmin: true }, OTHER_PROJECT)).toBeNull();
    expect(c.nova.api.submitById({ action: 'lock', server: server.uuid, asAdmin: false }, OWNER)).toBeNull();
  });

  it('returns the refusal a row records', () => {
    const c = tinyCloud();
    const server = c.create('web');
    expect(c.nova.api.submit({ action: 'unpause', server: 'web', asAdmin: false })).toEqual({
      status: 409,
      message: `Cannot 'unpause' instance ${server.uuid} while it is in vm_state active`,
    });
  });
});

describe('multiple create', () => {
  const quota = { ...NOVA_DEFAULT_QUOTA, instances: 10, cores: 4, ram: -1 };
  const flavor = { id: 0, name: 'f', vcpus: 1, ramMb: 512, diskGb: 1 } as never;
  const used = { instances: 1, cores: 1, ram: 512 };

  it('makes max_count when the quota holds them, else as many as fit down to min_count', () => {
    expect(instancesAllowed(quota, used, flavor, 1, 3)).toBe(3);
    expect(instancesAllowed(quota, used, flavor, 1, 5)).toBe(3);
  });

  it("refuses with Nova's TooManyInstances text below min_count", () => {
    expect(instancesAllowed(quota, used, flavor, 4, 5)).toEqual({
      status: 403,
      message: 'Quota exceeded for cores: Requested 5, but already used 1 of 4 cores',
    });
  });

  it('names the servers name-1..name-N, and a single server by its own name', () => {
    const c = tinyCloud();
    const made = c.nova.api.createMany(request('web'), 2, 3);
    if ('status' in made) throw new Error(made.message);
    expect(made.map((s) => s.name)).toEqual(['web-1', 'web-2', 'web-3']);
    expect(c.nova.api.createMany(request('solo'), 1, 1)).toMatchObject([{ name: 'solo' }]);
  });
});

describe('forced_down (os-services, microversion 2.11)', () => {
  it('takes a failed host down at once, so evacuation may start before service_down_time', () => {
    const c = tinyCloud({ hosts: 2 });
    const server = c.create('web');
    const host = c.hostOf(server);
    c.failHost(host);
    expect(c.nova.api.submit({ action: 'evacuate', server: 'web', asAdmin: true })).toMatchObject({ status: 400 });
    c.nova.hosts.setForcedDown(host, true);
    expect(c.hostFacts.slice(-2).map((f) => f.action)).toEqual(['force_down_host', 'service_down']);
    expect(c.nova.api.submit({ action: 'evacuate', server: 'web', asAdmin: true })).toBeNull();
  });

  it('lifting it lets the heartbeats decide: a host that sends none goes down after service_down_time', () => {
    const c = tinyCloud({ hosts: 1 });
    const host = c.host('compute-0');
    c.nova.hosts.fence(host);
    c.nova.hosts.setForcedDown(host, false);
    expect(host.forcedDown).toBe(false);
    expect(host.downSince).toBe(c.now + c.nova.cloud.config.service_down_time);
  });
});
