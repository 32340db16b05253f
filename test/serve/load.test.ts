import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsv } from '../integration/helpers.js';
import { createBody, startServed, type Served } from './served.js';

let s: Served;
beforeAll(async () => {
  s = await startServed({ speed: 60 });
});
afterAll(() => s.clean());

const CLIENTS = 16;
const EACH = 12;

describe('load: parallel clients on loopback', () => {
  it('takes every request once: no create lost, none duplicated, reads answered meanwhile', async () => {
    const started = performance.now();
    const client = async (c: number): Promise<string[]> => {
      const ids: string[] = [];
      for (let i = 0; i < EACH; i++) {
        const res = await s.call('POST', '/compute/v2.1/servers', { as: 'olga', version: '2.56', body: createBody(`load-${c}-${i}`) });
        expect(res.status, res.text).toBe(202);
        ids.push((res.body as { server: { id: string } }).server.id);
        const read = await s.call('GET', `/compute/v2.1/servers/${ids.at(-1)}`, { as: 'olga', version: '2.56' });
        expect(read.status).toBe(200);
      }
      return ids;
    };
    const ids = (await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)))).flat();
    expect(performance.now() - started).toBeLessThan(30_000);
    expect(new Set(ids).size).toBe(CLIENTS * EACH);

    // Every server, paged through as Nova pages: each listed once.
    const listed: string[] = [];
    for (let marker = ''; ; ) {
      const page = await s.call('GET', `/compute/v2.1/servers?all_tenants=1&limit=50${marker}`, { as: 'admin', version: '2.56' });
      const servers = (page.body as { servers: { id: string; name: string }[] }).servers;
      listed.push(...servers.filter((x) => x.name.startsWith('load-')).map((x) => x.id));
      if (servers.length < 50) break;
      marker = `&marker=${servers.at(-1)!.id}`;
    }
    expect(listed.sort()).toEqual([...ids].sort());

    const outcome = await s.stop();
    const accepted = readCsv(outcome.folder, 'events.csv').filter((r) => r['action'] === 'create' && r['outcome'] === 'accepted' && r['server']!.startsWith('load-'));
    expect(accepted).toHaveLength(CLIENTS * EACH);
    expect(new Set(accepted.map((r) => r['server'])).size).toBe(CLIENTS * EACH);
    const recording = readFileSync(s.recording, 'utf8');
    expect(recording.match(/server: load-/g)).toHaveLength(CLIENTS * EACH);
    expect(readFileSync(join(outcome.folder, 'summary.json'), 'utf8')).toContain('"create"');
  });
});
