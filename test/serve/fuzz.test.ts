import fc from 'fast-check';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_BODIES } from '../../src/serve/compute/action-bodies.js';
import { createBody, startServed, type Served } from './served.js';

let s: Served;
let ids: string[] = [];
beforeAll(async () => {
  s = await startServed({ speed: 600 });
  for (const name of ['f1', 'f2']) {
    const res = await s.call('POST', '/compute/v2.1/servers', { as: 'alice', version: '2.56', body: createBody(name) });
    ids.push((res.body as { server: { id: string } }).server.id);
  }
});
afterAll(async () => {
  await s.stop();
  s.clean();
});

const segment = fc.oneof(
  fc.constantFrom('servers', 'detail', 'action', 'metadata', 'os-instance-actions', 'flavors', 'os-extra_specs', 'os-server-groups', 'os-hypervisors', 'os-services', 'limits', 'ips', 'statistics', '..', '%00', '%E0%A4%A'),
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
  fc.constantFrom(...['00000000-0000-4000-8000-000000000000', '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-d000-000000000000']),
);
const path = fc.oneof(
  fc.array(segment, { maxLength: 5 }).map((p) => `/compute/v2.1/${p.join('/')}`),
  fc.array(segment, { maxLength: 4 }).map((p) => `/${['identity', 'image', 'novasim', 'compute', 'x'][p.length % 5]}/${p.join('/')}`),
  fc.constantFrom('/compute/v2.1/servers', '/compute/v2.1/servers/detail', '/compute/v2.1/os-server-groups', '/identity/v3/auth/tokens'),
);
const query = fc.dictionary(fc.constantFrom('limit', 'marker', 'name', 'status', 'all_tenants', 'flavor', 'image', 'ip', 'host', 'x'), fc.string({ maxLength: 20 }), { maxKeys: 3 });
const actionBody = fc.tuple(fc.constantFrom(...Object.keys(ACTION_BODIES)), fc.jsonValue({ maxDepth: 3 })).map(([k, v]) => ({ [k]: v }));
const createLike = fc.record({ name: fc.string(), flavorRef: fc.jsonValue({ maxDepth: 1 }), networks: fc.jsonValue({ maxDepth: 2 }), min_count: fc.jsonValue({ maxDepth: 0 }) }, { requiredKeys: [] })
  .map((server) => ({ server: { ...createBody('fz').server, ...server } }));
const body = fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 4 }), actionBody, createLike);
const raw = fc.oneof(fc.string({ maxLength: 200 }), fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('latin1')));

/** One request as Node's http sends it: any method, path and body, nothing normalised on the way. */
function send(method: string, target: string, headers: Record<string, string>, body: string | undefined): Promise<{ status: number; text: string }> {
  const url = new URL(s.serving.url);
  return new Promise((done, fail) => {
    const req = request({ host: url.hostname, port: url.port, method, path: target, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d: string) => (text += d));
      res.on('end', () => done({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', fail);
    req.end(body);
  });
}

describe('fuzz: generated requests never break the served cloud', () => {
  it('answers every request with a status below 500 and a JSON body, and goes on serving', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'),
        path,
        query,
        fc.oneof(body, raw.map((r) => ({ raw: r }))),
        fc.constantFrom(undefined, 'alice', 'admin', 'rita', 'olga'),
        fc.option(fc.oneof(fc.constantFrom('2.1', '2.56', 'latest', '2.0', '3.0', '2.9999'), fc.string({ maxLength: 8 })), { nil: undefined }),
        async (method, p, q, b, as, version) => {
          const search = new URLSearchParams(q).toString();
          const target = `${p.replace(/\/servers\/(\d)$/, (_m, i) => `/servers/${ids[Number(i) % ids.length]}`)}${search === '' ? '' : `?${search}`}`;
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          if (as !== undefined) headers['x-auth-token'] = await s.token(as);
          if (version !== undefined) headers['openstack-api-version'] = `compute ${version}`;
          const text = typeof b === 'object' && b !== null && 'raw' in b ? String(b.raw) : b === undefined ? undefined : JSON.stringify(b);
          const res = await send(method, target, headers, text);
          expect(res.status, `${method} ${target} -> ${res.text}`).toBeLessThan(500);
          if (res.text !== '') expect(() => JSON.parse(res.text) as unknown, res.text).not.toThrow();
        },
      ),
      { numRuns: 400, seed: 17 },
    );
    expect((await s.call('GET', '/compute/v2.1/servers', { as: 'alice' })).status).toBe(200);
  });
});
