import { olsRSquared } from '../ols-r-squared.js';
import { movable, type ServerSelector } from './selector.js';

/**
 * MC: the server whose utilisation history the other servers' histories
 * explain best (the largest R² of a least-squares fit of its samples on
 * theirs): moving it takes the most correlated load away. Histories are
 * cut to the shortest one. Where no fit can be made (one server, too few
 * samples for the regressors, a singular design), the fallback chooses, as
 * in CloudSim. Ties and R² that are not positive go to the first server.
 */
export function maximumCorrelation(fallback: ServerSelector): ServerSelector {
  return {
    name: 'MC',
    select(residents) {
      const servers = movable(residents);
      if (servers.length === 0) return null;
      const samples = Math.min(...servers.map((s) => s.history.length));
      const histories = servers.map((s) => s.history.slice(0, samples));
      let best = 0;
      let max = Number.MIN_VALUE;
      for (let i = 0; i < servers.length; i++) {
        const r2 = olsRSquared(histories[i]!, histories.filter((_, j) => j !== i));
        if (r2 === null) return fallback.select(residents);
        if (r2 > max) {
          max = r2;
          best = i;
        }
      }
      return servers[best]!;
    },
  };
}
