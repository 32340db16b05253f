import type { Rng } from '../engine/random.js';
import type { Resources } from '../model/resources.js';

/** One flavor's order of the hosts: the rank of each host, and the host at each rank. */
export interface FlavorRanks {
  readonly rankOf: Int32Array;
  readonly hostAt: Int32Array;
}

/**
 * The order Placement returns allocation candidates in when it does not
 * randomise them. Placement builds them into a Python `set` of allocation
 * requests and returns `list()` of it (placement/objects/
 * allocation_candidate.py `_merge_candidates`); a request hashes over its
 * (provider id, resource class, amount) triples, and Python salts string
 * hashes per process. So the order is a pseudo-random permutation of the
 * hosts, stable within one Placement process, that differs with the
 * amounts asked for (so per flavor size) and between processes.
 *
 * Here a host's place is a 32-bit hash of (salt, host id, the flavor's
 * vCPUs, RAM and disk), the host id breaking the rare tie; the salt stands
 * for the process's hash seed and comes from the run's `placement-order`
 * random stream. Two flavors of the same size share an order, as in
 * Placement. (Python iterates a set in hash-slot order, which also depends
 * on which other candidates are in it; a fixed order per size is the
 * simplification.)
 */
export class PlacementOrder {
  readonly #ranks = new Map<string, FlavorRanks>();

  constructor(readonly salt: number) {}

  /** The host's sort key for a request of `size` (lower comes first; ties go to the lower host id). */
  key(size: Readonly<Resources>, host: number): number {
    let h = mix(this.salt ^ 0x5bd1e995);
    h = mix(h ^ host);
    h = mix(h ^ size.vcpus);
    h = mix(h ^ size.ramMb);
    return mix(h ^ size.diskGb);
  }

  /** Every host's rank for requests of `size`, computed once per size. O(n log n) the first time. */
  ranks(size: Readonly<Resources>, hostCount: number): FlavorRanks {
    const id = `${size.vcpus}/${size.ramMb}/${size.diskGb}/${hostCount}`;
    let ranks = this.#ranks.get(id);
    if (ranks === undefined) {
      const keys = new Float64Array(hostCount);
      for (let host = 0; host < hostCount; host++) keys[host] = this.key(size, host);
      const hostAt = Int32Array.from({ length: hostCount }, (_, i) => i).sort((a, b) => keys[a]! - keys[b]! || a - b);
      const rankOf = new Int32Array(hostCount);
      hostAt.forEach((host, rank) => (rankOf[host] = rank));
      ranks = { rankOf, hostAt };
      this.#ranks.set(id, ranks);
    }
    return ranks;
  }
}

/** murmur3's 32-bit finaliser, after a multiply by the golden ratio: a cheap, well-spread hash step. */
function mix(value: number): number {
  let h = Math.imul(value | 0, 0x9e3779b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A random stream made from a seed by hashing a counter, for a scheduler
 * built without the run's named streams (tests, benchmarks, planners): the
 * scheduling layer may not make an engine stream itself.
 */
export function hashedStream(seed: number): Rng {
  let counter = 0;
  const next = (): number => mix(mix(seed ^ 0x27d4eb2f) ^ counter++) / 2 ** 32;
  return { next, int: (n) => Math.floor(next() * n) };
}
