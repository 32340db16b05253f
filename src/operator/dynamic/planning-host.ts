import { shareCpu, totalSpeed, type CpuRequest, type CpuShares } from '../../model/cpu-share.js';
import { trimZeroTail } from './statistics.js';
import { HISTORY_LENGTH, totalRequested, type HostLoad, type Resident, type ServerLoad } from './types.js';

/** A server on a working host, with the per-vCPU speed its host's CPU share was computed for. */
interface Entry extends Resident {
  readonly reserved: number;
}

/**
 * A host of the working copy a consolidation round plans on (CloudSim's
 * saveAllocation/restoreAllocation): servers are taken off and put on it
 * while the round decides, and nothing of the real cloud changes. It keeps
 * CloudSim's bookkeeping: the CPU shares of its servers in list order, the
 * RAM they claim, and the utilisation of the last update (what it draws now).
 */
export class PlanningHost {
  readonly id: number;
  readonly totalSpeed: number;
  readonly ramMb: number;
  /** Utilisation at the last update; stays as it was while the round plans. */
  readonly utilisation: number;
  readonly wattsNow: number;
  readonly #load: HostLoad;
  readonly #entries: Entry[];
  // Caches for the current servers, dropped on every change (a trial restores them).
  #shares: CpuShares | null = null;
  #historySums: Float64Array | null = null;

  constructor(load: HostLoad) {
    this.#load = load;
    this.id = load.id;
    this.totalSpeed = totalSpeed(load.cpu);
    this.ramMb = load.ramMb;
    this.utilisation = load.utilisation;
    this.wattsNow = load.watts(nearOne(load.utilisation));
    this.#entries = load.servers.map((r) => ({ ...r, reserved: r.server.requested }));
  }

  get coreSpeed(): number {
    return this.#load.cpu.coreSpeed;
  }

  /** Its servers in list order. */
  get residents(): readonly Resident[] {
    return this.#entries;
  }

  watts(utilisation: number): number {
    return this.#load.watts(utilisation);
  }

  /**
   * Can it take `server` now (Host.isSuitableForVm): each vCPU's request
   * within a core, the whole request within the unclaimed speed, its RAM claim within the free RAM.
   */
  suitable(server: ServerLoad): boolean {
    return this.coreSpeed >= server.requested && this.#cpu().available >= totalRequested(server) && this.ramMb - this.#ramClaimed() >= server.ramClaimMb;
  }

  /** Puts a server on it; `reserved` is the per-vCPU speed its share is computed for (its request, unless told). */
  create(server: ServerLoad, reserved = server.requested): void {
    this.#entries.push({ server, role: 'none', reserved });
    this.#shares = null;
    this.#historySums = null;
  }

  /** Takes a server off it (a no-op for a server it does not hold). */
  destroy(server: ServerLoad): void {
    const i = this.#entries.findIndex((e) => e.server === server);
    if (i < 0) return;
    this.#entries.splice(i, 1);
    this.#shares = null;
    this.#historySums = null;
  }

  /**
   * `judge` of the host with `server` put on it, then the host as it was
   * (CloudSim's vmCreate, isHostOverUtilized, vmDestroy). The server goes
   * last in the list, so the history with it is the cached one plus its
   * own samples, added in the order a full sum would add them.
   */
  withTrial<T>(server: ServerLoad, judge: (host: this) => T): T {
    const shares = this.#shares;
    const sums = this.#historySums;
    this.#entries.push({ server, role: 'none', reserved: server.requested });
    this.#shares = null;
    this.#historySums = sums === null ? null : this.#addHistory(Float64Array.from(sums), server);
    try {
      return judge(this);
    } finally {
      this.#entries.pop();
      this.#shares = shares;
      this.#historySums = sums;
    }
  }

  holds(server: ServerLoad): boolean {
    return this.#entries.some((e) => e.server === server);
  }

  /**
   * CPU it counts as used when judging a new server (the policy's
   * getUtilizationOfCpuMips): the servers' shares, a server arriving in a
   * migration counted whole (its 10 % share times ten).
   */
  usedSpeed(): number {
    const shares = this.#cpu();
    let used = 0;
    this.#entries.forEach((e, i) => {
      const got = shares.allocated[i]!;
      if (e.role === 'in') used += (got * 0.9) / 0.1;
      used += got;
    });
    return used;
  }

  /** The servers' total request over its speed: what static and statistical thresholds compare. */
  requestedUtilisation(): number {
    let requested = 0;
    for (const e of this.#entries) requested += totalRequested(e.server);
    return requested / this.totalSpeed;
  }

  /**
   * Its utilisation history (PowerHostUtilizationHistory): sample j is the
   * sum of its servers' sample j weighted by their speed over its own,
   * newest first, trailing zeros trimmed. A server's history moves with it.
   */
  history(): Float64Array {
    if (this.#historySums === null) {
      const sums = new Float64Array(HISTORY_LENGTH);
      for (const { server } of this.#entries) this.#addHistory(sums, server);
      this.#historySums = sums;
    }
    return trimZeroTail(this.#historySums);
  }

  #addHistory(sums: Float64Array, server: ServerLoad): Float64Array {
    // CloudSim weighs by one vCPU's speed (PowerVm.getMips); the whole flavor's is used here, the same for the benchmark's one-vCPU servers.
    const weight = server.speed * server.vcpus;
    const samples = server.history;
    for (let j = 0; j < samples.length && j < HISTORY_LENGTH; j++) sums[j]! += (samples[j]! * weight) / this.totalSpeed;
    return sums;
  }

  /** The most RAM any of its servers has: the longest migration off it. */
  maxServerRamMb(): number {
    let max = Number.NEGATIVE_INFINITY;
    for (const { server } of this.#entries) max = Math.max(max, server.ramMb);
    return max;
  }

  #cpu(): CpuShares {
    this.#shares ??= shareCpu(
      this.#load.cpu,
      this.#entries.map((e): CpuRequest => ({ perVcpu: e.reserved, vcpus: e.server.vcpus, role: e.role })),
    );
    return this.#shares;
  }

  #ramClaimed(): number {
    let claimed = 0;
    for (const { server } of this.#entries) claimed += server.ramClaimMb;
    return claimed;
  }
}

/** CloudSim reads a utilisation a hair over 1 (rounding) as 1. */
const nearOne = (u: number): number => (u > 1 && u < 1.01 ? 1 : u);
