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
    console.log('## Timeline: H hosts and 10·H servers created over an hour, as an actions: JSON scenario and as a request log (CSV)\n');
    console.log('`novasim run` with the default outputs in a process of its own; CPU is the whole process (start, parse, run, outputs, report).\n');
    console.log(`| H | timeline | file (MiB) | ${RUN_HEADER.slice(2)}`);
    console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const hosts of sizes) {
      const scenario = timelineScenario(hosts) as { actions: Record<string, unknown>[] };
      const file = join(scratch, `timeline-${hosts}.json`);
      const text = JSON.stringify(scenario);
      writeFileSync(file, text);
      ctx.log(`timeline H=${hosts}...`);
      const run = await runCli(file, [], ctx.log);
      console.log(`| ${hosts.toLocaleString('en')} | actions: | ${(text.length / 2 ** 20).toFixed(1)} | ${runCells(run).join(' | ')} |`);
      // The same requests as a request log (`actions_file:`): a CSV read as a stream while the run plays it.
      const csv = ['time,action,server,flavor,image,project', ...scenario.actions.map((a) => [a['at'], a['action'], a['server'], a['flavor'] ?? '', a['image'] ?? '', a['project'] ?? ''].join(','))].join('\n');
      writeFileSync(join(scratch, `timeline-${hosts}.csv`), `${csv}\n`);
      const streamed = join(scratch, `timeline-${hosts}-csv.json`);
      writeFileSync(streamed, JSON.stringify({ ...scenario, actions: [], actions_file: `timeline-${hosts}.csv` }));
      ctx.log(`timeline H=${hosts} from a request log...`);
      const fromCsv = await runCli(streamed, [], ctx.log);
      console.log(`| ${hosts.toLocaleString('en')} | actions_file: | ${(csv.length / 2 ** 20).toFixed(1)} | ${runCells(fromCsv).join(' | ')} |`);
    }
    console.log();
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
