import { GIB_MB } from './transfer.js';

/**
 * The pre-copy live migration model, as Nova's libvirt driver runs QEMU's
 * migration. Sizes are MiB (novasim's "MB", Nova's memory_mb), rates MiB/s,
 * times seconds from the start of the migration job (Nova's monitor clock).
 *
 * A block migration first copies the local disk. Round 1 then copies all the
 * RAM; each later round copies what the guest dirtied during the previous
 * one. After each round QEMU asks whether what is left fits in the allowed
 * downtime; if so the guest is paused and the rest copied (stop-and-copy).
 * Nova raises the allowed downtime in steps (downtimeSteps) and acts when the
 * completion timeout passes (abort, or force_complete: post-copy when
 * permitted, else pause the guest). Auto-converge throttles the guest's CPU,
 * so its dirty rate, as QEMU does.
 */

/** The [libvirt] options Nova's driver reads for a live migration, under the model's names. */
export interface LiveMigrationSettings {
  /** live_migration_downtime: the largest pause Nova allows for the final copy, ms. */
  readonly downtimeMs: number;
  /** live_migration_downtime_steps: steps in which the allowed downtime rises to downtimeMs. */
  readonly downtimeSteps: number;
  /** live_migration_downtime_delay: seconds between steps, per GiB of data to transfer. */
  readonly downtimeDelayS: number;
  /** live_migration_completion_timeout: seconds per GiB of data before the timeout action; 0 never. */
  readonly completionTimeoutS: number;
  readonly timeoutAction: 'abort' | 'force_complete';
  readonly permitPostCopy: boolean;
  readonly permitAutoConverge: boolean;
  /** novasim's own: stop-and-copy after this many rounds of a converging migration (Xen-style); 0 none, as QEMU. */
  readonly maxRounds: number;
}

/** One migration to cost: the guest, the bandwidth it gets, and any local disk to copy first. */
export interface LiveMigrationCase {
  readonly ramMb: number;
  readonly dirtyRateMbS: number;
  readonly bandwidthMbS: number;
  /** Local disk copied before the memory (block migration); 0 on shared storage or for a volume. */
  readonly diskMb: number;
}

/**
 * How the migration ended: converged (the rest fitted in the allowed downtime),
 * round-limit (stop-and-copy forced by maxRounds), post-copy or paused (the
 * force_complete timeout action), aborted (the abort timeout action), or never
 * (it cannot converge and no timeout is set: Nova lets it run for ever).
 */
export type PrecopyEnd = 'converged' | 'round-limit' | 'post-copy' | 'paused' | 'aborted' | 'never';

export interface PrecopyResult {
  readonly end: PrecopyEnd;
  /** Seconds from the start of the job to its end (the switch to the destination, or the abort); Infinity for never. */
  readonly totalS: number;
  /** Seconds the guest was paused (the stop-and-copy, or everything after a pause). */
  readonly downtimeS: number;
  /** MiB sent over the network: disk, every round, and the final copy. */
  readonly dataMb: number;
  /** Pre-copy rounds begun (the final stop-and-copy is not counted). */
  readonly rounds: number;
  /** Auto-converge's CPU throttle at the end, 0 to 0.99. */
  readonly throttle: number;
}

/** A step of Nova's downtime ramp: from `afterS` seconds of migration, the allowed downtime is `downtimeMs`. */
export interface DowntimeStep {
  readonly afterS: number;
  readonly downtimeMs: number;
}

/** QEMU's defaults: cpu-throttle-initial 20, cpu-throttle-increment 10, max-cpu-throttle 99, throttle-trigger-threshold 50. */
const THROTTLE_INITIAL = 0.2;
const THROTTLE_STEP = 0.1;
const THROTTLE_MAX = 0.99;
const THROTTLE_TRIGGER = 0.5;
/** A guard, not a model parameter: a migration this slow to converge counts as not converging. */
const ROUND_GUARD = 10_000_000;

/**
 * The data Nova's driver says it will transfer, in GiB (_live_migration_data_gb):
 * the RAM, at least 2, plus each copied disk, at least 2.
 */
export function novaDataGb(ramMb: number, diskMb: number): number {
  const disk = diskMb > 0 ? Math.max(2, diskMb / GIB_MB) : 0;
  return Math.max(2, ramMb / GIB_MB) + disk;
}

/**
 * Nova's downtime ramp (nova/virt/libvirt/migration.py downtime_steps): steps
 * + 1 values rising linearly from downtime/steps to downtime, each
 * int(delay x data_gb) seconds after the previous one, values truncated to ms.
 */
export function downtimeSteps(s: LiveMigrationSettings, dataGb: number): DowntimeStep[] {
  const delay = Math.trunc(s.downtimeDelayS * dataGb);
  const base = s.downtimeMs / s.downtimeSteps;
  const offset = (s.downtimeMs - base) / s.downtimeSteps;
  return Array.from({ length: s.downtimeSteps + 1 }, (_, i) => ({ afterS: delay * i, downtimeMs: Math.trunc(base + offset * i) }));
}

/**
 * The downtime allowed `elapsed` seconds into the migration: the last step
 * whose time has been passed (update_downtime compares with `>`), ms. Before
 * the first step (elapsed 0) the first step's value stands in: Nova sets it
 * at its first poll.
 */
