import { eventsCsv } from '../src/metrics/writers/events-csv.js';
import { filesJson } from '../src/metrics/writers/files-json.js';
import { hostsCsv } from '../src/metrics/writers/hosts-csv.js';
import { limitsJson } from '../src/metrics/writers/limits-json.js';
import type { Flushable } from '../src/metrics/writers/output-file.js';
import { serversCsv } from '../src/metrics/writers/servers-csv.js';
import { serversJson } from '../src/metrics/writers/servers-json.js';
import { timeseriesCsv } from '../src/metrics/writers/timeseries-csv.js';
import { summaryOf } from '../src/run/outputs/summary-sections.js';
import { buildSimulation } from '../src/scenario/build.js';
import { loadScenario } from '../src/scenario/validate.js';
import type { BenchContext } from './sections.js';

/**
 * 1,000 hosts, 100,000 servers created and deleted over 30 simulated days
 * (the quick mode runs a tenth of it). events.csv and timeseries.csv are
 * streamed and the summary and final tables rendered, but counted, not
 * kept, so the figure is the simulator's own cost.
 */
function scenarioText(hosts: number, servers: number, days: number): string {
  const perHour = servers / (days * 24);
  return `
name: bench-${hosts}h-${servers}s
seed: 1
duration: ${days}d
metrics: { sample_interval: 1h }
flavors:
  - { name: m1.small, vcpus: 1, ram_mb: 2048, disk_gb: 20 }
  - { name: m1.medium, vcpus: 2, ram_mb: 4096, disk_gb: 40 }
  - { name: m1.large, vcpus: 4, ram_mb: 8192, disk_gb: 80 }
images: [ { name: img, size_gb: 2 } ]
hosts: [ { name_prefix: cmp-, count: ${hosts}, vcpus: 64, ram_mb: 262144, disk_gb: 4000 } ]
projects: [ { name: p } ]
workload:
  - name: w
    project: p
    image: img
    flavors: { m1.small: 3, m1.medium: 2, m1.large: 1 }
    arrivals: { process: poisson, rate: ${perHour.toFixed(3)}/h }
    lifetime: { dist: exponential, mean: 3d }
    end: ${days}d
`;
}

export function runScenarioBenchmark(ctx: BenchContext): void {
  const servers = ctx.quick ? 10_000 : 100_000;
  const loaded = loadScenario('bench', scenarioText(1000, servers, 30));
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
  let bytes = 0;
  const count = { write: (text: string) => void (bytes += text.length) };
  const rssBefore = process.memoryUsage().rss;
  const start = performance.now();
  const writers: Flushable[] = [];
  const simulation = buildSimulation(loaded.scenario, { listen: (run) => writers.push(eventsCsv.listen(run, count), timeseriesCsv.listen(run, count)) });
  let peakHeap = 0;
  while (!simulation.advance(100_000)) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  const result = simulation.finish();
  for (const writer of writers) writer.flush();
  const summary = summaryOf(result);
  for (const file of [serversCsv, hostsCsv, serversJson, limitsJson, filesJson]) file.render(result); // rendered as a run does, not counted
  const seconds = (performance.now() - start) / 1000;
  const created = summary.requests['create']?.accepted ?? 0;
  console.log('## Scenario: 1,000 hosts, servers created and deleted over 30 simulated days\n');
  console.log('| servers created | events | wall time (s) | events/s | peak heap (MB) | peak RSS (MB) | events.csv (MB) |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|');
  console.log(
    `| ${created.toLocaleString('en')} | ${result.events.toLocaleString('en')} | ${seconds.toFixed(2)} | ${Math.round(result.events / seconds).toLocaleString('en')} | ${(peakHeap / 2 ** 20).toFixed(0)} | ${(Math.max(process.resourceUsage().maxRSS * 1024, rssBefore) / 2 ** 20).toFixed(0)} | ${(bytes / 2 ** 20).toFixed(0)} |`,
  );
  console.log();
}
