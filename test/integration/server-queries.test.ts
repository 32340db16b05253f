/**
 * `novasim servers` and `novasim show` on the quickstart's results: the
 * listing as GET /servers filters it, at the end and at a time in the
 * past, and one server's history.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, ensureBuilt, readCsv, tempDir } from './helpers.js';

let dir: string;
let out: string;
beforeAll(() => {
  ensureBuilt();
  dir = tempDir('queries');
  out = join(dir, 'quickstart');
  expect(cli(['run', 'scenarios/quickstart.yaml', '--out', out, '--no-report']).status).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const json = (args: string[]): Record<string, string>[] => {
  const r = cli(['servers', out, '--format', 'json', ...args]);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Record<string, string>[];
};

describe('novasim servers', () => {
  it('lists the servers not deleted at the end, newest first, as servers.csv has them', () => {
    const listed = json(['--limit', '100000']);
    const rows = readCsv(out, 'servers.csv').filter((r) => r.deleted === '');

    expect(listed.map((s) => s.server)).toEqual(rows.map((r) => r.server).reverse());
  });

  it("filters as GET /servers does: status, name as a regular expression, host, project, flavor", () => {
    const rows = readCsv(out, 'servers.csv').filter((r) => r.deleted === '');
    const on = (host: string, flavor: string) => rows.filter((r) => r.host === host && r.flavor === flavor).map((r) => r.server).reverse();

    expect(json(['--name', '^db-', '--status', 'active']).map((s) => s.server)).toEqual(['db-1']);
    expect(json(['--host', 'compute-03', '--flavor', 'm1.small', '--project', 'web', '--limit', '100000']).map((s) => s.server)).toEqual(on('compute-03', 'm1.small'));
    expect(json(['--status', 'NOT_A_STATUS'])).toEqual([]);
  });

  it('shows deleted servers only when asked, and with --changes-since', () => {
    const deleted = json(['--deleted', '--limit', '100000']);
    const changed = json(['--changes-since', '6d', '--limit', '100000']);

    expect(deleted.length).toBeGreaterThan(0);
    expect(deleted.every((s) => s.status === 'DELETED')).toBe(true);
    expect(changed.some((s) => s.status === 'DELETED')).toBe(true);
  });

  it('--at tells the state at a past time: db-1 ACTIVE on compute-02 before the failure, on another host after the evacuation', () => {
    expect(json(['--at', '1d', '--name', '^db-1$'])).toMatchObject([{ server: 'db-1', status: 'ACTIVE', host: 'compute-02' }]);
    const after = json(['--at', '50h', '--name', '^db-1$'])[0]!;
    expect(after.status).toBe('ACTIVE');
    expect(after.host).not.toBe('compute-02');
  });

  it('has a table and a long view, and refuses a time it cannot read', () => {
    const table = cli(['servers', out, '--name', '^db-1$', '--long']);
    const bad = cli(['servers', out, '--at', 'yesterday']);

    expect(table.stdout.split('\n')[0]).toMatch(/^server\s+status\s+host\s+flavor\s+image\s+project\s+id\s+vm_state/);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe("novasim servers: --at: expected a simulated time such as 3600, 90m, 2d, got 'yesterday'\n");
  });
});

describe('novasim show', () => {
  it("tells db-1's story: built on compute-02, an evacuate refused, one accepted, rebuilt elsewhere", () => {
    const r = cli(['show', out, 'db-1']);

    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^server db-1: ACTIVE \(vm_state active, task_state -\) on compute-\d+ since/);
    expect(r.stdout).toMatch(/172800\s+evacuate\s+rejected\s+400\s+Compute service of compute-02 is still in use\./);
    expect(r.stdout).toMatch(/176400\s+evacuate\s+accepted/);
    expect(r.stdout).toMatch(/placements \(2;/);
    expect(r.stdout).toMatch(/evacuation\s+compute-02\s+compute-\d+\s+176400/);
  });

  it('exits 1 for a server the run never had, 2 for a folder that is not there', () => {
    expect(cli(['show', out, 'nobody']).status).toBe(1);
    expect(cli(['show', join(dir, 'nowhere'), 'db-1']).status).toBe(2);
  });
});
