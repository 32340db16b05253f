import { following } from '../candidates.js';
import type { IndexedPolicy } from '../policy.js';

/** The first candidate after the host chosen last, in host order, wrapping; the alternates follow it. */
export function roundRobinPolicy(): IndexedPolicy {
  let last = -1;
  return {
    name: 'round_robin',
    choose(request, candidates) {
      const chosen = candidates.firstFrom(last + 1) ?? candidates.firstFrom(0)!;
      last = chosen;
      return { chosen, alternates: following(candidates, chosen, request.alternates), top: [] };
    },
  };
}
