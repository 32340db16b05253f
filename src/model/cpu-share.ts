/**
 * How a host's CPU is shared among its servers when their demand moves:
 * CloudSim's VmSchedulerTimeSharedOverSubscription, the scheduler of the
 * Beloglazov-Buyya experiments, in numbers. Speeds are MIPS (CloudSim's
 * unit) or, with a core speed of 1, vCPU-seconds per second.
 */

/** A host's CPU: its cores and the speed of each. */
export interface CpuCapacity {
  readonly cores: number;
  readonly coreSpeed: number;
}

/** A host's speed: its cores' speeds added core by core, as CloudSim adds them (so the same doubles come out). */
export function totalSpeed(capacity: CpuCapacity): number {
  let total = 0;
  for (let c = 0; c < capacity.cores; c++) total += capacity.coreSpeed;
  return total;
}

/** Where a server is in a live migration, as the host sharing its CPU sees it. */
export type MigrationRole = 'none' | 'out' | 'in';

/** What one server asks of the host now. */
export interface CpuRequest {
  /** Speed asked per vCPU, before any cap: demand x the flavor's speed per vCPU. */
  readonly perVcpu: number;
  readonly vcpus: number;
  readonly role: MigrationRole;
}

export interface CpuShares {
  /** What each request gets, in request order: the sum over its vCPUs. */
  readonly allocated: Float64Array;
  /** Speed left unclaimed (0 once oversubscribed); a new server fits only within it. */
  readonly available: number;
  /** The requests did not all fit, so every share was scaled down. */
  readonly oversubscribed: boolean;
}

/** A server migrating out gets 90 % of its share on the source: live migration's cost to the guest. */
export const MIGRATION_OUT_SHARE = 0.9;
/** A server migrating in already holds 10 % of its request on the destination. */
export const MIGRATION_IN_SHARE = 0.1;

/**
 * Each server's share of the host's CPU, requests taken in the order given
 * (the host's server list):
 * - a vCPU never gets more than one core: its request is capped at the core speed;
 * - while the capped requests fit, each server gets its request, 90 % of it
 *   when migrating out (the source still reserves all of it) and 10 % when
 *   migrating in (which reserves only that 10 %);
 * - once they do not fit, every share is scaled by capacity / total asked
 *   (a server migrating in counted at 10 %), then the 90 % and 10 % rules
 *   apply, and each vCPU's share is floored to `quantum` (CloudSim floors to
 *   whole MIPS; 0 keeps fractions, for vCPU-seconds).
 * Sums run vCPU by vCPU and server by server as CloudSim's loops do, so the
 * same requests give the same doubles, exact ties included.
 */
export function shareCpu(capacity: CpuCapacity, requests: readonly CpuRequest[], quantum = 1): CpuShares {
  const total = totalSpeed(capacity);
  let available = total;
  let oversubscribed = false;
  for (const r of requests) {
    const asked = reserved(r, capacity.coreSpeed);
    // CloudSim adds one server at a time; once one does not fit, all are rescaled and nothing is left.
    if (available >= asked) available -= asked;
    else {
      oversubscribed = true;
      available = 0;
    }
  }
  const allocated = new Float64Array(requests.length);
  if (!oversubscribed) {
    requests.forEach((r, i) => {
      const share = r.role === 'out' ? MIGRATION_OUT_SHARE : r.role === 'in' ? MIGRATION_IN_SHARE : 1;
      let sum = 0;
      for (let v = 0; v < r.vcpus; v++) sum += r.role === 'none' ? capped(r, capacity.coreSpeed) : capped(r, capacity.coreSpeed) * share;
      allocated[i] = sum;
    });
    return { allocated, available, oversubscribed };
  }
  let asked = 0;
  for (const r of requests) asked += reserved(r, capacity.coreSpeed);
  const factor = total / asked;
  requests.forEach((r, i) => {
    const m = capped(r, capacity.coreSpeed);
    // The order of the products is CloudSim's: scale then 90 % out; 10 % then scale in.
    const each = r.role === 'out' ? m * factor * MIGRATION_OUT_SHARE : r.role === 'in' ? m * MIGRATION_IN_SHARE * factor : m * factor;
    const floored = quantum > 0 ? Math.floor(each / quantum) * quantum : each;
    let sum = 0;
    for (let v = 0; v < r.vcpus; v++) sum += floored;
    allocated[i] = sum;
  });
  return { allocated, available: 0, oversubscribed };
}

const capped = (r: CpuRequest, coreSpeed: number): number => (r.perVcpu > coreSpeed ? coreSpeed : r.perVcpu);

/** What a request takes from the host's unclaimed speed: its capped request, 10 % of it while migrating in. */
function reserved(r: CpuRequest, coreSpeed: number): number {
  let sum = 0;
  for (let v = 0; v < r.vcpus; v++) sum += capped(r, coreSpeed);
  return r.role === 'in' ? sum * MIGRATION_IN_SHARE : sum;
}

/**
 * The CPU a host counts as busy, for its power draw and its utilisation:
 * what its servers got, except that a server migrating out counts at its
 * whole share (its 90 % divided by 0.9), as CloudSim's host does.
 */
export function cpuInUse(requests: readonly CpuRequest[], shares: CpuShares): number {
  let used = 0;
  requests.forEach((r, i) => {
    const got = shares.allocated[i]!;
    used += r.role === 'out' ? got / MIGRATION_OUT_SHARE : got;
  });
  return used;
}
