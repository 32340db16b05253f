import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import seedrandom from 'seedrandom';
import { RUN_HEADER, runCells, runCli } from './child-run.js';
import type { BenchContext } from './sections.js';

/**
 * The timeline case of issue 13: an `actions:` JSON scenario with H hosts
 * (32 vCPUs, 64 GiB), 10·H servers (2 vCPUs, 4 GiB) created at random
 * times over one hour, each deleted 10 to 90 minutes after its create.
 * The whole `novasim run` process is measured, parsing included.
 */
export function timelineScenario(hosts: number, seed = 1): object {
  const rng = seedrandom.alea(String(seed));
  const actions: object[] = [];
  for (let i = 1; i <= 10 * hosts; i++) {
    const at = Math.floor(rng() * 3600);
    actions.push({ at, action: 'create', server: `s-${i}`, flavor: 'm1.medium', image: 'img', project: 'p' });
    actions.push({ at: at + 600 + Math.floor(rng() * 4800), action: 'delete', server: `s-${i}` });
  }
  // The file lists actions in time order (equal times keep file order): a create always precedes its delete.
  actions.sort((a, b) => (a as { at: number }).at - (b as { at: number }).at);
  return {
    name: `timeline-${hosts}`,
    seed,
    duration: 3 * 3600,
    flavors: [{ name: 'm1.medium', vcpus: 2, ram_mb: 4096, disk_gb: 40 }],
    images: [{ name: 'img', size_gb: 1 }],
    hosts: [{ name_prefix: 'cmp-', count: hosts, vcpus: 32, ram_mb: 65536, disk_gb: 2000 }],
    projects: [{ name: 'p' }],
    actions,
  };
}

export async function runTimelineBenchmark(ctx: BenchContext): Promise<void> {
  const sizes = ctx.quick ? [1000] : [1000, 10_000];
  const scratch = mkdtempSync(join(tmpdir(), 'novasim-timeline-'));
  try {
    console.log('## Timeline: an actions: JSON scenario, H hosts and 10·H servers created over an hour\n');
    console.log('`novasim run` with the default outputs in a process of its own; CPU is the whole process (start, parse, run, outputs, report).\n');
    console.log(`| H | servers | JSON (MiB) | ${RUN_HEADER.slice(2)}`);
    console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const hosts of sizes) {
      const file = join(scratch, `timeline-${hosts}.json`);
      const text = JSON.stringify(timelineScenario(hosts));
      writeFileSync(file, text);
      ctx.log(`timeline H=${hosts}...`);
      const run = await runCli(file, [], ctx.log);
      console.log(`| ${hosts.toLocaleString('en')} | ${(10 * hosts).toLocaleString('en')} | ${(text.length / 2 ** 20).toFixed(1)} | ${runCells(run).join(' | ')} |`);
    }
    console.log();
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
