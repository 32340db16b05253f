/**
 * novasim writes only what it created: each case runs the command line in a
 * scratch folder of its own, points it at something of the user's, and
 * checks that the user's files are exactly as they were.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ROOT, cli, cliAsync, ensureBuilt, tempDir } from './helpers.js';

const TINY = join(ROOT, 'test/fixtures/valid-small.yaml');
const LONG = `name: long
duration: 30w
flavors: [{ name: f, vcpus: 1, ram_mb: 1024, disk_gb: 10 }]
images: [{ name: i, size_gb: 1 }]
hosts: [{ name_prefix: c, count: 20, vcpus: 64, ram_mb: 262144, disk_gb: 4000 }]
projects: [{ name: p }]
workload:
  - { name: w, project: p, image: i, flavors: { f: 1 }, arrivals: { process: poisson, rate: 60/h }, lifetime: { dist: exponential, mean: 1d } }
`;

let root: string;
beforeAll(() => {
  ensureBuilt();
  root = tempDir('safety');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A fresh scratch folder holding a copy of the small scenario and a folder of the user's. */
function scratch(name: string): string {
  const dir = join(root, name);
  mkdirSync(join(dir, 'mydata'), { recursive: true });
  cpSync(TINY, join(dir, 'base.yaml'));
  writeFileSync(join(dir, 'mydata', 'keep.txt'), 'the user\'s own words\n');
  writeFileSync(join(dir, 'notes.txt'), 'more of them\n');
  return dir;
}

