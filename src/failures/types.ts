import type { Distribution } from '../engine/distributions.js';

/** Time between failures by its mean, exponential or Weibull, and the time to repair. */
export interface FailureLaw {
  readonly mtbf: number;
  readonly law: 'exponential' | 'weibull';
  readonly shape: number;
  readonly repair: Distribution;
}

/** Random failures: of each host on its own, and of whole failure domains. */
export interface FailureModel {
  readonly hosts?: (FailureLaw & { readonly partition_fraction: number }) | undefined;
  readonly domains: readonly (FailureLaw & { readonly name: string; readonly kind: 'crash' | 'partition' })[];
}

/** What the operator does when Nova reports a host's service down. */
export interface FailureResponse {
  readonly mode: 'manual' | 'automatic';
  readonly delay: number;
  readonly fence: boolean;
  readonly fence_duration: number;
  readonly fence_failure_probability: number;
  readonly fence_retries: number;
  readonly max_parallel_evacuations: number;
  readonly reenable_after_repair: boolean;
}
