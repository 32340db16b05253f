import { rounded } from '../format.js';
import { Tally } from '../instruments/tally.js';
import type { RunFacts } from '../run-facts.js';
import { spreadOf, type Spread } from './spread.js';

/** summary.json's `builds`: how long builds waited for a compute host's build slot, and the image downloads. */
export interface BuildSummary {
  /** Builds that took a build slot on a compute host (a reschedule takes another). */
  readonly started: number;
  /** Of those, the ones that waited in the host's line (max_concurrent_builds). */
  readonly queued: number;
  /** The wait of every started build, in seconds (0 for one that did not wait). */
  readonly queue_wait_s: Spread & { readonly mean: number };
  /** Images downloaded into hosts' caches; builds that found their image cached download nothing. */
  readonly image_downloads: number;
  readonly image_download_s: Spread;
}

/** The builds' queue waits and image downloads, O(1) per fact. */
export class BuildStats {
  readonly #waits = new Tally();
  #queued = 0;
  readonly #downloads = new Tally();

  constructor(facts: RunFacts) {
    facts.on('build_started', (fact) => {
      this.#waits.add(fact.waitedS);
      if (fact.waitedS > 0) this.#queued++;
    });
    facts.on('image_download', (fact) => this.#downloads.add(fact.seconds));
  }

  summary(): BuildSummary {
    return {
      started: this.#waits.count,
      queued: this.#queued,
      queue_wait_s: { mean: rounded(this.#waits.mean, 3), ...spreadOf(this.#waits) },
      image_downloads: this.#downloads.count,
      image_download_s: spreadOf(this.#downloads),
    };
  }
}
