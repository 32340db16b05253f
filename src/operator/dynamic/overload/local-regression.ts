import { loessEstimates, robustLoessEstimates } from '../regression.js';
import type { OverloadDetector } from './detector.js';

/** Newest samples the regression fits ("10 to make the regression responsive enough to latest values"). */
export const REGRESSION_POINTS = 10;

export interface RegressionSettings {
  /** The safety parameter s: overloaded when s x prediction >= 1. */
  readonly safety: number;
  /** Seconds between consolidation rounds: the prediction looks this many intervals past the migration. */
  readonly interval: number;
  /** How long moving `ramMb` of RAM off this host takes: the horizon of the prediction. */
  readonly migrationSeconds: (ramMb: number) => number;
  readonly fallback: OverloadDetector;
}

/**
 * LR (and LRR, robust): fits a line to the host's last REGRESSION_POINTS
 * utilisation samples (oldest at x = 1) and predicts the utilisation the
 * longest migration off it would end in, ceil(T_mig / interval) samples
 * ahead. As CloudSim's MathUtil goes, the tricube weights never apply, so
 * LR is plain least squares; LRR's bisquare step differs from it only in
 * degenerate cases. Fewer samples, or a fit that cannot be made, fall back.
 */
export function localRegression(settings: RegressionSettings, robust = false): OverloadDetector {
  const fit = robust ? robustLoessEstimates : loessEstimates;
  return {
    name: `${robust ? 'LRR' : 'LR'}-${settings.safety}`,
    overloaded(host) {
      const history = host.history();
      if (history.length < REGRESSION_POINTS) return settings.fallback.overloaded(host);
      const chronological = Float64Array.from({ length: REGRESSION_POINTS }, (_, i) => history[REGRESSION_POINTS - i - 1]!);
      let estimates: readonly [number, number];
      try {
        estimates = fit(chronological);
      } catch {
        return settings.fallback.overloaded(host);
      }
      const intervals = Math.ceil(settings.migrationSeconds(host.maxServerRamMb()) / settings.interval);
      const predicted = (estimates[0] + estimates[1] * (REGRESSION_POINTS + intervals)) * settings.safety;
      return predicted >= 1;
    },
  };
}
