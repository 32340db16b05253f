import type { RunFacts } from '../run-facts.js';

/** Buckets of 1 % of a host's CPU, 0 % to 100 % (a utilisation above 1 counts in the last). */
const BUCKETS = 101;
const NONE = -1;

/** The hosts' CPU at one instant, as timeseries.csv shows it. */
export interface HostLoadNow {
  /** Hosts with CPU in use. */
  readonly active: number;
  /** Percentiles of the active hosts' utilisation (fractions, to the 1 % bucket below); null with no active host. */
  readonly p10: number | null;
  readonly p50: number | null;
  readonly p90: number | null;
  readonly max: number | null;
  /** Hosts giving their servers less CPU than they ask for (SLATAH's violation). */
  readonly short: number;
}

/**
 * The distribution of the hosts' CPU utilisation, kept as a histogram of
 * the active hosts by 1 % bucket as their host_cpu facts come (O(1) each),
 * so a sample reads it in O(buckets) whatever the number of hosts: a few
 * percentiles instead of a column per host.
 */
export class HostLoad {
  readonly #bucket: number[] = [];
  readonly #short: boolean[] = [];
  readonly #counts = new Int32Array(BUCKETS);
  #active = 0;
  #shortCount = 0;

  constructor(facts: RunFacts) {
    facts.on('host_cpu', (f) => {
      const before = this.#bucket[f.host] ?? NONE;
      const now = f.allocatedMips > 0 ? Math.min(BUCKETS - 1, Math.floor((100 * f.allocatedMips) / f.capacityMips)) : NONE;
      if (before !== NONE) {
        this.#counts[before]!--;
        this.#active--;
      }
      if (now !== NONE) {
        this.#counts[now]!++;
        this.#active++;
      }
      this.#bucket[f.host] = now;
      const short = f.allocatedMips < f.requestedMips;
      if (short !== (this.#short[f.host] ?? false)) this.#shortCount += short ? 1 : -1;
      this.#short[f.host] = short;
    });
  }

  now(): HostLoadNow {
    const n = this.#active;
    return { active: n, p10: this.#percentile(0.1), p50: this.#percentile(0.5), p90: this.#percentile(0.9), max: this.#percentile(1), short: this.#shortCount };
  }

  /** The bucket holding the ceil(q n)-th smallest utilisation, as a fraction. */
  #percentile(q: number): number | null {
    const n = this.#active;
    if (n === 0) return null;
    const rank = Math.max(1, Math.ceil(q * n));
    let seen = 0;
    for (let b = 0; b < BUCKETS; b++) {
      seen += this.#counts[b]!;
      if (seen >= rank) return b / 100;
    }
    return 1;
  }
}
