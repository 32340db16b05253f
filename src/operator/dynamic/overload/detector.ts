/** What an overload detector reads of a host (a PlanningHost). */
export interface HostUnderTest {
  /** The servers' total request over the host's speed, now. */
  requestedUtilisation(): number;
  /** The host's utilisation history, newest first, trailing zeros trimmed. */
  history(): Float64Array;
  /** The most RAM any of its servers has. */
  maxServerRamMb(): number;
}

/**
 * Decides whether a host is overloaded, now or (LR, LRR) soon. The same
 * detector also refuses destinations that a new server would overload.
 */
export interface OverloadDetector {
  /** The policy's name as results show it: THR-0.8, IQR-1.5, ... */
  readonly name: string;
  overloaded(host: HostUnderTest): boolean;
}
