/**
 * The ranges a scenario's numbers must fall in to be believed. A value
 * outside them is almost always a typo or a hostile file (`ram_mb: 1e300`),
 * and refusing it up front is kinder than a run that overflows, crawls or
 * lies. The figures are generous: the largest servers and hosts sold today
 * fit well inside them. docs/limits-and-safety.md lists them.
 */
import { CENTURY_SECONDS, num, type Spec } from './spec.js';

/** Seeds are whole numbers that a double holds exactly: beyond 2^53 - 1 two seeds would be one. */
export const SEED_MAX = Number.MAX_SAFE_INTEGER;

export const seedSpec: Spec<number> = num({ min: 0, max: SEED_MAX, integer: true });

/**
 * A seed given as text (`--seed`, a sweep shard): digits only, within the
 * range. A number is not read through parseFloat, so `1e30` or `7.5` is
 * refused instead of being rounded into another seed.
 */
export function parseSeed(text: string): number | string {
  const digits = text.trim();
  if (!/^\d+$/.test(digits)) return `expected a whole number from 0 to ${SEED_MAX}, got '${digits.slice(0, 40)}'`;
  if (digits.length > 16 || Number(digits) > SEED_MAX) return `expected a seed of at most ${SEED_MAX} (2^53 - 1), got ${digits.slice(0, 40)}`;
  return Number(digits);
}

/** The plausible ranges of sizes, per host and per flavor. */
export const PLAUSIBLE = {
  /** vCPUs of one host or flavor. */
  vcpus: 4096,
  /** RAM of one host or flavor: 64 TiB. */
  ramMb: 64 * 1024 * 1024,
  /** Disk of one host or flavor: 1 PiB. */
  diskGb: 1024 * 1024,
  /** One image: 64 TiB. */
  imageGb: 64 * 1024,
  /** Tasks one compute service runs at once (max_concurrent_builds, max_concurrent_snapshots): far beyond any thread pool. */
  concurrentTasks: 100_000,
  /** Simulated time: a century, in seconds (float seconds keep microsecond resolution there). */
  seconds: CENTURY_SECONDS,
} as const;

export const vcpusSpec = (min = 1): Spec<number> => num({ min, max: PLAUSIBLE.vcpus, integer: true });
export const ramMbSpec = (): Spec<number> => num({ min: 1, max: PLAUSIBLE.ramMb, integer: true });
export const diskGbSpec = (min: number): Spec<number> => num({ min, max: PLAUSIBLE.diskGb, integer: true });
export const imageGbSpec = (): Spec<number> => num({ min: 0, max: PLAUSIBLE.imageGb });
