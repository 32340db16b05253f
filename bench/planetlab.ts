import { readFileSync } from 'node:fs';
import { timeseriesCsv } from '../src/metrics/writers/timeseries-csv.js';
import type { Flushable } from '../src/metrics/writers/output-file.js';
import { summaryOf } from '../src/run/outputs/summary-sections.js';
import { buildSimulation } from '../src/scenario/build.js';
import { loadScenario } from '../src/scenario/validate.js';
import type { BenchContext } from './sections.js';

const FILE = 'scenarios/planetlab-20110303.yaml';

/**
 * The PlanetLab day of 2011-03-03 under THR-MMT-0.8 (scenarios/planetlab-20110303.yaml):
 * 800 hosts, 1052 servers following their traces, 24 h (the quick mode runs
 * the first 6 h). Loading (the check reads all 1052 trace files) and the run
 * are timed apart; timeseries.csv is streamed and counted, not kept.
 */
export function runPlanetLabBenchmark(ctx: BenchContext): void {
  const overrides = ctx.quick ? [{ path: ['duration'], value: '6h', text: 'duration=6h' }] : [];
  const cpu = process.cpuUsage();
  const start = performance.now();
  const loaded = loadScenario(FILE, readFileSync(FILE, 'utf8'), [...overrides, { path: ['expect'], value: [], text: 'expect=' }]);
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => `${e.file}:${e.line}: ${e.message}`).join('\n'));
  const loadSeconds = (performance.now() - start) / 1000;
  let bytes = 0;
  const writers: Flushable[] = [];
  const simulation = buildSimulation(loaded.scenario, { listen: (run) => writers.push(timeseriesCsv.listen(run, { write: (text: string) => void (bytes += text.length) })) });
  const result = simulation.run();
  for (const writer of writers) writer.flush();
  const summary = summaryOf(result);
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  ctx.log(`planetlab: ${summary.migrations.count} migrations, ${String(summary.energy.total_kwh)} kWh, timeseries.csv ${bytes} bytes`);
  console.log(`## PlanetLab day 2011-03-03, THR-MMT-0.8, 1052 servers${ctx.quick ? ' (first 6 h)' : ''}\n`);
  console.log('| hosts | events | migrations | energy (kWh) | load (s) | load + run (s) | CPU (s) |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|');
  console.log(
    `| ${summary.hosts.total} | ${result.events.toLocaleString('en')} | ${summary.migrations.count.toLocaleString('en')} | ${String(summary.energy.total_kwh)} | ${loadSeconds.toFixed(2)} | ${seconds.toFixed(2)} | ${((used.user + used.system) / 1e6).toFixed(2)} |`,
  );
  console.log();
}
