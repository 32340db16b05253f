import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, cliAsync, ensureBuilt, ROOT, tempDir } from './helpers.js';

const SWEEP = 'test/fixtures/sweep/tiny-sweep.yaml';
const TABLES = ['summary.csv', 'paired.csv', 'report.html'] as const;

let dir: string;
let whole: string;
const tables = (folder: string): string[] => TABLES.map((t) => readFileSync(join(folder, t), 'utf8'));

beforeAll(() => {
  ensureBuilt();
  dir = tempDir('sweep');
  whole = join(dir, 'whole');
  const r = cli(['sweep', SWEEP, '--out', whole, '--workers', '2']);
  expect(r.status, r.stderr).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('novasim sweep', () => {
  it('runs 2 policies x 3 seeds, one results folder each, and tabulates them', () => {
    const runs = readdirSync(join(whole, 'runs')).sort();

    expect(runs).toEqual([1, 2, 3].map((s) => `scheduler.policy=filter_scheduler,seed=${s}`).concat([1, 2, 3].map((s) => `scheduler.policy=pack,seed=${s}`)));
    expect(existsSync(join(whole, 'runs', runs[0]!, 'summary.json'))).toBe(true);
    const [summary, paired] = tables(whole);
    expect(summary!.split('\n')[0]).toBe('configuration,scheduler.policy,metric,n,mean,sd,ci95_low,ci95_high');
    expect(summary!.trim().split('\n')).toHaveLength(1 + 2 * 3);
    expect(summary).toMatch(/^scheduler\.policy=pack,pack,headroom\.m1\.large,3,/m);
    expect(paired).toMatch(/^scheduler\.policy,filter_scheduler,pack,,placements\.succeeded,3,/m);
  });

  it('skips the runs already done when run again, and writes the same tables', () => {
    const before = tables(whole);

    const r = cli(['sweep', SWEEP, '--out', whole]);

    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('tiny-sweep: 6 of 6 runs already done, skipped\n');
    expect(r.stdout).toMatch(/^configuration +metric +n +mean +sd +95% CI$/m);
    expect(tables(whole)).toEqual(before);
  });

  it('clears the scratch folders a killed sweep left, even when no run is left to do', () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid!; // a process of this host that has exited
    const host = hostname().replace(/[^A-Za-z0-9.-]/g, '_').slice(0, 60) || 'host';
    const leftover = join(whole, 'runs', `.scheduler.policy=pack,seed=2.partial-${host}-${dead}`);
    mkdirSync(leftover);
    writeFileSync(join(leftover, 'events.csv'), 'half');

    const r = cli(['sweep', SWEEP, '--out', whole]);

    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(leftover)).toBe(false);
    expect(readdirSync(join(whole, 'runs')).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('gives, merged from shards 1/2 and 2/2, the same tables byte for byte', async () => {
    const [a, b] = [join(dir, 'shard-1'), join(dir, 'shard-2')];
    const shards = await Promise.all([
      cliAsync(['sweep', SWEEP, '--out', a, '--shard', '1/2', '--workers', '1']),
      cliAsync(['sweep', SWEEP, '--out', b, '--shard', '2/2', '--workers', '1']),
    ]);
    expect(shards.map((s) => s.status)).toEqual([0, 0]);
    expect(readdirSync(join(a, 'runs'))).toHaveLength(3);

    const merged = join(dir, 'merged');
    const r = cli(['merge', merged, a, b]);

    expect(r.status, r.stderr).toBe(0);
    expect(tables(merged)).toEqual(tables(whole));
  });

  it('resumes an interrupted sweep where it stopped, ignoring half-written runs, with the same tables', () => {
    const interrupted = join(dir, 'interrupted');
    cpSync(join(dir, 'shard-1'), interrupted, { recursive: true });
    mkdirSync(join(interrupted, 'runs', '.scheduler.policy=pack,seed=2.partial-99999'));
    writeFileSync(join(interrupted, 'runs', '.scheduler.policy=pack,seed=2.partial-99999', 'events.csv'), 'half');

    const r = cli(['sweep', SWEEP, '--out', interrupted]);

    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('tiny-sweep: 3 of 6 runs already done, skipped\n');
    expect(tables(interrupted)).toEqual(tables(whole));
  });

  it('refuses to merge two different results for one run', () => {
    const other = join(dir, 'conflicting');
    cpSync(join(dir, 'shard-1'), other, { recursive: true });
    const run = readdirSync(join(other, 'runs'))[0]!;
    writeFileSync(join(other, 'runs', run, 'summary.json'), '{}\n');

    const r = cli(['merge', join(dir, 'merged-2'), whole, other]);

    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`runs/${run} conflicts with the same run in`);
  });

  it('records a failing run, finishes the others (a TypeScript plug-in in a worker), and exits 1', () => {
    const out = join(dir, 'plugins');

    const r = cli(['sweep', 'test/fixtures/sweep/plugin-sweep.yaml', '--out', out]);

    expect(r.status).toBe(1);
    expect(r.stderr).toContain('novasim sweep: run scheduler.policy=plugin,scheduler.module=boom.mjs,seed=5 failed: plug-in policy boom failed');
    expect(readdirSync(join(out, 'failed'))).toEqual(['scheduler.policy=plugin,scheduler.module=boom.mjs,seed=5.txt']);
    expect(readdirSync(join(out, 'runs'))).toHaveLength(1);
    expect(r.stdout).toContain('1 of 2 runs finished');
  });

  it('checks every matrix point before running any, and exits 2', () => {
    const file = join(dir, 'bad-sweep.yaml');
    const scenario = join(ROOT, 'test/fixtures/sweep/tiny.yaml');
    writeFileSync(file, `name: bad\nscenario: ${scenario}\nmatrix:\n  scheduler.policy: [pack, sideways]\nseeds: [1]\nmetrics: [placements.failed]\n`);

    const r = cli(['sweep', file, '--out', join(dir, 'bad')]);

    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${file}: matrix point scheduler.policy=sideways:`);
    expect(r.stderr).toContain('(from --set scheduler.policy=sideways)');
    expect(existsSync(join(dir, 'bad'))).toBe(false);
  });

  it('refuses a malformed --shard', () => {
    const r = cli(['sweep', SWEEP, '--shard', '3/2']);

    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--shard 3/2: expected I/N');
  });
});
