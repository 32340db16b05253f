/**
 * The SLA figures of Beloglazov and Buyya (CCPE 2012) as CloudSim's
 * examples compute them (power.Helper): pooled ratios over all hosts and
 * all servers. The paper defines SLATAH and PDM as means of per-host and
 * per-server ratios; both forms are here, the pooled one is what CloudSim
 * prints and what its figures are compared with.
 */

/** One host's time active and, of that, time with less CPU given than asked. */
export interface HostSlaTime {
  readonly activeSeconds: number;
  readonly violatedSeconds: number;
}

/** One server's CPU asked and CPU lost to its own migrations, in speed x seconds (MIPS-s). */
export interface ServerSlaWork {
  readonly requested: number;
  readonly lostToMigration: number;
}

/** SLA violation Time per Active Host, pooled: all hosts' violated time over all hosts' active time. */
export function slatah(hosts: readonly HostSlaTime[]): number {
  let active = 0;
  let violated = 0;
  for (const h of hosts) {
    active += h.activeSeconds;
    violated += h.violatedSeconds;
  }
  return violated / active;
}

/** SLATAH as the paper writes it: the mean over hosts of violated / active (hosts never active left out). */
export function slatahMeanOfRatios(hosts: readonly HostSlaTime[]): number {
  const ratios = hosts.filter((h) => h.activeSeconds > 0).map((h) => h.violatedSeconds / h.activeSeconds);
  return ratios.reduce((a, b) => a + b, 0) / ratios.length;
}

/** Performance Degradation due to Migrations, pooled: CPU lost while migrating over all CPU asked. */
export function pdm(servers: readonly ServerSlaWork[]): number {
  let requested = 0;
  let lost = 0;
  for (const s of servers) {
    requested += s.requested;
    lost += s.lostToMigration;
  }
  return lost / requested;
}

/** PDM as the paper writes it: the mean over servers of lost / asked (servers that asked nothing left out). */
export function pdmMeanOfRatios(servers: readonly ServerSlaWork[]): number {
  const ratios = servers.filter((s) => s.requested > 0).map((s) => s.lostToMigration / s.requested);
  return ratios.reduce((a, b) => a + b, 0) / ratios.length;
}

/** SLA Violation: SLATAH x PDM. */
export const slav = (slatahValue: number, pdmValue: number): number => slatahValue * pdmValue;

/** Energy and SLA Violations: energy (kWh) x SLAV; lower is better on both counts. */
export const esv = (kwh: number, slavValue: number): number => kwh * slavValue;

/** A host's state from one datacenter update to the next (HostStateHistoryEntry). */
export interface HostState {
  readonly time: number;
  readonly allocated: number;
  readonly requested: number;
  readonly active: boolean;
}

/**
 * A host's SLA time from its state history, as Helper.getSlaTimePerActiveHost
 * reads it: each interval counts when the host was active at its start, and
 * counts as violated when, at its start, it gave less than was asked.
 */
export function hostSlaTime(history: readonly HostState[]): HostSlaTime {
  let activeSeconds = 0;
  let violatedSeconds = 0;
  for (let i = 1; i < history.length; i++) {
    const before = history[i - 1]!;
    if (!before.active) continue;
    const dt = history[i]!.time - before.time;
    activeSeconds += dt;
    if (before.allocated < before.requested) violatedSeconds += dt;
  }
  return { activeSeconds, violatedSeconds };
}

/** A server's state from one update to the next (VmStateHistoryEntry); `migrating` only on the host it leaves. */
export interface ServerState {
  readonly time: number;
  readonly allocated: number;
  readonly requested: number;
  readonly migrating: boolean;
}

/** A server's CPU asked and lost to migration from its state history, as Helper.getSlaMetrics reads it. */
export function serverSlaWork(history: readonly ServerState[]): ServerSlaWork {
  let requested = 0;
  let lostToMigration = 0;
  for (let i = 1; i < history.length; i++) {
    const before = history[i - 1]!;
    const dt = history[i]!.time - before.time;
    requested += before.requested * dt;
    if (before.allocated < before.requested && before.migrating) lostToMigration += (before.requested - before.allocated) * dt;
  }
  return { requested, lostToMigration };
}
