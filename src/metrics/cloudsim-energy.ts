/**
 * CloudSim's energy accounting (PowerHost.getEnergyLinearInterpolation,
 * PowerDatacenter), interval by interval between two datacenter updates.
 * It is not the exact integral of a piecewise-constant draw that
 * metrics/energy.ts keeps: it is a trapezoid between the draws at the two
 * updates, and a host whose utilisation was 0 at the start of the interval
 * counts as switched off and draws nothing (so the first interval, when
 * every host's last utilisation is the initial 0, is free). Switching on or
 * off and migrating cost nothing.
 */
export function cloudsimIntervalJoules(wattsBefore: number, wattsNow: number, utilisationBefore: number, seconds: number): number {
  if (utilisationBefore === 0) return 0;
  // CloudSim's expression, as written: (from + (to - from) / 2) x time.
  return (wattsBefore + (wattsNow - wattsBefore) / 2) * seconds;
}

/** The non-power-aware baseline (NPA, PowerDatacenterNonPowerAware): every host at full power all the time, servers or not. */
export const npaIntervalJoules = (peakWatts: number, seconds: number): number => peakWatts * seconds;

export const JOULES_PER_KWH = 3_600_000;
