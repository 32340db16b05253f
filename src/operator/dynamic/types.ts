import type { CpuCapacity, MigrationRole } from '../../model/cpu-share.js';

/**
 * What dynamic consolidation sees of the cloud at one scheduling interval:
 * plain numbers, taken by the caller from the simulation. The policies
 * (Beloglazov and Buyya, CCPE 2012, as CloudSim 3.0.3 implements them)
 * decide on a working copy of it and return moves; the cloud layer acts.
 */

/** One server as the policies see it (CloudSim's PowerVm). */
export interface ServerLoad {
  readonly id: number;
  readonly vcpus: number;
  /** The flavor's speed per vCPU: MIPS, or 1 in vCPU-seconds. */
  readonly speed: number;
  /** The flavor's RAM: what a move copies (migration time, MMT). */
  readonly ramMb: number;
  /**
   * RAM a destination must have free to take it. The flavor's RAM in
   * novasim's own mode; 0 in CloudSim's, where after creation a VM requests
   * no RAM and consolidation packs CPU only (SETUP.md section 2).
   */
  readonly ramClaimMb: number;
  /** Speed asked per vCPU now, uncapped: demand x speed. */
  readonly requested: number;
  /** Utilisation samples (fractions of its own CPU), newest first, at most HISTORY_LENGTH. */
  readonly history: readonly number[];
  /** In a live migration now: neither selected nor moved again until it lands. */
  readonly migrating: boolean;
}

/** A server on a host: resident, leaving in a migration, or arriving in one. */
export interface Resident {
  readonly server: ServerLoad;
  readonly role: MigrationRole;
}

/** One host as the policies see it (CloudSim's PowerHostUtilizationHistory). */
export interface HostLoad {
  readonly id: number;
  readonly cpu: CpuCapacity;
  readonly ramMb: number;
  /**
   * Its CPU utilisation at the last update (used / total): the power it
   * draws now, the underload order, and whether it counts as switched off (0).
   */
  readonly utilisation: number;
  /** Watts at a utilisation in [0, 1]. */
  readonly watts: (utilisation: number) => number;
  /** Its servers in the host's list order (the order CPU is shared in): arriving ones included. */
  readonly servers: readonly Resident[];
}

/** A move the policies ask for. `from` is null for a first placement. */
export interface Move {
  readonly server: number;
  readonly from: number | null;
  readonly to: number;
}

/** May this server be put on this host (by ids)? A rule beside the CPU and RAM fit, asked only of hosts that fit. */
export type DestinationRule = (server: ServerLoad, host: number) => boolean;

/** Utilisation samples a server keeps (CloudSim's PowerVm.HISTORY_LENGTH). */
export const HISTORY_LENGTH = 30;

/** The total of a server's request over its vCPUs, added vCPU by vCPU as CloudSim does. */
export function totalRequested(server: ServerLoad): number {
  let sum = 0;
  for (let v = 0; v < server.vcpus; v++) sum += server.requested;
  return sum;
}
