/**
 * Golden outputs: every shipped scenario, run through the command line with
 * its own seed, must write the same results folder as the last time someone
 * meant to change behaviour. summary.json is kept whole (a change shows as a
 * readable diff); every other stable file is kept as a digest (bytes, lines,
 * sha256). run.json (wall-clock facts) and report.html (a rendering of the
 * files below, not a simulated outcome) are not compared.
 *
 * A change of behaviour made on purpose is recorded with `npm run golden`,
 * which rewrites the files under __golden__/, and committed with the reason.
 * Whatever the golden files say, each scenario's own expect: checks must
 * hold (exit 0): its story is part of what is shipped.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, ensureBuilt, scenarioFiles, tempDir } from '../integration/helpers.js';

const UNCOMPARED = new Set(['run.json', 'report.html', 'summary.json']);

let dir: string;
beforeAll(() => {
  ensureBuilt();
  dir = tempDir('golden');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function digests(out: string): Record<string, { bytes: number; lines: number; sha256: string }> {
  const files = readdirSync(out).filter((f) => !UNCOMPARED.has(f)).sort();
  return Object.fromEntries(
    files.map((f) => {
      const bytes = readFileSync(join(out, f));
      let lines = 0;
      for (const b of bytes) if (b === 10) lines++;
      return [f, { bytes: bytes.length, lines, sha256: createHash('sha256').update(bytes).digest('hex') }];
    }),
  );
}

describe('golden outputs of the shipped scenarios', () => {
  for (const file of scenarioFiles()) {
    const name = basename(file).replace(/\.(ya?ml|json)$/, '');
    it(`${file} writes the results folder recorded in __golden__/${name}/`, async () => {
      const out = join(dir, name);

      const run = cli(['run', file, '--out', out, '--no-report']);

      expect(existsSync(join(out, 'summary.json')), run.stderr).toBe(true);
      // Every shipped scenario states its story as expect: checks; a run whose story broke exits 1.
      expect(run.status, `${run.stdout}${run.stderr}`).toBe(0);
      await expect(readFileSync(join(out, 'summary.json'), 'utf8')).toMatchFileSnapshot(`./__golden__/${name}/summary.json`);
      const recorded = { exit_code: run.status, files: digests(out) };
      await expect(`${JSON.stringify(recorded, null, 2)}\n`).toMatchFileSnapshot(`./__golden__/${name}/digests.json`);
    });
  }
});
