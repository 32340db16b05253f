import { SIM_EPOCH_UNIX } from '../model/sim-epoch.js';

const DAY = 86_400;
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * Simulated seconds as the Compute API prints a time, counted from
 * SIM_EPOCH_UNIX (2026-01-05T00:00:00Z): `created`/`updated` style
 * ("2026-01-05T00:00:32Z", whole seconds), or with `micro` the
 * `launched_at` style ("2026-01-05T00:00:32.800000", no zone). Computed
 * arithmetically: no Date, so no wall clock can leak in.
 */
export function isoTime(t: number, micro = false): string {
  const whole = Math.floor(t);
  const seconds = SIM_EPOCH_UNIX + whole;
  const days = Math.floor(seconds / DAY);
  const [y, m, d] = civilFromDays(days);
  const s = seconds - days * DAY;
  const clock = `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
  const date = `${y}-${pad(m)}-${pad(d)}T${clock}`;
  return micro ? `${date}.${pad(Math.min(999_999, Math.round((t - whole) * 1e6)), 6)}` : `${date}Z`;
}

/** Days since 1970-01-01 -> proleptic Gregorian (year, month, day), by the usual era arithmetic (400-year cycles). */
function civilFromDays(days: number): [number, number, number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shifted = Math.floor((5 * dayOfYear + 2) / 153); // months from March
  const day = dayOfYear - Math.floor((153 * shifted + 2) / 5) + 1;
  const month = shifted < 10 ? shifted + 3 : shifted - 9;
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day];
}
