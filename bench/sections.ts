/**
 * Registry of benchmark sections run by `npm run bench` (bench/main.ts), in
 * order. Each section prints its own Markdown (a `##` heading and a table) to
 * stdout; progress and diagnostics go to stderr so stdout stays clean.
 *
 * A new section goes in its own bench/<name>.ts and is appended to
 * `sections` below; bench/main.ts needs no change.
 */
import { formatHoldTable, runHoldBenchmarks } from './hold.js';
import { runMemoryBenchmark } from './memory.js';
import { runPlacementBenchmark } from './placement.js';
import { runPlanetLabBenchmark } from './planetlab.js';
import { runRegionBenchmark } from './region.js';
import { runScenarioBenchmark } from './scenario.js';
import { runServeBenchmark } from './serve.js';
import { runTimelineBenchmark } from './timeline.js';

/** What every section gets from the command line. */
export interface BenchContext {
  /** `--quick`: fewer events / smaller runs, for a smoke test. */
  readonly quick: boolean;
  /** The raw arguments after the script name, for section-specific flags. */
  readonly argv: readonly string[];
  /** Progress output (stderr). */
  readonly log: (line: string) => void;
}

export interface BenchSection {
  /** Short id, usable with `--only <name>`. */
  readonly name: string;
  readonly run: (ctx: BenchContext) => void | Promise<void>;
}

export const hold: BenchSection = {
  name: 'hold',
  run: async (ctx) => {
    const events = ctx.quick ? 1_000_000 : 10_000_000;
    const isolate = !ctx.argv.includes('--hold-one-thread');
    const rows = await runHoldBenchmarks(events, { log: ctx.log, isolate });
    console.log('## Hold model (pending-event set)\n');
    console.log(
      'Each event removes the earliest pending event and schedules one at its time plus an ' +
        'exponential increment (mean 1, precomputed); medians of 3 runs, prefill not timed, ' +
        (isolate ? 'each implementation in a worker thread of its own' : 'all in one thread (--hold-one-thread)') +
        '. engine / typed heap >= 0.5 means the engine is within 2x of the typed-array heap.\n',
    );
    console.log(formatHoldTable(rows));
    console.log();
  },
};

export const sections: BenchSection[] = [
  hold,
  { name: 'scenario', run: runScenarioBenchmark },
  { name: 'placement', run: runPlacementBenchmark },
  { name: 'region', run: runRegionBenchmark },
  { name: 'timeline', run: runTimelineBenchmark },
  { name: 'memory', run: runMemoryBenchmark },
  { name: 'serve', run: runServeBenchmark },
  { name: 'planetlab', run: runPlanetLabBenchmark },
];