/** Every file under `dir` with its bytes, so "untouched" can be checked exactly. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, prefix: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(d, e.name);
      if (e.isDirectory()) walk(path, `${prefix}${e.name}/`);
      else out[`${prefix}${e.name}`] = lstatSync(path).isSymbolicLink() ? '<link>' : readFileSync(path, 'latin1');
    }
  };
  walk(dir, '');
  return out;
}

const noStack = (stderr: string): void => {
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stderr).not.toMatch(/TypeError|RangeError|ENOTEMPTY/);
};

describe('run --out refuses what is not novasim\'s', () => {
  const cases: [string, string, RegExp][] = [
    ['a folder of the user\'s files', 'mydata', /mydata: holds files that are not a novasim results folder/],
    ['an empty --out (an unset shell variable)', '', /--out is empty/],
    ['the scenario file itself', 'base.yaml', /base\.yaml: is a file, not a results folder/],
    ['the working folder', '.', /is the working folder or one above it/],
    ['the folder above it', '..', /is the working folder or one above it/],
    ['the root of the file system', '/', /is the root of the file system/],
    ['a device', '/dev/null', /is a device, pipe or socket/],
  ];
  it.each(cases)('%s: exit 2 before the run, everything as it was', (_, out, message) => {
    const dir = scratch(`out-${out.replace(/\W/g, '_') || 'empty'}`);
    const before = snapshot(dir);

    const r = cli(['run', 'base.yaml', '--out', out, '--no-report'], dir);

    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.startsWith('novasim run: ')).toBe(true);
    noStack(r.stderr);
    expect(snapshot(dir)).toEqual(before);
  });

  it('a symbolic link to a results folder is refused, the link and its target kept', () => {
    const dir = scratch('link');
    expect(cli(['run', 'base.yaml', '--out', 'real', '--no-report'], dir).status).toBe(0);
    symlinkSync('real', join(dir, 'alias'));
    const before = snapshot(dir);

    const r = cli(['run', 'base.yaml', '--out', 'alias', '--no-report'], dir);

    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/alias: is a symbolic link/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('a results folder with a file the user added is not replaced', () => {
    const dir = scratch('added');
    expect(cli(['run', 'base.yaml', '--out', 'res', '--no-report'], dir).status).toBe(0);
    writeFileSync(join(dir, 'res', 'my-analysis.ipynb'), '{}');
    const before = snapshot(dir);

    const r = cli(['run', 'base.yaml', '--out', 'res', '--no-report'], dir);

    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/res: holds my-analysis\.ipynb, which novasim did not write/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('replaces its own results folder, and writes into an empty one', () => {
    const dir = scratch('own');
    mkdirSync(join(dir, 'empty'));
    expect(cli(['run', 'base.yaml', '--out', 'res', '--no-report'], dir).status).toBe(0);

    const again = cli(['run', 'base.yaml', '--out', 'res', '--no-report', '--seed', '9'], dir);
    const empty = cli(['run', 'base.yaml', '--out', 'empty', '--no-report'], dir);

    expect(again.status, again.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'res', 'run.json'), 'utf8')).seed).toBe(9);
    expect(empty.status, empty.stderr).toBe(0);
    expect(existsSync(join(dir, 'empty', 'summary.json'))).toBe(true);
    expect(readdirSync(dir).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('a scenario name of 300 characters is refused by validate, before any folder is made', () => {
    const dir = scratch('long-name');
    writeFileSync(join(dir, 'named.yaml'), readFileSync(TINY, 'utf8').replace(/^name: .*$/m, `name: ${'x'.repeat(300)}`));

    const v = cli(['validate', 'named.yaml'], dir);
    const r = cli(['run', 'named.yaml'], dir);

    expect(v.status).toBe(2);
    expect(v.stderr).toMatch(/name: expected .* of at most 100 characters, got "x+\.\.\." \(300 characters\)/);
    expect(r.status).toBe(2);
    expect(existsSync(join(dir, 'results'))).toBe(false);
  });

  it('a sweep named .. is refused, and nothing is written in the working folder', () => {
    const dir = scratch('dots');
    cpSync(join(ROOT, 'test/fixtures/sweep/tiny.yaml'), join(dir, 'tiny.yaml'));
    writeFileSync(join(dir, 'dots.yaml'), 'name: ..\nscenario: tiny.yaml\nseeds: [1]\nmetrics: [placements.succeeded]\n');
    const before = snapshot(dir);

    const r = cli(['sweep', 'dots.yaml', '--no-report'], dir);

    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/dots\.yaml:1:7: name: expected a name .* starting with a letter or digit, got "\.\."/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('a sweep or a merge into a folder of the user\'s is refused', () => {
    const dir = scratch('sweep-into');
    cpSync(join(ROOT, 'test/fixtures/sweep/tiny.yaml'), join(dir, 'tiny.yaml'));
    writeFileSync(join(dir, 's.yaml'), 'name: s\nscenario: tiny.yaml\nseeds: [1]\nmetrics: [placements.succeeded]\n');
    const before = snapshot(dir);

    const sweep = cli(['sweep', 's.yaml', '--out', 'mydata', '--no-report'], dir);
    const merge = cli(['merge', 'mydata', 'mydata', '--no-report'], dir);

    expect(sweep.status).toBe(2);
    expect(sweep.stderr).toMatch(/mydata: holds files but no sweep\.json/);
    expect(merge.status).toBe(2);
    expect(merge.stderr).toMatch(/novasim merge: mydata: not a sweep folder/);
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('writers that meet', () => {
  it('three runs racing to one --out: one wins, the others exit 1 naming it, never ENOTEMPTY', async () => {
    const dir = scratch('race');
    writeFileSync(join(dir, 'long.yaml'), LONG.replace('30w', '1w'));

    const results = await Promise.all([0, 1, 2].map(() => cliAsync(['run', 'long.yaml', '--out', 'res', '--no-report'], dir)));

    const codes = results.map((r) => r.status).sort();
    expect(codes[0]).toBe(0);
    for (const r of results.filter((x) => x.status !== 0)) {
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/res: another novasim command \(process \d+\) is writing it/);
      noStack(r.stderr);
    }
    expect(existsSync(join(dir, 'res', 'summary.json'))).toBe(true);
    expect(readdirSync(dir).filter((n) => n.startsWith('.'))).toEqual([]);
  });
});

/** Starts a long run in `dir`, waits until its temporary folder exists, and hands back the child. */
async function startLongRun(dir: string) {
  writeFileSync(join(dir, 'long.yaml'), LONG);
  const child = spawn(process.execPath, [CLI, 'run', 'long.yaml', '--out', 'res', '--no-report'], { cwd: dir });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<number | null>((done) => child.on('close', (code, signal) => done(code ?? (signal === 'SIGKILL' ? 137 : null))));
  for (let i = 0; i < 300 && !readdirSync(dir).some((n) => n.includes('.partial-')); i++) await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, 300)); // well into the run
  return { child, exited, stderr: () => stderr };
}

