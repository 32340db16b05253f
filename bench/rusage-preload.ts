import { writeFileSync } from 'node:fs';

/**
 * Preloaded (`node --import`) into a benchmarked `novasim run`: at exit it
 * writes the process's own resource usage (CPU times, peak RSS) where the
 * bench asked, so the bench measures the whole process portably.
 */
const target = process.env['NOVASIM_BENCH_RUSAGE'];
if (target !== undefined) process.on('exit', () => writeFileSync(target, JSON.stringify(process.resourceUsage())));
