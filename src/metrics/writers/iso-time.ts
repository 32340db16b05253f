import { SIM_EPOCH_UNIX } from '../../model/sim-epoch.js';

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * Simulated seconds as the Compute API prints a time, counted from
 * SIM_EPOCH_UNIX (2026-01-05T00:00:00Z): `created`/`updated` style
 * ("2026-01-05T00:00:32Z", whole seconds), or with `micro` the
 * `launched_at` style ("2026-01-05T00:00:32.800000", no zone). Only the
 * fixed instant is formatted: no wall clock is read.
 */
export function isoTime(t: number, micro = false): string {
  const whole = Math.floor(t);
  const date = new Date((SIM_EPOCH_UNIX + whole) * 1000).toISOString().slice(0, 19);
  return micro ? `${date}.${pad(Math.min(999_999, Math.round((t - whole) * 1e6)), 6)}` : `${date}Z`;
}
