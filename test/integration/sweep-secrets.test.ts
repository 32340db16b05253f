/**
 * A sweep over admin passwords writes none of them anywhere: not in run
 * folder names, sweep.json, summary.csv, paired.csv, report.html, run.json,
 * nor in what it prints. Values are shown by their place in the list.
 */
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, cli, ensureBuilt, tempDir } from './helpers.js';

const SECRETS = ['Alpha-Secret-71x', 'Bravo-Secret-92y'];

let dir: string;
beforeAll(() => {
  ensureBuilt();
  dir = tempDir('secrets');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function everyFile(root: string): string[] {
  return readdirSync(root).flatMap((name) => {
    const path = join(root, name);
    return statSync(path).isDirectory() ? [path, ...everyFile(path)] : [path];
  });
}

describe('a sweep over admin passwords', () => {
  it('writes no password into any file or folder name, nor prints one', () => {
    writeFileSync(join(dir, 'tiny.yaml'), readFileSync(join(ROOT, 'test/fixtures/valid-small.yaml')));
    writeFileSync(
      join(dir, 'secret-sweep.yaml'),
      `name: secret-sweep\nscenario: tiny.yaml\nmatrix:\n  actions.0.admin_pass: [${SECRETS.join(', ')}]\nseeds: [1, 2]\nmetrics: [placements.succeeded]\n`,
    );
    const out = join(dir, 'out');

    const r = cli(['sweep', join(dir, 'secret-sweep.yaml'), '--out', out, '--workers', '2']);

    expect(r.status, r.stderr).toBe(0);
    const paths = everyFile(out);
    expect(paths.some((p) => p.endsWith('report.html'))).toBe(true);
    const runs = readdirSync(join(out, 'runs')).sort();
    expect(runs).toHaveLength(4);
    for (const id of runs) expect(id).toMatch(/^actions\.0\.admin_pass=_redacted__[12]_-[0-9a-f]{10},seed=[12]$/);
    for (const path of paths) {
      expect(path).not.toMatch(/Secret/);
      if (statSync(path).isFile()) for (const secret of SECRETS) expect(readFileSync(path, 'utf8').includes(secret), path).toBe(false);
    }
    expect(readFileSync(join(out, 'summary.csv'), 'utf8')).toContain('<redacted #2>');
    for (const secret of SECRETS) expect(`${r.stdout}${r.stderr}`).not.toContain(secret);
  });
});
