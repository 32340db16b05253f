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

const bad = (message: string) => ({ badRequest: { code: 400, message } });

describe("a served cloud's errors are Nova's", () => {
  it('negotiates microversions: none is 2.1, latest is 2.56, out of range 406, malformed 400', async () => {
    expect((await s.call('GET', '/compute/v2.1/servers', { as: 'alice' })).headers.get('openstack-api-version')).toBe('compute 2.1');
    expect((await s.call('GET', '/compute/v2.1/servers', { as: 'alice', version: 'latest' })).headers.get('x-openstack-nova-api-version')).toBe('2.56');
    const legacy = await s.call('GET', '/compute/v2.1/servers', { as: 'alice', headers: { 'x-openstack-nova-api-version': '2.9' } });
    expect(legacy.headers.get('openstack-api-version')).toBe('compute 2.9');
    expect((await s.call('GET', '/compute/v2.1/servers', { as: 'alice', version: '2.57' })).body).toEqual({
      computeFault: { code: 406, message: 'Version 2.57 is not supported by the API. Minimum is 2.1 and maximum is 2.56.' },
    });
    expect((await s.call('GET', '/compute/v2.1/servers', { as: 'alice', version: '2.x' })).body).toEqual(
      bad('API Version String 2.x is of invalid format. Must be of format MajorNum.MinorNum.'),
    );
    const versions = (await s.call('GET', '/compute')).body as { versions: { version: string; min_version: string }[] };
    expect(versions.versions[0]).toMatchObject({ id: 'v2.1', version: '2.56', min_version: '2.1', status: 'CURRENT' });
  });

  it("validates bodies with Nova's schemas and words", async () => {
    const post = (body: unknown, version = '2.56') => s.call('POST', '/compute/v2.1/servers', { as: 'alice', version, body });
    expect((await s.call('POST', '/compute/v2.1/servers', { as: 'alice', raw: '{"server": ' })).body).toEqual(bad('Malformed request body'));
    expect((await post({ server: { name: 'x' } })).body).toEqual(bad("Invalid input for field/attribute server. Value: {'name': 'x'}. 'flavorRef' is a required property"));
    expect((await post({ server: { name: 'x', flavorRef: 'm1.tiny', imageRef: 'cirros', networks: 'auto' } })).body).toEqual(
      bad("Invalid input for field/attribute imageRef. Value: cirros. 'cirros' is not valid under any of the given schemas"),
    );
    expect((await post({ ...createBody('x'), extra: 1 })).body).toEqual(bad("Additional properties are not allowed ('extra' was unexpected)"));
    expect((await post({ server: { name: 'x', flavorRef: 'm1.tiny', imageRef: '00000000-0000-4000-a000-000000000000' } })).body).toEqual(
      bad("Invalid input for field/attribute server. Value: {'name': 'x', 'flavorRef': 'm1.tiny', 'imageRef': '00000000-0000-4000-a000-000000000000'}. 'networks' is a required property"),
    );
    expect((await post(createBody(' x'))).body).toEqual(bad("An invalid 'name' value was provided. The name must be: printable characters. Can not start or end with whitespace."));
    expect((await post(createBody('x', { min_count: 3, max_count: 2 }))).body).toEqual(bad('min_count must be <= max_count'));
    expect((await post(createBody('x', { flavorRef: 'nope' }))).body).toEqual(bad('Flavor nope could not be found.'));
    const action = (body: unknown) => s.call('POST', '/compute/v2.1/servers/00000000-0000-4000-8000-000000000000/action', { as: 'alice', version: '2.56', body });
    expect((await action({ frobnicate: null })).body).toEqual(bad('There is no such action: frobnicate'));
    expect((await action({ reboot: { type: 'GENTLE' } })).body).toEqual(
      bad("Invalid input for field/attribute type. Value: GENTLE. 'GENTLE' is not one of ['HARD', 'Hard', 'hard', 'SOFT', 'Soft', 'soft']"),
    );
    expect((await action({ resize: {} })).body).toEqual(bad("Invalid input for field/attribute resize. Value: {}. 'flavorRef' is a required property"));
  });

  it('refuses what it does not serve: 413 over the body limit, 404 for no route, 405 for a wrong method', async () => {
    const huge = JSON.stringify(createBody('x', { metadata: { a: 'b'.repeat(200_000) } }));
    expect((await s.call('POST', '/compute/v2.1/servers', { as: 'alice', raw: huge })).body).toEqual({ overLimit: { code: 413, message: 'Request is too large.' } });
    expect((await s.call('GET', '/compute/v2.1/nothing-here', { as: 'alice' })).body).toEqual({ itemNotFound: { code: 404, message: 'The resource could not be found.' } });
    const wrong = await s.call('PATCH', '/compute/v2.1/servers', { as: 'alice' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET, POST');
    expect((await s.call('GET', '/compute/v2.1/servers/not-a-uuid', { as: 'alice' })).body).toEqual({ itemNotFound: { code: 404, message: 'Instance not-a-uuid could not be found.' } });
  });

  it('refuses by policy with the rule Nova names', async () => {
    expect((await s.call('POST', '/compute/v2.1/servers', { as: 'rita', version: '2.56', body: createBody('x') })).body).toEqual({
      forbidden: { code: 403, message: "Policy doesn't allow os_compute_api:servers:create to be performed." },
    });
    expect((await s.call('GET', '/compute/v2.1/os-hypervisors', { as: 'alice' })).body).toEqual({
      forbidden: { code: 403, message: "Policy doesn't allow os_compute_api:os-hypervisors:list to be performed." },
    });
    expect((await s.call('GET', '/compute/v2.1/servers?all_tenants=1', { as: 'alice' })).status).toBe(403);
    expect((await s.call('POST', '/novasim/admin/clock', { as: 'alice', body: { advance: 1 } })).status).toBe(403);
  });
});
