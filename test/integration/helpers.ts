/**
 * Shared by the integration tests: they run the BUILT command line
 * (dist/src/cli/main.js) as a child process, exactly as a user would.
 */
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsv as csvRecords } from '../../src/report/csv.js';
import { expectationsJson } from '../../src/run/outputs/expectations-json.js';
import { OUTPUT_FILES as REGISTERED } from '../../src/run/outputs/registry.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = join(ROOT, 'dist/src/cli/main.js');

/** The files `novasim run` writes for a scenario with no `expect:` list: the output registry's (and their companions), but expectations.json. */
export const OUTPUT_FILES = REGISTERED.flatMap((file) => ('companion' in file ? [file.name, file.companion] : [file.name])).filter((name) => name !== expectationsJson.name);
export const EVENTS_HEADER = 'time,server,host,action,outcome,status,vm_state,task_state,power_state,reason,http_status';

/**
 * Shipped scenarios too big to run whole in the suite: region.yaml's full
 * size is the benchmark's (npm run bench -- --only region, which checks its
 * expect: list); test/integration/region.test.ts runs it at a hundredth.
 */
export const BENCH_SIZED = new Set(['scenarios/region.yaml']);

/** Scenario files shipped in scenarios/, as paths relative to the repository root (sweep files beside them are not scenarios); `all` includes the bench-sized ones. */
export function scenarioFiles(all = false): string[] {
  return readdirSync(join(ROOT, 'scenarios'))
    .filter((f) => /\.(ya?ml|json)$/.test(f) && !/\.sweep\.ya?ml$/.test(f))
    .sort()
    .map((f) => `scenarios/${f}`)
    .filter((f) => all || !BENCH_SIZED.has(f));
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const isStale = (): boolean => !existsSync(CLI) || statSync(CLI).mtimeMs < newestMtime(join(ROOT, 'src'));

const sleep = (ms: number): void => void Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Builds dist/ when it is missing or older than src/. Test files run in
 * parallel workers, so the build is serialised with a lock directory: one
 * worker builds, the others wait and then find dist/ fresh.
 */
export function ensureBuilt(): void {
  if (!isStale()) return;
  const lock = join(tmpdir(), `novasim-build-${createHash('sha1').update(ROOT).digest('hex').slice(0, 12)}.lock`);
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another worker is building; a lock older than two minutes is left over from a crash.
      try {
        if (Date.now() - statSync(lock).mtimeMs > 120_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        /* it went away meanwhile */
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for the build lock ${lock}`);
      sleep(200);
    }
  }
  try {
    if (!isStale()) return;
    const r = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, encoding: 'utf8' });
    // tsc still emits on type errors; only a missing CLI is fatal here.
    if (!existsSync(CLI)) throw new Error(`build failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Runs `node dist/src/cli/main.js ...args` from the repository root (or `cwd`). */
export function cli(args: readonly string[], cwd = ROOT): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 60_000,
  });
}

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `cli`, without blocking: many of these may run at once. */
export function cliAsync(args: readonly string[], cwd = ROOT): Promise<CliResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', fail);
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

/** Runs `jobs` with at most `limit` in flight; results in input order. */
export async function pooled<T>(jobs: readonly (() => Promise<T>)[], limit = 4): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
}

/** A fresh temporary directory; remove it with `rmSync(dir, { recursive: true, force: true })`. */
export const tempDir = (label: string): string => mkdtempSync(join(tmpdir(), `novasim-${label}-`));

/** Runs a scenario into `out` and returns the result (asserting nothing). */
export function runScenario(file: string, out: string, extra: readonly string[] = []): SpawnSyncReturns<string> {
  return cli(['run', file, '--out', out, ...extra]);
}

export const read = (dir: string, name: string): string => readFileSync(join(dir, name), 'utf8');

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF) into rows of fields: the reader the reports use. */
export { csvRows as parseCsv } from '../../src/report/csv.js';

/** A CSV file as objects keyed by its header. */
export const readCsv = (dir: string, name: string): Record<string, string>[] => csvRecords(read(dir, name));
