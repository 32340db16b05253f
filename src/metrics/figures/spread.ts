import { rounded } from '../format.js';
import type { Tally } from '../instruments/tally.js';

/** p50, p95 (nearest rank) and max of a tally of seconds, as summary.json shows them. */
export interface Spread {
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
}

const SECONDS_PLACES = 3;

/** The tally's p50, p95 and max, rounded for output; zeros for no samples. */
export function spreadOf(seconds: Tally): Spread {
  return {
    p50: rounded(seconds.percentile(50), SECONDS_PLACES),
    p95: rounded(seconds.percentile(95), SECONDS_PLACES),
    max: rounded(seconds.max, SECONDS_PLACES),
  };
}
