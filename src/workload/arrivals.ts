import type { Rng } from '../engine/random.js';
import { dayOfWeek, hourOfDay } from './calendar.js';
import type { WorkloadSpec } from './types.js';

/**
 * The next arrival time after `now`, or +Infinity when the process is done.
 * A Poisson process with a daily/weekly pattern is non-homogeneous; it is
 * sampled by thinning (Lewis and Shedler): candidates at the peak rate,
 * each kept with probability rate(t) / peak.
 */
export function nextArrival(spec: WorkloadSpec, now: number, index: number, rng: Rng): number {
  const end = spec.end ?? Number.POSITIVE_INFINITY;
  const a = spec.arrivals;
  let t: number;
  if (a.process === 'schedule') {
    if (a.at !== undefined) t = index < a.at.length ? a.at[index]! : Number.POSITIVE_INFINITY;
    else t = a.count !== undefined && index >= a.count ? Number.POSITIVE_INFINITY : a.start + index * a.every!;
  } else {
    t = nextPoisson(spec, Math.max(now, spec.start), a.rate, rng, end);
  }
  return t < end ? t : Number.POSITIVE_INFINITY;
}

function nextPoisson(spec: WorkloadSpec, from: number, rate: number, rng: Rng, end: number): number {
  const hourly = spec.pattern?.hourly;
  const weekly = spec.pattern?.weekly;
  const peak = rate * Math.max(...(hourly ?? [1])) * Math.max(...(weekly ?? [1]));
  if (!(peak > 0)) return Number.POSITIVE_INFINITY;
  let t = from;
  for (;;) {
    t += -Math.log(1 - rng.next()) / peak;
    if (t >= end) return Number.POSITIVE_INFINITY;
    const r = rate * (hourly?.[hourOfDay(t)] ?? 1) * (weekly?.[dayOfWeek(t)] ?? 1);
    if (rng.next() * peak < r) return t;
  }
}
