import type { IndexedPolicy } from '../policy.js';
import { TOP, topWeighed, type Scorer } from '../scorer.js';

/** The best candidate by one score (host order among equals), the next best as alternates. */
export function rankedPolicy(name: string, scorer: Scorer): IndexedPolicy {
  return {
    name,
    choose(request, candidates, { hosts }) {
      const wanted = 1 + request.alternates;
      const ranked = candidates.best(Math.max(TOP, wanted), scorer, null);
      return { chosen: ranked[0]!, alternates: ranked.slice(1, wanted), top: topWeighed(ranked, scorer, hosts) };
    },
  };
}
