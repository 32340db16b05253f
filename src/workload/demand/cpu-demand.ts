/**
 * A server's CPU demand over time: the fraction of its flavor's CPU it
 * asks for at simulated time t (0 idle, 1 every vCPU busy). What the host
 * gives it is decided by the host's CPU sharing (model/cpu-share.ts).
 */
export interface CpuDemand {
  at(t: number): number;
}

/** A demand that never changes: a server the scenario gives no CPU series. */
export const constantDemand = (fraction: number): CpuDemand => ({ at: () => fraction });
