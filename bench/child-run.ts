import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Runs `novasim run` in a process of its own, as a user would, and measures
 * the whole process: wall time, CPU (user + system), peak RSS (from the
 * child's own process.resourceUsage(), written at exit by a preload, so no
 * platform tool is needed) and the bytes of the results folder.
 */
const CLI = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const PRELOAD = fileURLToPath(new URL('./rusage-preload.js', import.meta.url));

export interface ChildRun {
  readonly wallS: number;
  readonly cpuS: number;
  readonly peakRssMb: number;
  readonly bytesWritten: number;
  readonly events: number;
  readonly files: Record<string, number>;
}

export async function runCli(scenario: string, args: readonly string[], log: (line: string) => void): Promise<ChildRun> {
  const scratch = mkdtempSync(join(tmpdir(), 'novasim-bench-'));
  const out = join(scratch, 'out');
  const rusage = join(scratch, 'rusage.json');
  try {
    const start = performance.now();
    const code = await new Promise<number>((done, fail) => {
      const child = spawn(process.execPath, ['--import', PRELOAD, CLI, 'run', scenario, '--out', out, ...args], {
        env: { ...process.env, NOVASIM_BENCH_RUSAGE: rusage },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('error', fail);
      child.on('exit', (c) => {
        if (c !== 0) log(err.slice(-2000));
        done(c ?? 1);
      });
    });
    const wallS = (performance.now() - start) / 1000;
    if (code !== 0 || !existsSync(rusage)) throw new Error(`novasim run ${scenario} exited ${code}`);
    const usage = JSON.parse(readFileSync(rusage, 'utf8')) as NodeJS.ResourceUsage;
    const files: Record<string, number> = {};
    for (const name of readdirSync(out).sort()) files[name] = statSync(join(out, name)).size;
    const run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as { events_processed: number };
    return {
      wallS,
      cpuS: (usage.userCPUTime + usage.systemCPUTime) / 1e6,
      peakRssMb: usage.maxRSS / 1024,
      bytesWritten: Object.values(files).reduce((a, b) => a + b, 0),
      events: run.events_processed,
      files,
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** A row of figures as Markdown cells. */
export function runCells(r: ChildRun): string[] {
  return [
    r.events.toLocaleString('en'),
    r.wallS.toFixed(1),
    r.cpuS.toFixed(1),
    r.peakRssMb.toFixed(0),
    (r.bytesWritten / 2 ** 20).toFixed(0),
    Math.round(r.events / r.wallS).toLocaleString('en'),
  ];
}

export const RUN_HEADER = '| events | wall (s) | CPU (s) | peak RSS (MiB) | written (MiB) | events/s (wall) |';
