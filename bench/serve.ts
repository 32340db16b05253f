import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchContext } from './sections.js';

/**
 * `novasim serve` under load: the built CLI serves a cloud of 500 hosts in
 * its own process; a client here fills it with 1,000 or 100,000 servers
 * (multiple creates of 1,000), lets them build, then times single creates,
 * list pages and shows from several keep-alive connections at once.
 */
const CLI = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const CONCURRENCY = 8;
const IMAGE = '00000000-0000-4000-a000-000000000000';

const scenario = `
name: bench-serve
seed: 1
duration: 30d
metrics: { sample_interval: 1h }
flavors: [ { name: m1.tiny, vcpus: 1, ram_mb: 512, disk_gb: 1 } ]
images: [ { name: cirros, size_gb: 0.02 } ]
hosts: [ { name_prefix: cmp-, count: 500, vcpus: 64, ram_mb: 262144, disk_gb: 4000, cpu_allocation_ratio: 4 } ]
projects:
  - { name: bench, users: [ { name: bench, password: bench-password, role: admin } ] }
`;

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

function client(url: string) {
  const { hostname, port } = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  let token = '';
  const call = (method: string, path: string, body?: unknown): Promise<Answer> =>
    new Promise((done, fail) => {
      const text = body === undefined ? undefined : JSON.stringify(body);
      const headers = { 'x-auth-token': token, 'openstack-api-version': 'compute 2.56', ...(text ? { 'content-type': 'application/json' } : {}) };
      const req = request({ hostname, port, method, path, agent, headers }, (res) => {
        let data = '';
        res.setEncoding('utf8').on('data', (d: string) => (data += d));
        res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: data }));
      });
      req.on('error', fail);
      req.end(text);
    });
  return {
    call,
    login: async (): Promise<void> => {
      const answer = await call('POST', '/identity/v3/auth/tokens', {
        auth: { identity: { methods: ['password'], password: { user: { name: 'bench', domain: { name: 'Default' }, password: 'bench-password' } } } },
      });
      token = String(answer.headers['x-subject-token']);
    },
    close: () => agent.destroy(),
  };
}

/** Runs `count` calls from CONCURRENCY clients at once; latencies in ms and calls per second. */
async function timed(count: number, one: (i: number) => Promise<Answer>): Promise<{ perSecond: number; latencies: number[] }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (next < count) {
      const i = next++;
      const t = performance.now();
      const answer = await one(i);
      if (answer.status >= 400) throw new Error(`request ${i}: ${answer.status} ${answer.body.slice(0, 200)}`);
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { perSecond: count / ((performance.now() - started) / 1000), latencies: latencies.sort((a, b) => a - b) };
}

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function measure(ctx: BenchContext, servers: number, dir: string): Promise<string[]> {
  const file = join(dir, `cloud-${servers}.yaml`);
  writeFileSync(file, scenario);
  const child = spawn(process.execPath, [CLI, 'serve', file, '--port', '0', '--speed', '1', '--out', join(dir, `out-${servers}`)]);
  const url = await new Promise<string>((done, fail) => {
    let text = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      text += d;
      const found = /serving on (http:\/\/\S+)/.exec(text);
      if (found) done(found[1]!);
    });
    child.on('exit', (code) => fail(new Error(`novasim serve exited with ${code}`)));
  });
  const c = client(url);
  try {
    await c.login();
    ctx.log(`serve: filling the cloud with ${servers} servers`);
    for (let made = 0; made < servers; made += 1000) {
      const n = Math.min(1000, servers - made);
      await c.call('POST', '/compute/v2.1/servers', { server: { name: `fill-${made}`, flavorRef: 'm1.tiny', imageRef: IMAGE, networks: 'none', min_count: n, max_count: n } });
    }
    await c.call('POST', '/novasim/admin/clock', { advance: 3600 });
    const ids = Array.from({ length: servers }, (_, i) => `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`);
    const rows: string[] = [];
    const row = (what: string, r: { perSecond: number; latencies: number[] }) =>
      `| ${servers.toLocaleString('en')} | ${what} | ${r.latencies.length} | ${Math.round(r.perSecond)} | ${percentile(r.latencies, 50).toFixed(1)} | ${percentile(r.latencies, 95).toFixed(1)} | ${percentile(r.latencies, 99).toFixed(1)} |`;
    const n = ctx.quick ? 200 : 1000;
    ctx.log(`serve: timing at ${servers} servers`);
    rows.push(row('create (POST /servers)', await timed(n, (i) => c.call('POST', '/compute/v2.1/servers', { server: { name: `b-${i}`, flavorRef: 'm1.tiny', imageRef: IMAGE, networks: 'none' } }))));
    rows.push(row('list (GET /servers, a page of 1,000)', await timed(Math.ceil(n / 10), () => c.call('GET', '/compute/v2.1/servers'))));
    rows.push(row('list (GET /servers/detail?limit=100)', await timed(Math.ceil(n / 5), () => c.call('GET', '/compute/v2.1/servers/detail?limit=100'))));
    rows.push(row('show (GET /servers/{id})', await timed(n, (i) => c.call('GET', `/compute/v2.1/servers/${ids[(i * 7919) % servers]}`))));
    return rows;
  } finally {
    c.close();
    const exited = new Promise((done) => child.on('exit', done));
    child.kill('SIGINT');
    await exited;
  }
}

export async function runServeBenchmark(ctx: BenchContext): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'novasim-bench-serve-'));
  try {
    const rows = [...(await measure(ctx, 1_000, dir)), ...(await measure(ctx, ctx.quick ? 10_000 : 100_000, dir))];
    console.log('## Serve: the Compute API of a served cloud\n');
    console.log(`novasim serve in its own process, 500 hosts; ${CONCURRENCY} keep-alive clients at once from this process; latency in ms.\n`);
    console.log('| servers | request | requests | requests/s | p50 | p95 | p99 |');
    console.log('|---:|---|---:|---:|---:|---:|---:|');
    for (const r of rows) console.log(r);
    console.log();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
