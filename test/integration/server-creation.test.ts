import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, ensureBuilt, read, runScenario, tempDir } from './helpers.js';

const FIXTURES = 'test/fixtures/creation';
const SCENARIO = `${FIXTURES}/passwords-and-files.yaml`;
const PASSWORDS = ['Sup3r-Secret-One', 'weak-secret-two', 'Mended-Secret-3', 'Rebuilt-Secret-4', 'Over-Ridden-Secret5'];

let dir: string;
let out: string;

beforeAll(() => {
  ensureBuilt();
  dir = tempDir('creation');
  out = join(dir, 'out');
  const r = runScenario(SCENARIO, out, ['--set', 'actions.2.admin_pass=Over-Ridden-Secret5']);
  if (r.status !== 0) throw new Error(r.stderr);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const json = (name: string) => JSON.parse(read(out, name));

describe(`novasim run ${SCENARIO}`, () => {
  it('writes no admin password into any output file, the --set one in run.json included', () => {
    const files = readdirSync(out);
    expect(files).toEqual(expect.arrayContaining(['servers.json', 'limits.json', 'files.json', 'run.json', 'events.csv']));
    for (const file of files) {
      const text = readFileSync(join(out, file), 'utf8');
      for (const password of PASSWORDS) expect(text.includes(password), `${password} in ${file}`).toBe(false);
    }
    expect(json('run.json').overrides).toEqual(['actions.2.admin_pass=<redacted>']);
  });

  it('lists the servers in servers.json as GET /servers/detail does, newest first', () => {
    const servers: Record<string, unknown>[] = json('servers.json').servers;
    const web = servers.find((s) => s.name === 'web')!;

    expect(servers.map((s) => s.name)).toEqual(['batch-2', 'batch-1', 'third', 'weak', 'web']);
    expect(web).toMatchObject({ status: 'ACTIVE', tenant_id: 'demo', progress: 100, metadata: { role: 'web', tier: '1' }, locked: false });
    expect(servers.find((s) => s.name === 'weak')).toMatchObject({ status: 'ACTIVE', 'OS-EXT-STS:vm_state': 'active' });
    expect(servers.every((s) => !('adminPass' in s))).toBe(true);
  });

  it('records the refused password as a failed create with the fault, and its mending', () => {
    const rows = read(out, 'events.csv').split('\n').filter((l) => l.includes(',weak,'));

    expect(rows.some((l) => l.includes('create,failed,ERROR') && l.includes('does not meet the password policy: no upper-case letter, no digit'))).toBe(true);
    expect(rows.some((l) => l.includes("Cannot 'changePassword' instance"))).toBe(true);
    expect(rows.at(-1)).toContain('set_admin_password,completed,ACTIVE');
  });

  it('refuses the creates that cross a quota, with Nova\'s text', () => {
    const events = read(out, 'events.csv');

    expect(events).toContain('fourth,,create,rejected,,,,,"Quota exceeded for instances: Requested 1, but already used 3 of 3 instances"');
    expect(events).toContain('batch-3,,create,rejected,,,,,"Quota exceeded for cores: Requested 1, but already used 2 of 2 cores"');
  });

  it('gives each project its limits and usage in limits.json', () => {
    const limits = json('limits.json');

    expect(Object.keys(limits)).toEqual(['demo', 'ops']);
    expect(limits.demo.limits.absolute).toMatchObject({ maxServerMeta: 4, maxTotalInstances: 3, maxTotalCores: 20, totalInstancesUsed: 3, totalCoresUsed: 3 });
    expect(limits.ops.limits.absolute).toMatchObject({ maxTotalCores: 2, totalCoresUsed: 2, totalRAMUsed: 4096 });
  });

  it("keeps each server's file tree in files.json: the image's file moved aside, the rebuild's disk fresh", () => {
    const files = json('files.json');
    const paths = (server: string) => files[server].map((f: { path: string }) => f.path);

    // third's build ends at 42 s: 10 s + 32 s, its host having cached the image web's build downloaded (6.4-14.4 s)
    expect(paths('third')).toEqual(['/etc/motd', '/etc/motd.bak.1767571242.0000']);
    expect(paths('web')).toEqual(['/etc/issue', '/etc/motd']);
    expect(files.third[0]).toMatchObject({ owner: 'root', group: 'root', mode: '0440', size_bytes: 3 });
  });
});

describe('scenarios with a bad creation field are refused before any run', () => {
  it.each([
    ['bad-personality-not-list.yaml', 'actions[0].personality: expected a list of a mapping, got "aGkK"'],
    ['bad-limits.yaml', 'limits.maxServerMeta: expected a whole number >= -1, got -5'],
    ['bad-quotas-project.yaml', "quotas.projects.dmeo: unknown project 'dmeo'; known: demo"],
    ['bad-password-class.yaml', 'config.password_policy.require[1]: expected one of lower, upper, digit, symbol, got "emoji"'],
    ['bad-set-admin-password.yaml', "actions[1]: set_admin_password needs 'admin_pass'"],
    ['bad-metadata-on-reboot.yaml', "actions[1].metadata: 'metadata' does not apply to reboot"],
    ['bad-link.yaml', 'hosts[0].link_gbps: expected a number > 0, got 0'],
  ])('%s', (file, message) => {
    const r = cli(['validate', `${FIXTURES}/${file}`]);

    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
  });
});
