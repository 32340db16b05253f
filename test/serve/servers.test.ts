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
type ServerBody = { server: Record<string, unknown> & { id: string } };

async function created(name: string, as: 'alice' | 'admin' = 'alice', more: Record<string, unknown> = {}): Promise<string> {
  const res = await s.call('POST', '/compute/v2.1/servers', { as, version: V, body: createBody(name, more) });
  expect(res.status, res.text).toBe(202);
  return (res.body as ServerBody).server.id;
}

describe('servers of a served cloud', () => {
  it("creates, answers 202 with Nova's create view, and builds as the model builds", async () => {
    const res = await s.call('POST', '/compute/v2.1/servers', { as: 'alice', version: V, body: createBody('web', { adminPass: 'Given-Pass-1' }) });
    const server = (res.body as ServerBody).server;
    expect(server).toMatchObject({ 'OS-DCF:diskConfig': 'MANUAL', security_groups: [{ name: 'default' }], adminPass: 'Given-Pass-1' });
    expect(res.headers.get('location')).toBe(`${s.serving.url}/compute/v2.1/servers/${server.id}`);
    expect(res.headers.get('openstack-api-version')).toBe('compute 2.56');
    const building = await s.call('GET', `/compute/v2.1/servers/${server.id}`, { as: 'alice', version: V });
    expect(building.body).toMatchObject({ server: { status: 'BUILD', addresses: {}, user_id: 'alice', tenant_id: 'demo' } });
    await s.advance(600);
    const active = (await s.call('GET', `/compute/v2.1/servers/${server.id}`, { as: 'alice', version: V })).body as ServerBody;
    expect(active.server).toMatchObject({ status: 'ACTIVE', progress: 100, locked: false, 'OS-EXT-STS:vm_state': 'active', flavor: { original_name: 'm1.tiny', vcpus: 1 } });
    expect(active.server['OS-EXT-SRV-ATTR:host']).toBeUndefined(); // extended attributes are an admin's
    expect(Object.keys(active.server['addresses'] as object)).toEqual(['private']);
  });

  it("shows each microversion's fields: flavor link before 2.47, locked from 2.9, the admin's attributes and host_status", async () => {
    const id = await created('versions');
    await s.advance(600);
    const old = ((await s.call('GET', `/compute/v2.1/servers/${id}`, { as: 'alice' })).body as ServerBody).server;
    expect(old['flavor']).toEqual({ id: 'm1.tiny', links: [{ href: `${s.serving.url}/compute/flavors/m1.tiny`, rel: 'bookmark' }] });
    expect(old['locked']).toBeUndefined();
    const admin = ((await s.call('GET', `/compute/v2.1/servers/${id}`, { as: 'admin', version: '2.16' })).body as ServerBody).server;
    expect(admin).toMatchObject({ locked: false, host_status: 'UP', 'OS-EXT-SRV-ATTR:launch_index': 0 });
    expect(admin['OS-EXT-SRV-ATTR:host']).toMatch(/^compute-\d$/);
    expect(admin['OS-EXT-SRV-ATTR:instance_name']).toMatch(/^instance-[0-9a-f]{8}$/);
    expect(admin['description']).toBeUndefined();
  });

  it('makes a multiple create name-1..name-N under one reservation, and answers the reservation when asked', async () => {
    const res = await s.call('POST', '/compute/v2.1/servers', { as: 'alice', version: V, body: createBody('batch', { min_count: 2, max_count: 3, return_reservation_id: true }) });
    const reservation = (res.body as { reservation_id: string }).reservation_id;
    expect(reservation).toMatch(/^r-[0-9a-z]{8}$/);
    const listed = await s.call('GET', `/compute/v2.1/servers?reservation_id=${reservation}`, { as: 'alice', version: V });
    expect((listed.body as { servers: { name: string }[] }).servers.map((x) => x.name)).toEqual(['batch-3', 'batch-2', 'batch-1']);
  });

  it('lets names repeat and lists newest first, filtered and paged with a next link', async () => {
    const first = await created('twin');
    const second = await created('twin');
    const twins = await s.call('GET', '/compute/v2.1/servers?name=^twin$', { as: 'alice', version: V });
    expect((twins.body as { servers: { id: string }[] }).servers.map((x) => x.id)).toEqual([second, first]);
    const page = (await s.call('GET', '/compute/v2.1/servers?limit=2', { as: 'alice', version: V })).body as { servers: { id: string }[]; servers_links: { href: string }[] };
    expect(page.servers).toHaveLength(2);
    expect(page.servers_links[0]!.href).toBe(`${s.serving.url}/compute/v2.1/servers?limit=2&marker=${page.servers[1]!.id}`);
    const next = (await s.call('GET', `/compute/v2.1/servers?limit=2&marker=${page.servers[1]!.id}`, { as: 'alice', version: V })).body as { servers: { id: string }[] };
    expect(next.servers[0]!.id).not.toBe(page.servers[1]!.id);
    expect((await s.call('GET', '/compute/v2.1/servers?status=bogus', { as: 'alice', version: V })).body).toEqual({ badRequest: { code: 400, message: 'Invalid status value' } });
    expect((await s.call('GET', '/compute/v2.1/servers?status=bogus', { as: 'alice', version: '2.37' })).body).toEqual({ servers: [] });
    expect((await s.call('GET', '/compute/v2.1/servers?marker=nope', { as: 'alice', version: V })).body).toEqual({ badRequest: { code: 400, message: 'marker [nope] not found' } });
  });

  it("acts through the lifecycle rows: Nova's 409 text, the admin-only 403 and a member's 404 for another project's server", async () => {
    const id = await created('acting');
    await s.advance(600);
    const act = (body: unknown, as: 'alice' | 'olga' | 'rita' | 'admin' = 'alice') => s.call('POST', `/compute/v2.1/servers/${id}/action`, { as, version: V, body });
    expect((await act({ unpause: null })).body).toEqual({ conflictingRequest: { code: 409, message: `Cannot 'unpause' instance ${id} while it is in vm_state active` } });
    expect((await act({ migrate: null })).body).toEqual({ forbidden: { code: 403, message: "Policy doesn't allow os_compute_api:os-migrate-server:migrate to be performed." } });
    expect((await act({ pause: null }, 'olga')).body).toEqual({ itemNotFound: { code: 404, message: `Instance ${id} could not be found.` } });
    expect((await act({ pause: null }, 'rita')).body).toEqual({ forbidden: { code: 403, message: "Policy doesn't allow os_compute_api:os-pause-server:pause to be performed." } });
    expect((await act({ reboot: { type: 'soft' } })).status).toBe(202);
    await s.advance(600);
    expect((await act({ resize: { flavorRef: 'm1.small' } })).status).toBe(202);
    await s.advance(3600);
    const resized = ((await s.call('GET', `/compute/v2.1/servers/${id}`, { as: 'alice', version: V })).body as ServerBody).server;
    expect(resized['status']).toBe('VERIFY_RESIZE');
    expect((await act({ confirmResize: null })).status).toBe(204);
    await s.advance(600);
    expect((await act({ createImage: { name: 'snap' } })).body).toMatchObject({ image_id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect((await s.call('DELETE', `/compute/v2.1/servers/${id}`, { as: 'olga', version: V })).status).toBe(404);
  });

  it('keeps metadata through the server-metadata rows', async () => {
    const id = await created('meta', 'alice', { metadata: { a: '1' } });
    await s.advance(600);
    const base = `/compute/v2.1/servers/${id}/metadata`;
    expect((await s.call('POST', base, { as: 'alice', version: V, body: { metadata: { b: '2' } } })).body).toEqual({ metadata: { a: '1', b: '2' } });
    expect((await s.call('PUT', `${base}/c`, { as: 'alice', version: V, body: { meta: { c: '3' } } })).body).toEqual({ meta: { c: '3' } });
    expect((await s.call('PUT', `${base}/c`, { as: 'alice', version: V, body: { meta: { d: '3' } } })).body).toEqual({ badRequest: { code: 400, message: 'Request body and URI mismatch' } });
    expect((await s.call('DELETE', `${base}/a`, { as: 'alice', version: V })).status).toBe(204);
    expect((await s.call('GET', base, { as: 'alice', version: V })).body).toEqual({ metadata: { b: '2', c: '3' } });
    expect((await s.call('GET', `${base}/a`, { as: 'alice', version: V })).body).toEqual({ itemNotFound: { code: 404, message: 'Metadata item was not found' } });
  });
});
