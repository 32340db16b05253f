import type { Rng } from '../../engine/random.js';
import type { HostId } from '../../model/ids.js';
import { following, type Candidates } from '../candidates.js';
import type { IndexedPolicy } from '../policy.js';

/** Draws over all hosts before the candidates are counted out. */
const DRAWS = 32;

/** A candidate drawn uniformly from the scheduler's stream; the alternates follow it in host order. */
export function randomPolicy(): IndexedPolicy {
  return {
    name: 'random',
    choose(request, candidates, { rng, hosts }) {
      const chosen = randomCandidate(candidates, hosts.length, rng);
      return { chosen, alternates: following(candidates, chosen, request.alternates), top: [] };
    },
  };
}

/**
 * A uniformly random candidate: a few draws over all hosts (fast when many
 * hosts are candidates), then a draw among the candidates counted in host
 * order. Either way every candidate is equally likely.
 */
function randomCandidate(candidates: Candidates, hostCount: number, rng: Rng): HostId {
  for (let i = 0; i < DRAWS; i++) {
    const host = rng.int(hostCount) as HostId;
    if (candidates.has(host)) return host;
  }
  return candidates.nth(rng.int(candidates.count));
}
