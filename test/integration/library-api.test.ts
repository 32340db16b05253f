import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, ensureBuilt, read, ROOT, tempDir } from './helpers.js';

const FILE = 'test/fixtures/expect-small.yaml';
let dir: string;
beforeAll(() => {
  ensureBuilt();
  dir = tempDir('library');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs an ES module script from the repository root, where `import 'novasim'` resolves through package.json `exports`. */
function script(source: string): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, ['--input-type=module', '-e', source], { cwd: ROOT, encoding: 'utf8' });
}

describe("import { runScenario, loadScenario } from 'novasim'", () => {
  it('runs scenario text in memory, with typed results and verdicts, and writes nothing', () => {
    const r = script(`
      import { readFileSync } from 'node:fs';
      import { runScenario, loadScenario } from 'novasim';
      const text = readFileSync(${JSON.stringify(FILE)}, 'utf8');
      const results = await runScenario(text, { seed: 3 });
      const loaded = loadScenario('s.yaml', text);
      const again = await runScenario(loaded.scenario);
      process.stdout.write(JSON.stringify({
        seed: results.summary.seed,
        placements: results.summary.placements.attempted,
        verdicts: results.expectations.verdicts.map((v) => v.held),
        events: results.files['events.csv'].split('\\n')[0],
        seedOfLoaded: again.summary.seed,
      }));
    `);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({
      seed: 3,
      placements: expect.any(Number),
      verdicts: [true, false, false, true],
      events: expect.stringMatching(/^time,server,host,action,/),
      seedOfLoaded: 1,
    });
    expect(readdirSync(dir)).toEqual([]);
    expect(existsSync(join(ROOT, 'results', 'expect-small'))).toBe(false);
  });

  it('writes the results folder when asked, with the same summary.json and events.csv as novasim run', () => {
    const out = join(dir, 'lib');
    const cliOut = join(dir, 'cli');
    const r = script(`
      import { readFileSync } from 'node:fs';
      import { runScenario } from 'novasim';
      await runScenario(readFileSync(${JSON.stringify(FILE)}, 'utf8'), { out: ${JSON.stringify(out)} });
    `);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(cli(['run', FILE, '--out', cliOut]).status).toBe(1); // two expectations fail

    for (const name of ['summary.json', 'events.csv', 'expectations.json', 'servers.csv']) expect(read(out, name), name).toBe(read(cliOut, name));
  });

  it('throws InputError listing the problems of invalid text', () => {
    const r = script(`
      import { runScenario, InputError } from 'novasim';
      try { await runScenario('name: x\\nduration: 1h\\n'); } catch (e) { process.stdout.write(String(e instanceof InputError) + ' ' + e.message); }
    `);
    expect(r.stdout).toMatch(/^true scenario\.yaml:\d+:\d+: flavors: missing required field 'flavors'/m);
  });
});
