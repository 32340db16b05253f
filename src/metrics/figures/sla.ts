import type { RunFacts } from '../run-facts.js';

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

/** A server's state from one update to the next (VmStateHistoryEntry); `migrating` only on the host it leaves. */
export interface ServerState {
  readonly time: number;
  readonly allocated: number;
  readonly requested: number;
  readonly migrating: boolean;
}

/**
 * One host's or server's state history read as it comes, as CloudSim's
 * Helper reads the whole history afterwards: a state told at the same
 * instant as the last replaces it (the history keeps one entry per
 * instant), and each entry counts for the interval until the next one.
 * O(1) per state.
 */
class History<S extends { readonly time: number }> {
  #last: S | null = null;

  /** The state told last, not yet counted (no interval follows it yet). */
  get last(): S | null {
    return this.#last;
  }

  constructor(private readonly interval: (before: S, seconds: number) => void) {}

  add(state: S): void {
    const last = this.#last;
    if (last !== null && last.time !== state.time) this.interval(last, state.time - last.time);
    this.#last = state;
  }
}

/** A host's SLA time as its history comes: each interval counts when the host was active at its start, violated when it then gave less than was asked. */
export class HostSlaAccount implements HostSlaTime {
  activeSeconds = 0;
  violatedSeconds = 0;
  /** Active -> inactive transitions, the state before the first counting as active (CloudSim's host shutdowns). */
  shutdowns = 0;
  /** Whether the host was active in the last state counted. */
  #active = true;
  readonly #history = new History<HostState>((before, dt) => {
    if (this.#active && !before.active) this.shutdowns++;
    this.#active = before.active;
    if (!before.active) return;
    this.activeSeconds += dt;
    if (before.allocated < before.requested) this.violatedSeconds += dt;
  });

  add(state: HostState): void {
    this.#history.add(state);
  }

  /** Shutdowns, counting the last state too (it has no interval after it yet). */
  shutdownsNow(): number {
    const last = this.#history.last;
    return this.shutdowns + (last !== null && this.#active && !last.active ? 1 : 0);
  }
}

/** A server's CPU asked and lost to its own migrations as its history comes. */
export class ServerSlaAccount implements ServerSlaWork {
  requested = 0;
  lostToMigration = 0;
  readonly #history = new History<ServerState>((before, dt) => {
    this.requested += before.requested * dt;
    if (before.allocated < before.requested && before.migrating) this.lostToMigration += (before.requested - before.allocated) * dt;
  });

  add(state: ServerState): void {
    this.#history.add(state);
  }
}

/** A host's SLA time from its whole state history, as Helper.getSlaTimePerActiveHost reads it. */
export function hostSlaTime(history: readonly HostState[]): HostSlaTime {
  const account = new HostSlaAccount();
  for (const state of history) account.add(state);
  return { activeSeconds: account.activeSeconds, violatedSeconds: account.violatedSeconds };
}

/** A server's CPU asked and lost to migration from its whole state history, as Helper.getSlaMetrics reads it. */
export function serverSlaWork(history: readonly ServerState[]): ServerSlaWork {
  const account = new ServerSlaAccount();
  for (const state of history) account.add(state);
  return { requested: account.requested, lostToMigration: account.lostToMigration };
}

/** summary.json's `sla`: CloudSim's pooled figures, the paper's means of ratios beside them. */
export interface SlaSummary {
  readonly slatah: number;
  readonly pdm: number;
  readonly slav: number;
  /** Energy (kWh) x SLAV. */
  readonly esv: number;
  readonly slatah_mean_of_ratios: number;
  readonly pdm_mean_of_ratios: number;
}

/**
 * The SLA figures of a run with utilisation-driven servers, from the
 * host_cpu and server_cpu facts: one account per host and per server,
 * O(1) per fact, pooled at the end in host and server order.
 */
export class Sla {
  readonly #hosts: HostSlaAccount[] = [];
  readonly #servers: ServerSlaAccount[] = [];

  constructor(facts: RunFacts) {
    facts.on('host_cpu', (f) =>
      (this.#hosts[f.host] ??= new HostSlaAccount()).add({ time: f.time, allocated: f.allocatedMips, requested: f.requestedMips, active: f.allocatedMips > 0 }),
    );
    facts.on('server_cpu', (f) =>
      (this.#servers[f.server] ??= new ServerSlaAccount()).add({ time: f.time, allocated: f.allocatedMips, requested: f.requestedMips, migrating: f.migrating }),
    );
  }

  /** Whether any host told its CPU: the run has utilisation-driven servers. */
  get told(): boolean {
    return this.#hosts.length > 0;
  }

  /** Active -> inactive transitions of the hosts' CPU (CloudSim's host shutdowns), a host counting as active before its first state. */
  shutdowns(): number {
    let n = 0;
    for (const h of this.#hosts) if (h !== undefined) n += h.shutdownsNow();
    return n;
  }

  /** The figures, with ESV from the run's energy in kWh. O(hosts + servers): call it once, at the end. */
  summary(kwh: number): SlaSummary {
    const hosts = this.#hosts.filter((h) => h !== undefined);
    const servers = this.#servers.filter((s) => s !== undefined);
    const t = slatah(hosts);
    const p = pdm(servers);
    const v = slav(t, p);
    return { slatah: t, pdm: p, slav: v, esv: esv(kwh, v), slatah_mean_of_ratios: slatahMeanOfRatios(hosts), pdm_mean_of_ratios: pdmMeanOfRatios(servers) };
  }
}
