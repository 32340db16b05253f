import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServed, USERS, type Served } from './served.js';

let s: Served;
beforeAll(async () => {
  s = await startServed({ tokenSeconds: 2 });
});
afterAll(async () => {
  await s.stop();
  s.clean();
});

const login = (name: string, password: string, project?: string) =>
  s.call('POST', '/identity/v3/auth/tokens', {
    body: {
      auth: {
        identity: { methods: ['password'], password: { user: { name, domain: { name: 'Default' }, password } } },
        ...(project === undefined ? {} : { scope: { project: { name: project, domain: { name: 'Default' } } } }),
      },
    },
  });

describe('Keystone v3 of a served cloud', () => {
  it('answers version discovery as keystone/api/discovery.py does', async () => {
    const root = await s.call('GET', '/identity');
    expect(root.status).toBe(300);
    expect(root.body).toMatchObject({ versions: { values: [{ id: 'v3.14', status: 'stable', links: [{ rel: 'self', href: `${s.serving.url}/identity/v3/` }] }] } });
    expect((await s.call('GET', '/identity/v3')).body).toMatchObject({ version: { id: 'v3.14' } });
  });

  it('issues random project-scoped tokens with implied roles and a catalog', async () => {
    const a = await login('alice', USERS.alice, 'demo');
    const b = await login('alice', USERS.alice);
    expect(a.status).toBe(201);
    expect(a.headers.get('x-subject-token')).toMatch(/^[0-9a-f]{64}$/);
    expect(a.headers.get('x-subject-token')).not.toBe(b.headers.get('x-subject-token'));
    const token = (a.body as { token: Record<string, unknown> }).token;
    expect(token).toMatchObject({
      methods: ['password'],
      user: { id: 'alice', name: 'alice', domain: { id: 'default', name: 'Default' } },
      project: { id: 'demo', name: 'demo' },
      roles: [{ id: 'member', name: 'member' }, { id: 'reader', name: 'reader' }],
    });
    expect(String(token['expires_at'])).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    const catalog = token['catalog'] as { type: string; endpoints: { interface: string; url: string }[] }[];
    expect(catalog.find((c) => c.type === 'compute')?.endpoints[0]?.url).toBe(`${s.serving.url}/compute/v2.1`);
    // Without a scope, the user's own project (Keystone's default project).
    expect((b.body as { token: { project: { name: string } } }).token.project.name).toBe('demo');
  });

  it('refuses a wrong password, an unknown user and a project the user has no role in alike', async () => {
    const refused = { error: { code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.' } };
    expect((await login('alice', 'wrong', 'demo')).body).toEqual(refused);
    expect((await login('nobody', 'x', 'demo')).body).toEqual(refused);
    expect((await login('alice', USERS.alice, 'admin')).body).toEqual(refused);
    expect((await s.call('POST', '/identity/v3/auth/tokens', { raw: '{"auth": ' })).status).toBe(400);
  });

  it('validates, revokes and expires tokens; the compute API answers 401 without a valid one', async () => {
    const token = await s.token('alice');
    const valid = await s.call('GET', '/identity/v3/auth/tokens', { headers: { 'x-auth-token': token, 'x-subject-token': token } });
    expect(valid.status).toBe(200);
    const bad = await s.call('GET', '/identity/v3/auth/tokens', { headers: { 'x-auth-token': token, 'x-subject-token': 'nope' } });
    expect(bad.body).toEqual({ error: { code: 404, title: 'Not Found', message: 'Failed to validate token' } });

    const none = await s.call('GET', '/compute/v2.1/servers');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe(`Keystone uri="${s.serving.url}/identity"`);
    expect((await s.call('GET', '/compute/v2.1/servers', { headers: { 'x-auth-token': 'f'.repeat(64) } })).status).toBe(401);

    const spare = (await login('olga', USERS.olga)).headers.get('x-subject-token')!;
    expect((await s.call('DELETE', '/identity/v3/auth/tokens', { headers: { 'x-auth-token': spare, 'x-subject-token': spare } })).status).toBe(204);
    expect((await s.call('GET', '/compute/v2.1/servers', { headers: { 'x-auth-token': spare } })).status).toBe(401);

    // Tokens live two seconds here (tokenSeconds): a Keystone token's life is wall-clock time.
    await new Promise((done) => setTimeout(done, 2100));
    expect((await s.call('GET', '/compute/v2.1/servers', { headers: { 'x-auth-token': token } })).status).toBe(401);
  });
});