describe('interrupted runs', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s removes the temporary folder and the lock, exits %i, and leaves the previous results', async (signal, code) => {
    const dir = scratch(`signal-${signal}`);
    expect(cli(['run', 'base.yaml', '--out', 'res', '--no-report'], dir).status).toBe(0);
    const previous = snapshot(join(dir, 'res'));
    const run = await startLongRun(dir);

    run.child.kill(signal);

    expect(await run.exited).toBe(code);
    expect(run.stderr()).toMatch(new RegExp(`stopped by ${signal}`));
    expect(readdirSync(dir).filter((n) => n.startsWith('.'))).toEqual([]);
    expect(snapshot(join(dir, 'res'))).toEqual(previous);
  });

  it('what a killed run left (kill -9) is removed by the next run beside it', async () => {
    const dir = scratch('kill9');
    const run = await startLongRun(dir);

    run.child.kill('SIGKILL');
    await run.exited;
    const left = readdirSync(dir).filter((n) => n.startsWith('.'));
    const next = cli(['run', 'base.yaml', '--out', 'other', '--no-report'], dir);

    expect(left.some((n) => n.includes('.partial-'))).toBe(true);
    expect(next.status, next.stderr).toBe(0);
    expect(readdirSync(dir).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('a killed sweep leaves partial run folders that its resume removes', async () => {
    const dir = scratch('sweep-kill');
    writeFileSync(join(dir, 'long.yaml'), LONG.replace('30w', '2w'));
    writeFileSync(join(dir, 's.yaml'), 'name: s\nscenario: long.yaml\nseeds: [1, 2]\nmetrics: [placements.succeeded]\n');
    const child = spawn(process.execPath, [CLI, 'sweep', 's.yaml', '--out', 'sw', '--no-report', '--workers', '2'], { cwd: dir });
    const exited = new Promise((done) => child.on('close', done));
    const runs = join(dir, 'sw', 'runs');
    for (let i = 0; i < 300 && !(existsSync(runs) && readdirSync(runs).some((n) => n.includes('.partial-'))); i++) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGKILL');
    await exited;
    const left = readdirSync(runs).filter((n) => n.startsWith('.'));

    const resume = cli(['sweep', 's.yaml', '--out', 'sw', '--no-report', '--workers', '2'], dir);

    expect(left.length).toBeGreaterThan(0);
    expect(resume.status, resume.stderr).toBe(0);
    expect(readdirSync(runs).sort()).toEqual(['seed=1', 'seed=2']);
  });
});

describe('plug-in policies under a watchdog', () => {
  const withPlugin = (dir: string, module: string, body: string): void => {
    writeFileSync(join(dir, module), body);
    writeFileSync(
      join(dir, 'plugin.yaml'),
      readFileSync(TINY, 'utf8') + `scheduler: { policy: plugin, module: ${module} }\nrun_limits: { plugin_call_seconds: 1, plugin_load_seconds: 2 }\n`,
    );
  };

  it('a select() that never returns stops the run: exit 1, the module and the server named, nothing written', () => {
    const dir = scratch('plugin-loop');
    withPlugin(dir, 'loop.mjs', 'export default { name: "loop", select(request, candidates) { for (;;) {} } };\n');

    const r = cli(['run', 'plugin.yaml', '--out', 'res', '--no-report'], dir);

    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/the plug-in policy loop\.mjs did not return within 1 s for server \S+ \(flavor \S+\) \(raise run_limits\.plugin_call_seconds/);
    noStack(r.stderr);
    expect(existsSync(join(dir, 'res'))).toBe(false);
    expect(readdirSync(dir).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('a module that hangs while it loads stops run and validate with exit 1', () => {
    const dir = scratch('plugin-hang');
    withPlugin(dir, 'hang.mjs', 'for (;;) {}\nexport default { name: "x", select: () => null };\n');

    const run = cli(['run', 'plugin.yaml', '--out', 'res', '--no-report'], dir);
    const validate = cli(['validate', 'plugin.yaml'], dir);

    for (const r of [run, validate]) {
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/the plug-in policy hang\.mjs did not finish loading within 2 s/);
    }
    expect(existsSync(join(dir, 'res'))).toBe(false);
  });
});
