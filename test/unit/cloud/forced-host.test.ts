/**
 * Nova's legacy way for an admin to force a create onto a host:
 * availability_zone "zone:host" (nova/compute/api.py parse_availability_zone,
 * policy os_compute_api:servers:create:forced_host, admin by default). The
 * forced host skips the scheduler's filters; Placement's resource check stays.
 */
import { describe, expect, it } from 'vitest';
import { parseAvailabilityZone } from '../../../src/lifecycle/availability-zone.js';
import { tinyCloud } from '../../support/tiny-cloud.js';

describe('parseAvailabilityZone', () => {
  it.each([
    [undefined, { zone: null, host: null }],
    ['az1', { zone: 'az1', host: null }],
    ['nova:compute-2', { zone: 'nova', host: 'compute-2' }],
    [':compute-2', { zone: null, host: 'compute-2' }],
    ['nova:compute-2:node', { zone: 'nova', host: 'compute-2' }],
    ['nova::node-7', { zone: 'nova', host: 'node-7' }],
  ])('reads %j', (text, zone) => expect(parseAvailabilityZone(text)).toEqual(zone));

  it("refuses more than two colons with Nova's 400", () => {
    expect(parseAvailabilityZone('a:b:c:d')).toEqual({ status: 400, message: 'Invalid input received: Unable to parse availability_zone' });
  });
});

describe('create with a forced host', () => {
  it('an admin builds on the host named, not where the scheduler would (first fit: compute-0)', () => {
    const c = tinyCloud();

    const server = c.create('db', { availabilityZone: 'nova:compute-1', asAdmin: true });

    expect(c.hostOf(server).name).toBe('compute-1');
    expect(server.availabilityZone).toBe('nova');
    expect(c.placements[0]!.decision?.filters.map((f) => f.filter)).toEqual(['Placement']);
  });

  it("a member is refused by the policy, with Nova's 403", () => {
    const c = tinyCloud();

    expect(c.request('db', { availabilityZone: 'nova:compute-1' })).toBeNull();
    expect(c.rowsOf('db').at(-1)).toMatchObject({ outcome: 'rejected', httpStatus: 403, reason: "Policy doesn't allow os_compute_api:servers:create:forced_host to be performed." });
  });

  it('an unknown host is refused with a 400 naming it', () => {
    const c = tinyCloud();

    expect(c.request('db', { availabilityZone: 'nova:compute-9', asAdmin: true })).toBeNull();
    expect(c.rowsOf('db').at(-1)).toMatchObject({ httpStatus: 400, reason: 'Compute host compute-9 could not be found.' });
  });

  it('the forced host still needs room for the flavor (Placement), else NoValidHost', () => {
    const c = tinyCloud();
    for (let i = 0; i < 2; i++) c.create(`big-${i}`, { flavor: 'm1.large', availabilityZone: 'nova:compute-1', asAdmin: true });

    const server = c.request('one-more', { flavor: 'm1.large', availabilityZone: 'nova:compute-1', asAdmin: true })!;
    c.settle(server);

    expect(server.vmState).toBe('error');
    expect(c.placements.at(-1)!.decision?.filters).toEqual([{ filter: 'Placement', before: 1, after: 0 }]);
  });
});
