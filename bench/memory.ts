import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { StreamedFile } from '../src/metrics/writers/output-file.js';
import { OUTPUT_FILES } from '../src/run/outputs/registry.js';
import { buildSimulation } from '../src/scenario/build.js';
import { loadScenario } from '../src/scenario/validate.js';
import type { BenchContext } from './sections.js';

/**
 * Memory per host and per server: the heap after a full garbage collection,
 * before and after adding hosts or servers, divided by how many were added.
 * Outputs stream to sinks that only count, so the figures are the model's
 * own (what a run holds whatever it writes).
 */
const STREAMED = OUTPUT_FILES.filter((f): f is Extract<(typeof OUTPUT_FILES)[number], StreamedFile> => f.kind === 'streamed');

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

const text = (hosts: number, servers: number, lifetime: string): string => `
name: memory
seed: 1
duration: ${Math.max(1, Math.ceil(servers / 3600))}h
metrics: { sample_interval: 1d }
flavors: [ { name: m1.medium, vcpus: 2, ram_mb: 4096, disk_gb: 40 } ]
images: [ { name: img, size_gb: 1 } ]
hosts: [ { name_prefix: cmp-, count: ${hosts}, vcpus: 64, ram_mb: 524288, disk_gb: 20000, failure_domain: rack, hosts_per_domain: 40 } ]
projects: [ { name: p } ]
${servers === 0 ? '' : `workload:
  - { name: w, project: p, image: img, flavors: { m1.medium: 1 }, arrivals: { process: schedule, every: 1s, count: ${servers} }${lifetime} }`}
`;

function measure(hosts: number, servers: number, lifetime = ''): { before: number; after: number; simulation: unknown } {
  const loaded = loadScenario('memory', text(hosts, servers, lifetime));
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
  const count = { write: () => {} };
  const base = heapAfterGc();
  // Every streamed file listens, as in a run; what they write is dropped.
  const simulation = buildSimulation(loaded.scenario, { listen: (run) => STREAMED.forEach((file) => file.listen(run, count)) });
  const before = heapAfterGc();
  while (!simulation.advance(100_000));
  return { before: before - base, after: heapAfterGc() - base, simulation };
}

export function runMemoryBenchmark(ctx: BenchContext): void {
  const hosts = ctx.quick ? 2000 : 10_000;
  const servers = ctx.quick ? 20_000 : 100_000;
  const empty = measure(hosts, 0);
  const live = measure(1000, servers);
  // Each server is deleted a minute after it is built: what a deleted server still costs until the end of the run.
  const gone = measure(1000, servers, ', lifetime: { dist: fixed, value: 60 }');
  const perHost = empty.before / hosts;
  const perLive = (live.after - live.before) / servers;
  const perDeleted = (gone.after - gone.before) / servers;
  console.log('## Memory per host and per server\n');
  console.log('Heap after a full GC, before and after (outputs counted, not kept).\n');
  console.log('| what | count | bytes each |');
  console.log('|---|---:|---:|');
  console.log(`| host (inventory, host index, metrics) | ${hosts.toLocaleString('en')} | ${Math.round(perHost).toLocaleString('en')} |`);
  console.log(`| live server | ${servers.toLocaleString('en')} | ${Math.round(perLive).toLocaleString('en')} |`);
  console.log(`| deleted server, kept for servers.csv | ${servers.toLocaleString('en')} | ${Math.round(perDeleted).toLocaleString('en')} |`);
  console.log();
  ctx.log(`kept alive until measured: ${[empty, live, gone].map((m) => typeof m.simulation).join(',')}`);
}
