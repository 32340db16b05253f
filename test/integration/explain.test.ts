import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlacementRecord } from '../../src/metrics/writers/placements-jsonl.js';
import { hostIdOf } from '../../src/model/host-id.js';
import { cli, ensureBuilt, read, readCsv, runScenario, tempDir } from './helpers.js';

let dir: string;
let out: string;
beforeAll(() => {
  ensureBuilt();
  dir = tempDir('explain');
  out = join(dir, 'valid-small');
  const r = runScenario('test/fixtures/valid-small.yaml', out);
  expect(r.status, r.stderr).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('placements.jsonl', () => {
  it('has one line per placement and build failure that summary.json counts', () => {
    const summary = JSON.parse(read(out, 'summary.json'));
    const lines = read(out, 'placements.jsonl').trim().split('\n');

    expect(lines).toHaveLength(summary.placements.attempted + summary.placements.build_failures);
    const first = JSON.parse(lines[0]!) as PlacementRecord;
    expect(Object.keys(first)).toEqual([
      'time', 'server', 'purpose', 'outcome', 'host', 'reason', 'policy', 'hosts', 'filters', 'top', 'alternates',
    ]);
    expect(first).toMatchObject({ server: 'web-1', purpose: 'create', outcome: 'placed', host: 'c1', hosts: 1 });
  });

  it("gives servers.csv Nova's hostId for the server's project and host", () => {
    const [web] = readCsv(out, 'servers.csv');

    expect(web!.host_id).toBe(hostIdOf('c1', 'demo'));
  });
});

describe('novasim explain', () => {
  it("prints the server's placement: purpose, policy, candidates, every filter and the chosen host", () => {
    const record = JSON.parse(read(out, 'placements.jsonl').split('\n')[0]!) as PlacementRecord;

    const r = cli(['explain', out, 'web-1']);

    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^server web-1: 1 placement record\n/);
    expect(r.stdout).toContain(`t=${record.time}s  create  policy ${record.policy}  candidates 1`);
    for (const f of record.filters) expect(r.stdout).toMatch(new RegExp(`${f.filter} +${f.before} -> +${f.after}\\n`));
    expect(r.stdout).toContain('  chosen: c1\n');
  });

  it('says when Placement cut the candidates to max_placement_results, in placements.jsonl and in the explanation', () => {
    const limited = join(dir, 'placement-limit');
    expect(runScenario('test/fixtures/placement-limit.yaml', limited, ['--no-report']).status).toBe(0);
    const record = JSON.parse(read(limited, 'placements.jsonl').split('\n')[0]!) as PlacementRecord;

    expect(record.filters[0]).toEqual({ filter: 'Placement', before: 12, after: 4, viable: 12 });
    const r = cli(['explain', limited, 'web-1']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/ {4}Placement +12 -> 4 {2}\(limited from 12 viable by max_placement_results\)\n/);
  });

  it('exits 1 with a message for a server that was never placed', () => {
    const r = cli(['explain', out, 'ghost']);

    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`novasim explain: no placements of server 'ghost' in ${join(out, 'placements.jsonl')}\n`);
  });

  it('exits 2 naming the path for a missing folder, without a stack trace', () => {
    const r = cli(['explain', join(dir, 'missing'), 'web-1']);

    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`novasim explain: ${join(dir, 'missing')}: cannot read the results folder (ENOENT)\n`);
  });
});

describe('placements.idx', () => {
  it('lets explain read exactly the lines a pass over the whole log finds, for every server', async () => {
    const { readPlacementsOf } = await import('../../src/cli/explain.js');
    const quick = join(dir, 'quickstart');
    expect(runScenario('scenarios/quickstart.yaml', quick).status).toBe(0);
    const log = join(quick, 'placements.jsonl');
    const names = read(quick, 'placements.idx').trim().split('\n').map((line) => JSON.parse(line.slice(0, line.lastIndexOf('"') + 1)) as string);
    const sorted = [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(names).toEqual(sorted);

    const noIndex = join(dir, 'no-index');
    const { cpSync, rmSync: remove } = await import('node:fs');
    cpSync(quick, noIndex, { recursive: true });
    remove(join(noIndex, 'placements.idx'));
    for (const name of [...names, 'no-such-server']) {
      expect(await readPlacementsOf(quick, log, name), name).toEqual(await readPlacementsOf(noIndex, join(noIndex, 'placements.jsonl'), name));
    }
  }, 120_000);
});
