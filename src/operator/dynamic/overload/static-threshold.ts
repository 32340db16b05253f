import type { OverloadDetector } from './detector.js';

/** THR: overloaded when the servers ask for more than `threshold` of the host's CPU (strictly). */
export function staticThreshold(threshold: number): OverloadDetector {
  return {
    name: `THR-${threshold}`,
    overloaded: (host) => host.requestedUtilisation() > threshold,
  };
}
