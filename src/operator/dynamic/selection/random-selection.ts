import type { Rng } from '../../../engine/random.js';
import { movable, type ServerSelector } from './selector.js';

/**
 * RS: a server chosen uniformly at random, from the scenario's own named
 * stream. CloudSim draws from an unseeded java.util.Random, so its RS runs
 * cannot be repeated; these can, and the draws never shift another stream.
 */
export function randomSelection(rng: Rng): ServerSelector {
  return {
    name: 'RS',
    select(residents) {
      const servers = movable(residents);
      return servers.length === 0 ? null : servers[rng.int(servers.length)]!;
    },
  };
}
