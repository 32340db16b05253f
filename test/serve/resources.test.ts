import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBody, startServed, type Served } from './served.js';

let s: Served;
beforeAll(async () => {
  s = await startServed();
});
afterAll(async () => {
  await s.stop();
  s.clean();
});

const V = '2.56';
type Body = Record<string, unknown>;
const get = async (path: string, as: 'alice' | 'admin' = 'admin', version = V): Promise<Body> => (await s.call('GET', `/compute/v2.1/${path}`, { as, version })).body as Body;

describe('the resources of a served cloud', () => {
  it('serves the scenario flavors, their extra specs and the project limits', async () => {
    const flavors = (await get('flavors/detail', 'alice')) as { flavors: Body[] };
    expect(flavors.flavors.map((f) => f['id'])).toEqual(['m1.large', 'm1.small', 'm1.tiny']);
    expect(flavors.flavors[0]).toMatchObject({ ram: 8192, vcpus: 4, disk: 80, swap: '', 'os-flavor-access:is_public': true, description: null });
    expect(await get('flavors/m1.large/os-extra_specs', 'alice')).toEqual({ extra_specs: { 'hw:cpu_policy': 'shared' } });
    expect(await get('flavors/m1.large/os-extra_specs/nope', 'alice')).toEqual({ itemNotFound: { code: 404, message: 'Flavor m1.large has no extra specs with key nope.' } });
    const limits = (await get('limits', 'alice')) as { limits: { absolute: Body } };
    expect(limits.limits.absolute).toMatchObject({ maxTotalInstances: 40, maxTotalCores: 80, totalInstancesUsed: 0, maxServerMeta: 128, maxPersonality: 5 });
    expect(((await get('limits', 'alice', '2.38')) as { limits: { absolute: Body } }).limits.absolute['maxImageMeta']).toBe(128);
  });

  it('places an anti-affinity group of three on three hosts', async () => {
    const made = await s.call('POST', '/compute/v2.1/os-server-groups', { as: 'alice', version: V, body: { server_group: { name: 'spread', policies: ['anti-affinity'] } } });
    const group = (made.body as { server_group: Body }).server_group;
    expect(group).toMatchObject({ name: 'spread', policies: ['anti-affinity'], members: [], metadata: {}, project_id: 'demo', user_id: 'alice' });
    for (const n of [1, 2, 3])
      expect((await s.call('POST', '/compute/v2.1/servers', { as: 'alice', version: V, body: { ...createBody(`g${n}`), 'os:scheduler_hints': { group: group['id'] } } })).status).toBe(202);
    await s.advance(600);
    const members = ((await get(`os-server-groups/${group['id']}`, 'alice')) as { server_group: { members: string[] } }).server_group.members;
    expect(members).toHaveLength(3);
    const hosts = await Promise.all(members.map(async (id) => ((await get(`servers/${id}`)) as { server: Body }).server['OS-EXT-SRV-ATTR:host']));
    expect(new Set(hosts).size).toBe(3);
    const fourth = await s.call('POST', '/compute/v2.1/servers', { as: 'alice', version: V, body: { ...createBody('g4'), 'os:scheduler_hints': { group: group['id'] } } });
    await s.advance(600);
    expect(((await get(`servers/${(fourth.body as { server: Body }).server['id']}`, 'alice')) as { server: Body }).server['status']).toBe('ERROR');
  });

  it('fails a host, forces its service down and evacuates, with the services, hypervisors and instance actions to show it', async () => {
    const made = await s.call('POST', '/compute/v2.1/servers', { as: 'alice', version: V, body: createBody('victim') });
    const id = (made.body as { server: Body }).server['id'] as string;
    await s.advance(600);
    const host = ((await get(`servers/${id}`)) as { server: Body }).server['OS-EXT-SRV-ATTR:host'] as string;
    expect((await s.call('POST', `/novasim/admin/hosts/${host}/fail`, { as: 'admin' })).status).toBe(202);
    const early = await s.call('POST', `/compute/v2.1/servers/${id}/action`, { as: 'admin', version: V, body: { evacuate: {} } });
    expect(early.body).toEqual({ badRequest: { code: 400, message: `Compute service of ${host} is still in use.` } });
    const services = (await get(`os-services?host=${host}`)) as { services: Body[] };
    const service = services.services[0]!;
    expect(service).toMatchObject({ binary: 'nova-compute', host, status: 'enabled', forced_down: false, zone: 'nova' });
    const forced = await s.call('PUT', `/compute/v2.1/os-services/${String(service['id'])}`, { as: 'admin', version: V, body: { forced_down: true } });
    expect(forced.body).toMatchObject({ service: { forced_down: true, state: 'down' } });
    expect((await s.call('POST', `/compute/v2.1/servers/${id}/action`, { as: 'admin', version: V, body: { evacuate: {} } })).status).toBe(200);
    await s.advance(600);
    const moved = ((await get(`servers/${id}`)) as { server: Body }).server;
    expect(moved['status']).toBe('ACTIVE');
    expect(moved['OS-EXT-SRV-ATTR:host']).not.toBe(host);
    const hypervisors = (await get('os-hypervisors/detail')) as { hypervisors: Body[] };
    expect(hypervisors.hypervisors.find((h) => h['hypervisor_hostname'] === host)).toMatchObject({ state: 'down', status: 'enabled' });
    expect(((await get('os-hypervisors/statistics')) as { hypervisor_statistics: Body }).hypervisor_statistics['count']).toBe(3);
    const actions = (await get(`servers/${id}/os-instance-actions`)) as { instanceActions: Body[] };
    expect(actions.instanceActions.map((a) => a['action'])).toEqual(['evacuate', 'create']);
    const evacuation = (await get(`servers/${id}/os-instance-actions/${String(actions.instanceActions[0]!['request_id'])}`)) as { instanceAction: Body };
    expect(evacuation.instanceAction).toMatchObject({ user_id: 'admin', project_id: 'admin', events: [{ event: 'compute_rebuild_instance', result: 'Success', traceback: null }] });
    // Before 2.51 an owner sees no events; from 2.51 it does, without the traceback.
    const owner = (v: string) => get(`servers/${id}/os-instance-actions/${String(actions.instanceActions[0]!['request_id'])}`, 'alice', v);
    expect(((await owner('2.50')) as { instanceAction: Body }).instanceAction['events']).toBeUndefined();
    expect(((await owner('2.51')) as { instanceAction: { events: Body[] } }).instanceAction.events[0]!['traceback']).toBeUndefined();
  });

  it('lists zones, aggregates and the moves in flight', async () => {
    expect(await get('os-availability-zone', 'alice')).toEqual({ availabilityZoneInfo: [{ zoneName: 'nova', zoneState: { available: true }, hosts: null }] });
    expect(await get('os-aggregates')).toEqual({ aggregates: [] });
    const made = await s.call('POST', '/compute/v2.1/servers', { as: 'alice', version: V, body: createBody('mover') });
    const id = (made.body as { server: Body }).server['id'] as string;
    await s.advance(600);
    await s.call('POST', `/compute/v2.1/servers/${id}/action`, { as: 'alice', version: V, body: { resize: { flavorRef: 'm1.small' } } });
    await s.advance(3600);
    const migrations = (await get(`os-migrations?instance_uuid=${id}`)) as { migrations: Body[] };
    expect(migrations.migrations).toMatchObject([{ status: 'finished', migration_type: 'resize', instance_uuid: id }]);
  });
});
