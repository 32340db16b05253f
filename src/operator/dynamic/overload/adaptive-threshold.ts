import { countNonZeroBeginning, iqr, mad } from '../statistics.js';
import type { OverloadDetector } from './detector.js';

/** Samples a host's history needs before IQR or MAD trust it (CloudSim: "12 has been suggested as a safe value"). */
export const MIN_HISTORY = 12;

/**
 * An adaptive upper threshold, 1 - safety x spread(history): IQR uses the
 * interquartile range, MAD the median absolute deviation. The more a host's
 * load has varied, the earlier it counts as overloaded. With fewer than
 * MIN_HISTORY samples the fallback decides.
 */
function adaptive(kind: 'IQR' | 'MAD', spread: (history: Float64Array) => number, safety: number, fallback: OverloadDetector): OverloadDetector {
  if (!(safety >= 0)) throw new RangeError(`the safety parameter must be >= 0, got ${safety}`);
  return {
    name: `${kind}-${safety}`,
    overloaded(host) {
      const history = host.history();
      if (countNonZeroBeginning(history) < MIN_HISTORY) return fallback.overloaded(host);
      return host.requestedUtilisation() > 1 - safety * spread(history);
    },
  };
}

export const interQuartileRange = (safety: number, fallback: OverloadDetector): OverloadDetector => adaptive('IQR', iqr, safety, fallback);
export const medianAbsoluteDeviation = (safety: number, fallback: OverloadDetector): OverloadDetector => adaptive('MAD', mad, safety, fallback);
