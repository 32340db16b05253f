/**
 * Hostile and broken input, through the command line: every case ends in
 * bounded time with exit 2 (or 1 where the input is fine but an operation
 * is not), a short message that names the command and what is wrong, no
 * stack trace, no bytes of a binary file quoted back, and nothing written.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, cliAsync, ensureBuilt, pooled, tempDir, type CliResult } from './helpers.js';

const TINY = readFileSync(join(ROOT, 'test/fixtures/valid-small.yaml'), 'utf8');
const SWEEP_SCENARIO = join(ROOT, 'test/fixtures/sweep/tiny.yaml');

interface Case {
  readonly name: string;
  /** Files to write into the case's folder before the command runs. */
  readonly files: Readonly<Record<string, string | Buffer>>;
  readonly args: readonly string[];
  readonly exit: number;
  readonly message: RegExp;
}

const scenario = (edit: (text: string) => string): string => edit(TINY);
const withHosts = (hosts: string): string => TINY.replace(/^hosts:\n(  - .*\n)+/m, `hosts:\n${hosts}`);

/** A billion laughs: ten levels of ten aliases each. */
function aliasBomb(): string {
  const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 0; i < 9; i++) lines.push(`l${i}: &l${i} [${Array(10).fill(i === 0 ? '*a' : `*l${i - 1}`).join(', ')}]`);
  return `${lines.join('\n')}\n`;
}

