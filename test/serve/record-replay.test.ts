import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, ensureBuilt } from '../integration/helpers.js';
import { createBody, startServed, USERS, type Served } from './served.js';

let s: Served;
beforeAll(() => ensureBuilt());
afterAll(() => s?.clean());

const V = '2.56';

/** A conversation of accepted and refused requests, host events and clock jumps, at a speed where wall time moves the clock too. */
async function converse(): Promise<void> {
  const post = (path: string, body: unknown, as: 'alice' | 'admin' | 'olga' = 'alice') => s.call('POST', `/compute/v2.1/${path}`, { as, version: V, body });
  const ids: string[] = [];
  for (const name of ['a', 'b']) ids.push(((await post('servers', createBody(name, { adminPass: 'Short' }))).body as { server: { id: string } }).server.id);
  await post('servers', createBody('batch', { min_count: 2, max_count: 4 }));
  await post('servers', createBody('nope', { flavorRef: 'no-such-flavor' }));
  await post('os-server-groups', { server_group: { name: 'spread', policies: ['anti-affinity'] } });
  await s.advance(3600); // lands exactly on a sample
  await post(`servers/${ids[0]}/action`, { reboot: { type: 'HARD' } });
  await post(`servers/${ids[0]}/action`, { pause: null }, 'olga'); // another project's: 404, recorded
  await post(`servers/${ids[1]}/action`, { changePassword: { adminPass: 'Another-Secret-9' } });
  await post(`servers/${ids[1]}/action`, { migrate: null }); // admin only: 403, recorded
  await s.call('POST', '/novasim/admin/hosts/compute-2/fail', { as: 'admin' });
  await s.call('PUT', '/compute/v2.1/os-services/00000000-0000-4000-d000-000000000001', { as: 'admin', version: V, body: { forced_down: true } });
  await s.advance(120);
  for (const id of ids) await post(`servers/${id}/action`, { evacuate: {} }, 'admin');
  await s.call('POST', `/compute/v2.1/servers/${ids[0]}/metadata`, { as: 'alice', version: V, body: { metadata: { role: 'db' } } });
  await s.call('DELETE', `/compute/v2.1/servers/${ids[1]}`, { as: 'alice', version: V });
  await s.advance(1234.5);
}

describe('record and replay', () => {
  it('novasim run of the recording writes the served results folder byte for byte, and no password anywhere', async () => {
    s = await startServed({ speed: 30 });
    await converse();
    const outcome = await s.stop();
    const recording = readFileSync(s.recording, 'utf8');
    expect(recording).toContain('served:');
    expect(recording).toContain(`stopped_at: ${outcome.stoppedAt}`);
    // Admin passwords become stand-ins of the same length and character classes; users' passwords are left out.
    expect(recording).toContain('admin_pass: aAaaa');
    for (const secret of [...Object.values(USERS), 'Short', 'Another-Secret-9']) expect(recording).not.toContain(secret);

    const replay = join(s.dir, 'replay');
    const run = cli(['run', s.recording, '--out', replay]);
    expect(run.status, run.stderr).toBe(0);
    const served = readdirSync(s.out).sort();
    expect(readdirSync(replay).sort()).toEqual(served);
    for (const file of served) {
      const bytes = readFileSync(join(s.out, file));
      for (const secret of [...Object.values(USERS), 'Short', 'Another-Secret-9']) expect(bytes.includes(secret), `${file} holds a password`).toBe(false);
      if (file !== 'run.json') expect(readFileSync(join(replay, file)).equals(bytes), `${file} differs`).toBe(true);
    }
    const events = readFileSync(join(s.out, 'events.csv'), 'utf8');
    expect(events).toMatch(/,pause,rejected,.*could not be found\.,404/);
    expect(events).toMatch(/,migrate,rejected,.*,403/);
  });
});
