import { fileURLToPath } from 'node:url';
import { RUN_HEADER, runCells, runCli } from './child-run.js';
import type { BenchContext } from './sections.js';

/**
 * scenarios/region.yaml at full size, a tenth and a hundredth: each run is
 * `novasim run` with the default outputs in a process of its own.
 */
const REGION = fileURLToPath(new URL('../../scenarios/region.yaml', import.meta.url));

/**
 * The overrides that scale region.yaml by `fraction` (1, 0.1, 0.01): hosts,
 * arrival rates, the scheduled tiers and the consolidation budget and
 * headroom together, so the cloud stays as full and each run has the same
 * story at another size. The expect: list holds for the full size only.
 * The region test runs the hundredth with these overrides.
 */
export function regionOverrides(fraction: number): string[] {
  if (fraction === 1) return [];
  const n = (full: number): number => Math.max(1, Math.round(full * fraction));
  const rate = (perHour: number): string => `${+(perHour * fraction).toFixed(3)}/h`;
  return [
    `hosts.0.count=${n(10_000)}`,
    `workload.0.arrivals.rate=${rate(403)}`,
    `workload.1.arrivals.count=${n(10_000)}`,
    `workload.2.arrivals.rate=${rate(972)}`,
    `workload.3.arrivals.count=${n(2000)}`,
    `operator.optimisation.migration_budget=${n(500)}`,
    `operator.optimisation.min_headroom=${n(200)}`,
    'expect=',
  ];
}

export async function runRegionBenchmark(ctx: BenchContext): Promise<void> {
  const fractions = ctx.quick ? [0.01, 0.1] : [0.01, 0.1, 1];
  console.log('## Region: scenarios/region.yaml at a hundredth, a tenth and full size\n');
  console.log('`novasim run` with the default outputs, each in a process of its own (CPU and peak RSS of that process).\n');
  console.log(`| size | hosts | ${RUN_HEADER.slice(2)}`);
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const fraction of fractions) {
    ctx.log(`region at ${fraction}...`);
    const set = regionOverrides(fraction).flatMap((o) => ['--set', o]);
    const run = await runCli(REGION, set, ctx.log);
    console.log(`| ${fraction === 1 ? '1' : `1/${Math.round(1 / fraction)}`} | ${Math.round(10_000 * fraction).toLocaleString('en')} | ${runCells(run).join(' | ')} |`);
    ctx.log(`  files: ${Object.entries(run.files).map(([f, b]) => `${f} ${(b / 2 ** 20).toFixed(1)} MiB`).join(', ')}`);
  }
  console.log();
}
