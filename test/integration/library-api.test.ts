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

  it('hands back only the files the run wrote: a file outputs: turns off is absent (OutputFiles types it optional)', () => {
    const r = script(`
      import { readFileSync } from 'node:fs';
      import { runScenario } from 'novasim';
      const text = readFileSync(${JSON.stringify(FILE)}, 'utf8') + '\\noutputs: { events.csv: off, servers.csv: false }\\n';
      const results = await runScenario(text);
      process.stdout.write(JSON.stringify({ names: Object.keys(results.files).sort(), events: results.files['events.csv'] ?? null }));
    `);
    expect(r.stderr).toBe('');
    const { names, events } = JSON.parse(r.stdout) as { names: string[]; events: string | null };
    expect(events).toBeNull();
    expect(names).toContain('summary.json');
    expect(names).not.toContain('servers.csv');
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

    // The same folder as the command line's, run.json and report.html included.
    expect(readdirSync(out).sort()).toEqual(readdirSync(cliOut).sort());
    expect(readdirSync(out)).toEqual(expect.arrayContaining(['run.json', 'report.html']));
    for (const name of readdirSync(cliOut).filter((n) => n !== 'run.json')) expect(read(out, name), name).toBe(read(cliOut, name));
  });

  it('validates a scenario given as a value as it validates text, and refuses what is not a scenario', () => {
    const r = script(`
      import { runScenario, InputError } from 'novasim';
      const lines = [];
      for (const input of [{ file: 'my.yaml' }, 42, null, { name: 'v', duration: '1h', flavors: [{ name: 'f', vcpus: 1, ram_mb: 1e300, disk_gb: 1 }] }]) {
        try { await runScenario(input); lines.push('ran'); } catch (e) { lines.push(String(e instanceof InputError) + ' ' + e.message.split('\\n')[0]); }
      }
      const ran = await runScenario({ name: 'v', duration: '1h', flavors: [{ name: 'f', vcpus: 1, ram_mb: 512, disk_gb: 1 }], images: [{ name: 'i', size_gb: 1 }],
        hosts: [{ name: 'h', vcpus: 4, ram_mb: 4096, disk_gb: 10 }], projects: [{ name: 'p' }],
        actions: [{ at: 0, action: 'create', server: 's', flavor: 'f', image: 'i', project: 'p' }] });
      lines.push('value ran: ' + ran.summary.requests.create.accepted);
      process.stdout.write(lines.join('\\n'));
    `);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')).toEqual([
      "true scenario.yaml: file: unknown key 'file'; expected one of name, seed, duration, config, scheduler, metrics, flavors, images, aggregates, hosts, projects, server_groups, networks, ports, durations, workload, actions, actions_file, failures, operator, limits, quotas, power, charging, expect, outputs, served, run_limits",
      'true scenario.yaml: runScenario expects scenario text (YAML or JSON), a scenario mapping or a loaded Scenario, got number',
      'true scenario.yaml: runScenario expects scenario text (YAML or JSON), a scenario mapping or a loaded Scenario, got nothing',
      'true scenario.yaml: flavors[0].ram_mb: expected a whole number >= 1 <= 67108864, got 1e+300',
      'value ran: 1',
    ]);
  });

  it('refuses an out that is not novasim\'s, as the command line does', () => {
    const r = script(`
      import { runScenario, InputError } from 'novasim';
      import { readFileSync } from 'node:fs';
      try { await runScenario(readFileSync(${JSON.stringify(FILE)}, 'utf8'), { out: ${JSON.stringify(FILE)} }); } catch (e) { process.stdout.write(String(e instanceof InputError) + ' ' + e.message); }
    `);
    expect(r.stdout).toBe(`true ${FILE}: is a file, not a results folder; novasim does not replace it`);
  });

  it('throws InputError listing the problems of invalid text', () => {
    const r = script(`
      import { runScenario, InputError } from 'novasim';
      try { await runScenario('name: x\\nduration: 1h\\n'); } catch (e) { process.stdout.write(String(e instanceof InputError) + ' ' + e.message); }
    `);
    expect(r.stdout).toMatch(/^true scenario\.yaml:\d+:\d+: flavors: missing required field 'flavors'/m);
  });
});