export function allowedDowntimeMs(steps: readonly DowntimeStep[], elapsed: number): number {
  let allowed = steps[0]?.downtimeMs ?? 0;
  for (const step of steps) if (elapsed > step.afterS) allowed = step.downtimeMs;
  return allowed;
}

/** int(live_migration_completion_timeout x data_gb) seconds; 0: no timeout. */
export const completionTimeoutS = (s: LiveMigrationSettings, dataGb: number): number => Math.trunc(s.completionTimeoutS * dataGb);

/** Runs the pre-copy rounds of one migration to their end. O(rounds). */
export function precopy(c: LiveMigrationCase, s: LiveMigrationSettings): PrecopyResult {
  const dataGb = novaDataGb(c.ramMb, c.diskMb);
  const steps = downtimeSteps(s, dataGb);
  const timeout = completionTimeoutS(s, dataGb);
  const limit = timeout > 0 ? timeout : Number.POSITIVE_INFINITY;
  const bw = c.bandwidthMbS;
  if (c.diskMb / bw > limit) return timedOutOnDisk(c, s, limit);
  // Auto-converge is used only when post-copy is not permitted (nova/conf/libvirt.py).
  const autoConverge = s.permitAutoConverge && !s.permitPostCopy;
  const state: Progress = { t: c.diskMb / bw, data: c.diskMb, rounds: 0, throttle: 0 };
  let toSend = c.ramMb;
  let high = 0;
  for (;;) {
    state.rounds++;
    const rate = c.dirtyRateMbS * (1 - state.throttle);
    const roundS = toSend / bw;
    if (state.t + roundS > limit) return timedOut(c, s, state, toSend, rate, limit);
    state.t += roundS;
    state.data += toSend;
    // Pages dirtied during the round: what the next round sends (never more than the RAM).
    const dirty = Math.min(c.ramMb, rate * roundS);
    const fits = dirty / bw <= allowedDowntimeMs(steps, state.t) / 1000;
    const roundLimit = s.maxRounds > 0 && state.rounds >= s.maxRounds && rate < bw;
    if (fits || roundLimit) return stopAndCopy(state, dirty, bw, fits ? 'converged' : 'round-limit');
    // QEMU's migration_trigger_throttle: dirtied > 50% of what was sent, twice, raises the throttle.
    if (autoConverge && dirty > THROTTLE_TRIGGER * toSend && ++high >= 2) {
      high = 0;
      state.throttle = state.throttle === 0 ? THROTTLE_INITIAL : Math.min(THROTTLE_MAX, state.throttle + THROTTLE_STEP);
    }
    const stuck = c.dirtyRateMbS * (1 - (autoConverge ? THROTTLE_MAX : state.throttle)) >= bw || state.rounds >= ROUND_GUARD;
    if (limit === Number.POSITIVE_INFINITY && stuck) return { ...stopAndCopy(state, 0, bw, 'converged'), end: 'never', totalS: Number.POSITIVE_INFINITY };
    toSend = dirty;
  }
}

/** Where the rounds stand: seconds elapsed, MiB sent, rounds begun, the throttle. */
interface Progress {
  t: number;
  data: number;
  rounds: number;
  throttle: number;
}

function stopAndCopy(p: Progress, rest: number, bw: number, end: 'converged' | 'round-limit'): PrecopyResult {
  const downtimeS = rest / bw;
  return { end, totalS: p.t + downtimeS, downtimeS, dataMb: p.data + rest, rounds: p.rounds, throttle: p.throttle };
}

/**
 * The completion timeout passes during a round. Abort stops there. Force
 * complete must still send the round's unsent part and what was dirtied
 * since it began (at most the RAM; an upper bound, as the two may overlap):
 * post-copy runs the guest on the destination meanwhile (its switch-over
 * pause is not modelled: no downtime), a pause stops it for all of it.
 */
function timedOut(c: LiveMigrationCase, s: LiveMigrationSettings, p: Progress, toSend: number, rate: number, limit: number): PrecopyResult {
  const into = limit - p.t;
  const sent = c.bandwidthMbS * into;
  if (s.timeoutAction === 'abort') return { end: 'aborted', totalS: limit, downtimeS: 0, dataMb: p.data + sent, rounds: p.rounds, throttle: p.throttle };
  const rest = Math.min(c.ramMb, toSend - sent + rate * into);
  const restS = rest / c.bandwidthMbS;
  const postCopy = s.permitPostCopy;
  return {
    end: postCopy ? 'post-copy' : 'paused',
    totalS: limit + restS,
    downtimeS: postCopy ? 0 : restS,
    dataMb: p.data + sent + rest,
    rounds: p.rounds,
    throttle: p.throttle,
  };
}

/**
 * The timeout passes while the disk is still being copied. Force complete
 * then pauses the guest for the rest of the disk and all of its RAM (novasim
 * treats post-copy the same: there is no memory phase to switch yet).
 */
function timedOutOnDisk(c: LiveMigrationCase, s: LiveMigrationSettings, limit: number): PrecopyResult {
  const sent = c.bandwidthMbS * limit;
  if (s.timeoutAction === 'abort') return { end: 'aborted', totalS: limit, downtimeS: 0, dataMb: sent, rounds: 0, throttle: 0 };
  const restS = (c.diskMb - sent + c.ramMb) / c.bandwidthMbS;
  return { end: 'paused', totalS: limit + restS, downtimeS: restS, dataMb: c.diskMb + c.ramMb, rounds: 0, throttle: 0 };
}
