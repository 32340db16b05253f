/**
 * CloudSim's live-migration time (PowerDatacenter, 3.0.3): the server's RAM
 * sent over half the destination host's bandwidth, the other half being
 * kept for the guests' own traffic. No dirty pages, no rounds, no downtime:
 * the whole cost to the guest is the 10 % of CPU it loses on the source
 * while the copy runs (model/cpu-share.ts). With 1 Gbit/s hosts: 613 MB in
 * 9.81 s, 870 MB in 13.92 s, 1740 MB in 27.84 s. novasim's own pre-copy
 * model (live-precopy.ts) is the alternative a scenario may choose.
 */
export function cloudsimMigrationSeconds(ramMb: number, hostBandwidthKbitS: number): number {
  // CloudSim's expression, as written: RAM / (bandwidth / (2 * 8000)).
  return ramMb / (hostBandwidthKbitS / (2 * 8000));
}