const CASES: readonly Case[] = [
  { name: 'a device that never ends (/dev/zero)', files: {}, args: ['validate', '/dev/zero'], exit: 2, message: /\/dev\/zero: the scenario file is not YAML or JSON text: it looks like binary data/ },
  { name: 'a megabyte of random bytes', files: { 'r.yaml': Buffer.concat([Buffer.from('name: x\n'), randomBytes(1 << 20)]) }, args: ['validate', 'r.yaml'], exit: 2, message: /r\.yaml(:\d+:\d+)?: the scenario file is not (YAML or JSON text|UTF-8 text)/ },
  { name: 'a gzip-compressed scenario', files: { 'g.yaml': gzipSync(TINY) }, args: ['validate', 'g.yaml'], exit: 2, message: /g\.yaml: the scenario file is not YAML or JSON text: it looks like gzip-compressed data/ },
  { name: 'a UTF-16 scenario', files: { 'u.yaml': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TINY, 'utf16le')]) }, args: ['validate', 'u.yaml'], exit: 2, message: /u\.yaml: .* UTF-16 text; save it as UTF-8/ },
  { name: 'a Latin-1 byte in a UTF-8 file', files: { 'l.yaml': Buffer.concat([Buffer.from('name: caf'), Buffer.from([0xe9]), Buffer.from('\nduration: 1h\n')]) }, args: ['validate', 'l.yaml'], exit: 2, message: /l\.yaml:1:10: the scenario file is not UTF-8 text/ },
  { name: 'a file over --max-file-mb', files: { 'big.yaml': `${TINY}#${'x'.repeat(2 << 20)}\n` }, args: ['validate', 'big.yaml', '--max-file-mb', '1'], exit: 2, message: /big\.yaml: the scenario file is larger than 1 MiB, the limit; raise it with --max-file-mb/ },
  { name: 'a YAML alias bomb', files: { 'bomb.yaml': aliasBomb() }, args: ['validate', 'bomb.yaml'], exit: 2, message: /bomb\.yaml:\d+:\d+: the aliases expand to more than 1000 nodes/ },
  { name: '100,000 nested lists', files: { 'deep.json': `${'['.repeat(100_000)}${']'.repeat(100_000)}` }, args: ['validate', 'deep.json'], exit: 2, message: /deep\.json:1:65: mappings and lists nest deeper than 64 levels/ },
  {
    name: '3,000 nested block mappings',
    files: { 'block.yaml': Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}k:\n`).join('') },
    args: ['validate', 'block.yaml'],
    exit: 2,
    message: /block\.yaml:\d+:\d+: mappings and lists nest deeper than 64 levels/,
  },
  {
    name: '40,000 unknown keys',
    files: { 'keys.yaml': TINY + Array.from({ length: 40_000 }, (_, i) => `k${i}: 1\n`).join('') },
    args: ['validate', 'keys.yaml'],
    exit: 2,
    message: /keys\.yaml:\d+:1: k0: unknown key 'k0'[\s\S]*\.\.\. and 39950 more problems\n$/,
  },
  {
    name: '20 host groups of a million hosts each',
    files: { 'h.yaml': withHosts(Array.from({ length: 20 }, (_, i) => `  - { name_prefix: g${i}-, count: 1000000, vcpus: 8, ram_mb: 16384, disk_gb: 200 }\n`).join('')) },
    args: ['validate', 'h.yaml'],
    exit: 2,
    message: /h\.yaml:\d+:\d+: hosts: this scenario implies 20,000,000 hosts, over the ceiling of 200,000 \(run_limits\.max_hosts\)/,
  },
  {
    name: 'a billion arrivals a second',
    files: { 'rate.yaml': `${TINY}workload:\n  - { name: w, project: demo, image: cirros, flavors: { m1.small: 1 }, arrivals: { process: poisson, rate: 1000000000/s } }\n` },
    args: ['validate', 'rate.yaml'],
    exit: 2,
    message: /rate\.yaml:\d+:\d+: workload: this scenario implies 3,600,000,000,001 servers created .* \(run_limits\.max_servers\); .* --set run_limits\.max_servers=<n>/,
  },
  { name: 'a duration of 1e15 s', files: { 'd.yaml': scenario((t) => t.replace('duration: 1h', 'duration: 1e15')) }, args: ['validate', 'd.yaml'], exit: 2, message: /d\.yaml:3:11: duration: expected a duration of at most a century/ },
  {
    name: 'a sample every second for a century',
    files: { 's.yaml': scenario((t) => t.replace('duration: 1h', 'duration: 5000w\nmetrics: { sample_interval: 1s }')) },
    args: ['validate', 's.yaml'],
    exit: 2,
    message: /s\.yaml:\d+:\d+: duration: this scenario implies 3,024,000,001 timeseries rows .* \(run_limits\.max_samples\)/,
  },
  { name: 'a flavor of 1e300 MB', files: { 'f.yaml': scenario((t) => t.replace('ram_mb: 2048', 'ram_mb: 1e300')) }, args: ['validate', 'f.yaml'], exit: 2, message: /f\.yaml:5:\d+: flavors\[0\]\.ram_mb: expected a whole number >= 1 <= 67108864, got 1e\+300/ },
  { name: 'a seed of 1e30 in the file', files: { 'seed.yaml': scenario((t) => t.replace('duration: 1h', 'duration: 1h\nseed: 1000000000000000000000000000001')) }, args: ['validate', 'seed.yaml'], exit: 2, message: /seed\.yaml:4:7: seed: expected a whole number >= 0 <= 9007199254740991/ },
  { name: '--seed 1e30', files: { 'ok.yaml': TINY }, args: ['run', 'ok.yaml', '--out', 'res', '--seed', '1e30'], exit: 2, message: /^novasim run: --seed: expected a whole number from 0 to 9007199254740991, got '1e30'/ },
  { name: '--seed 10^30 + 1', files: { 'ok.yaml': TINY }, args: ['run', 'ok.yaml', '--out', 'res', '--seed', '1000000000000000000000000000001'], exit: 2, message: /--seed: expected a seed of at most 9007199254740991/ },
  { name: '--seed with no value', files: { 'ok.yaml': TINY }, args: ['run', 'ok.yaml', '--out', 'res', '--seed'], exit: 2, message: /--seed: expected a whole number from 0 to 9007199254740991, got ''/ },
  { name: '--set __proto__.build_failure_probability=1', files: { 'ok.yaml': TINY }, args: ['run', 'ok.yaml', '--out', 'res', '--set', '__proto__.build_failure_probability=1'], exit: 2, message: /--set __proto__\.build_failure_probability=1: '__proto__' is not a scenario field/ },
  { name: '--set hosts.0.constructor.prototype.x=1', files: { 'ok.yaml': TINY }, args: ['run', 'ok.yaml', '--out', 'res', '--set', 'hosts.0.constructor.prototype.x=1'], exit: 2, message: /'constructor' is not a scenario field/ },
  { name: '--set hosts.4294967294.vcpus=1', files: { 'ok.yaml': TINY }, args: ['run', 'ok.yaml', '--out', 'res', '--set', 'hosts.4294967294.vcpus=1'], exit: 2, message: /item 4294967294 is beyond the end of hosts, a list of 1/ },
  { name: '--set actions.4294967296.action=explode', files: { 'ok.yaml': TINY }, args: ['run', 'ok.yaml', '--out', 'res', '--set', 'actions.4294967296.action=explode'], exit: 2, message: /item 4294967296 is beyond the end of actions, a list of 1/ },
  {
    name: 'a sweep of a billion seeds',
    files: { 'tiny.yaml': readFileSync(SWEEP_SCENARIO), 'sw.yaml': 'name: s\nscenario: tiny.yaml\nseeds: { from: 0, count: 1000000000 }\nmetrics: [placements.succeeded]\n' },
    args: ['sweep', 'sw.yaml', '--out', 'res'],
    exit: 2,
    message: /^novasim sweep: sw\.yaml:3:\d+: seeds\.count: expected a whole number >= 1 <= 1000000/,
  },
  {
    name: 'a sweep of 100,000 runs',
    files: { 'tiny.yaml': readFileSync(SWEEP_SCENARIO), 'sw.yaml': 'name: s\nscenario: tiny.yaml\nmatrix: { scheduler.policy: [pack, spread] }\nseeds: { from: 0, count: 50000 }\nmetrics: [placements.succeeded]\n' },
    args: ['sweep', 'sw.yaml', '--out', 'res'],
    exit: 2,
    message: /sw\.yaml:\d+:\d+: seeds: the matrix and seeds plan 100,000 runs, over max_runs \(10,000\)/,
  },
  {
    name: 'merge of a folder with a bogus sweep.json',
    files: { 'bogus/sweep.json': '{ "name": "x", "matrix": 5 }' },
    args: ['merge', 'res', 'bogus'],
    exit: 2,
    message: /^novasim merge: bogus: not a sweep folder novasim can read:\n[\s\S]*bogus\/sweep\.json:1:\d+: matrix: expected a list of a mapping, got 5/,
  },
  { name: 'diff of a summary.json of random bytes', files: { 'a/summary.json': '{}', 'b/summary.json': randomBytes(4096) }, args: ['diff', 'a', 'b'], exit: 2, message: /^novasim diff: b\/summary\.json: the summary\.json is not (YAML or JSON text|UTF-8 text)/ },
  { name: 'diff of a summary.json that is a list', files: { 'a/summary.json': '{}', 'b/summary.json': '[1, 2]' }, args: ['diff', 'a', 'b'], exit: 2, message: /^novasim diff: b\/summary\.json: not a novasim summary \(expected a JSON object\)/ },
  { name: 'diff of a summary.json cut short', files: { 'a/summary.json': '{}', 'b/summary.json': '{ "seed": ' }, args: ['diff', 'a', 'b'], exit: 2, message: /^novasim diff: b\/summary\.json: the summary\.json is not valid JSON/ },
  { name: 'explain of a folder that is not there', files: {}, args: ['explain', 'nowhere', 'web-1'], exit: 2, message: /^novasim explain: nowhere: cannot read the results folder \(ENOENT\)/ },
  { name: 'explain of a placement log of random bytes', files: { 'p/placements.jsonl': randomBytes(4096) }, args: ['explain', 'p', 'web-1'], exit: 1, message: /^novasim explain: no placements of server 'web-1'/ },
];

let root: string;
const results = new Map<Case, CliResult>();
const dirOf = (c: Case): string => join(root, c.name.replace(/\W+/g, '-'));

beforeAll(async () => {
  ensureBuilt();
  root = tempDir('hostile');
  for (const c of CASES) {
    for (const [name, content] of Object.entries(c.files)) {
      const path = join(dirOf(c), name);
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, content);
    }
    mkdirSync(dirOf(c), { recursive: true });
  }
  const done = await pooled(CASES.map((c) => () => cliAsync(c.args, dirOf(c))));
  CASES.forEach((c, i) => results.set(c, done[i]!));
}, 300_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('hostile input ends cleanly', () => {
  it.each(CASES)('$name', (c) => {
    const r = results.get(c)!;

    expect(r.status, r.stderr).toBe(c.exit);
    expect(r.stderr).toMatch(c.message);
    expect(r.stderr.startsWith(`novasim ${c.args[0]}: `)).toBe(true);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stderr).not.toMatch(/TypeError|RangeError|SyntaxError|Maximum call stack/);
    // Capped: at most 50 problems and a count, and no byte of a binary file quoted back.
    expect(r.stderr.split('\n').length).toBeLessThanOrEqual(52);
    expect(r.stderr).not.toMatch(/[\u0000-\u0008\u000e-\u001f\ufffd]/);
    expect(existsSync(join(dirOf(c), 'res'))).toBe(false);
    expect(existsSync(join(dirOf(c), 'results'))).toBe(false);
  });
});
