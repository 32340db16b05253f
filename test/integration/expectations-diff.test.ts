import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, cliAsync, ensureBuilt, read, tempDir } from './helpers.js';


const file = 'test/fixtures/expect-small.yaml';
let dir: string;
beforeAll(() => {
  ensureBuilt();
  dir = tempDir('expect');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('novasim run with expect:', () => {
  it('prints the verdicts as a table, writes results and expectations.json, and exits 1 when one fails', () => {
    const out = join(dir, 'failing');
    const r = cli(['run', file, '--out', out]);

    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    // Under the table of what happened, after a blank line: the verdicts, then where the results are.
    expect(r.stdout).toMatch(/^ {2}expectations +2 of 4 FAILED \(below\)$/m);
    const lines = r.stdout.slice(r.stdout.indexOf('\n\n') + 1).split('\n');
    expect(lines[1]).toMatch(/^metric +expected +actual +result$/);
    expect(lines[2]).toMatch(/^placements\.failed +=  ?0 +0 +held$/);
    expect(lines[3]).toMatch(/^headroom\.m1\.large +>= 1000 +\d+ +FAILED$/);
    expect(lines[4]).toMatch(/^placements\.lost +<= 3 +\(missing\) +FAILED$/);
    expect(lines[5]).toMatch(/^hosts\.total +4 ± 0% +4 +held$/);
    expect(r.stdout).toContain("placements.lost: not in summary.json: no key 'lost' under 'placements'");
    expect(r.stdout).toMatch(`2 of 4 expectations FAILED\nresults written to ${out}\n`);
    // Columns line up: every row starts its 'result' at the same place.
    const at = lines.slice(1, 6).map((l) => l.search(/(result|held|FAILED)$/));
    expect(new Set(at).size).toBe(1);

    expect(existsSync(join(out, 'summary.json'))).toBe(true);
    const written = JSON.parse(read(out, 'expectations.json')) as { held: number; failed: number; expectations: { held: boolean }[] };
    expect(written.held).toBe(2);
    expect(written.failed).toBe(2);
    expect(written.expectations.map((e) => e.held)).toEqual([true, false, false, true]);
  });

  it('exits 0 when every expectation holds', () => {
    const r = cli(['run', file, '--out', join(dir, 'holding'), '--set', 'expect=[{ metric: placements.failed, at_most: 0 }]']);

    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^ {2}expectations +all 1 held$/m);
  });

  it('refuses a malformed expectation before running, with its line', () => {
    const r = cli(['run', file, '--out', join(dir, 'bad'), '--set', 'expect=[{ metric: placements.failed, at_most: 1, equals: 0 }]']);

    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/expect\[0\]: expected exactly one comparison, got equals and at_most/);
    expect(existsSync(join(dir, 'bad'))).toBe(false);
  });
});

describe('novasim diff', () => {
  let a: string;
  let again: string;
  let b: string;
  beforeAll(async () => {
    [a, again, b] = [join(dir, 'seed1'), join(dir, 'seed1-again'), join(dir, 'seed2')];
    const runs = await Promise.all([
      cliAsync(['run', file, '--out', a, '--set', 'expect=']),
      cliAsync(['run', file, '--out', again, '--set', 'expect=']),
      cliAsync(['run', file, '--out', b, '--set', 'expect=', '--seed', '2']),
    ]);
    for (const r of runs) expect(r.status, r.stderr).toBe(0);
  });

  it('finds nothing moved between two runs of one seed, and exits 0', () => {
    const r = cli(['diff', a, again]);

    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^no metric moved \(\d+ compared\)\n$/);
  });

  it('lists the metrics that moved between seeds, sorted and aligned, and exits 1', () => {
    const r = cli(['diff', a, b]);

    expect(r.status, r.stderr).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^metric +A +B +change +relative$/);
    const paths = lines.slice(1, -1).map((l) => l.split(/ +/)[0]!);
    expect(paths).toEqual([...paths].sort());
    expect(paths).toContain('seed');
    expect(lines.find((l) => l.startsWith('seed '))).toMatch(/^seed +1 +2 +\+1 +\+100%$/);
    expect(lines.at(-1)).toMatch(/^\d+ of \d+ metrics moved$/);
  });

  it('prints every row with --all, and fewer with a --tolerance', () => {
    const moved = cli(['diff', a, b]).stdout.split('\n').length;
    const all = cli(['diff', a, b, '--all']);
    const tolerant = cli(['diff', a, b, '--tolerance', '0.5']);

    expect(all.stdout.split('\n').length).toBeGreaterThan(moved);
    expect(all.stdout).toMatch(/^duration +86400 +86400 +0 +0%$/m);
    expect(tolerant.stdout.split('\n').length).toBeLessThan(moved);
  });

  it('exits 2 without a stack trace on a missing folder, a folder without summary.json, or invalid JSON', () => {
    const empty = join(dir, 'empty');
    const broken = join(dir, 'broken');
    mkdirSync(empty);
    mkdirSync(broken);
    writeFileSync(join(broken, 'summary.json'), '{ "seed": ');

    for (const [other, message] of [
      [join(dir, 'nowhere'), /no such results folder/],
      [empty, /summary\.json: cannot read the summary\.json \(ENOENT\)/],
      [broken, /summary\.json: the summary\.json is not valid JSON/],
    ] as const) {
      const r = cli(['diff', a, other]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(cli(['diff', a, b, '--tolerance', '-1']).status).toBe(2);
    expect(readFileSync(join(a, 'summary.json'), 'utf8')).toContain('"seed": 1');
  });
});
