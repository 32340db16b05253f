import { precopy, type LiveMigrationSettings, type PrecopyResult } from '../../migration/live-precopy.js';
import { dirtyRateOf, type Server } from '../../model/server.js';
import type { NovaConfig } from '../config.js';
import type { Operation, OperationContext, Running } from '../operation.js';
import { beginMove, dropDestination, dropSource, switchToDestination } from './moves.js';

/** A live migration's own state: the pre-copy model's answer once it started copying, and whether the completion timeout aborted it. */
interface Copy {
  cost: PrecopyResult | null;
  aborted: boolean;
}

/** The [libvirt] live_migration_* options, as the model takes them. */
export function liveMigrationSettings(config: NovaConfig): LiveMigrationSettings {
  return {
    downtimeMs: config.live_migration_downtime,
    downtimeSteps: config.live_migration_downtime_steps,
    downtimeDelayS: config.live_migration_downtime_delay,
    completionTimeoutS: config.live_migration_completion_timeout,
    timeoutAction: config.live_migration_timeout_action,
    permitPostCopy: config.live_migration_permit_post_copy,
    permitAutoConverge: config.live_migration_permit_auto_converge,
    maxRounds: config.live_migration_max_rounds,
  };
}

/**
 * The migration job's cost, once its slot is taken. The bandwidth is the
 * slower of the two hosts' links, shared equally by the live migrations
 * running out of the source at this moment (not re-shared when they start or
 * end), and capped by live_migration_bandwidth (0: no cap). A paused guest
 * dirties nothing; a block migration (no shared storage at the source, not
 * volume-backed) copies the disk first.
 */
function costOf({ cloud, liveMigrations }: OperationContext, server: Server): PrecopyResult {
  const m = server.migration!;
  const source = cloud.inventory.host(m.sourceHost);
  const dest = cloud.inventory.host(m.destHost);
  const link = Math.min(source.migrationBandwidthMbS, dest.migrationBandwidthMbS) / liveMigrations.runningFrom(source.id);
  const cap = cloud.config.live_migration_bandwidth;
  const block = !server.bootFromVolume && !source.sharedStorage;
  return precopy(
    {
      ramMb: m.oldFlavor.ramMb,
      dirtyRateMbS: server.vmState === 'paused' ? 0 : dirtyRateOf(server),
      bandwidthMbS: cap > 0 ? Math.min(cap, link) : link,
      diskMb: block ? m.oldFlavor.diskGb * 1024 : 0,
    },
    liveMigrationSettings(cloud.config),
  );
}

/** Rolls the move back (the destination's claim goes) and reports it; the slot goes to the next in line. */
const rollBack = ({ cloud, liveMigrations }: OperationContext, server: Server, run: Running<Copy>): void => {
  const m = server.migration;
  if (m?.kind === 'live-migration' && !m.switched) dropDestination(cloud, server);
  const { cost, aborted } = run.state;
  if (aborted && cost !== null) cloud.moves.carried(server, { dataMb: cost.dataMb, rounds: cost.rounds });
  cloud.moves.close(server, aborted ? 'aborted' : 'failed');
  liveMigrations.leave(server);
};

/**
 * Live migration: the conductor picks a destination (or checks the one an
 * admin named) and claims it; the source compute queues the job for one of
 * its max_concurrent_live_migrations slots; the pre-copy model
 * (src/migration/live-precopy.ts) gives its length, downtime and data; then
 * the source is released. vm_state does not change (ACTIVE or PAUSED
 * throughout, shown as MIGRATING, queued or not). A job the completion timeout
 * aborts rolls back as _rollback_live_migration does: the destination's claim
 * goes, task_state returns to None and the server stays on the source in its
 * vm_state. One that can never converge, with no timeout, runs for ever.
 */
export const liveMigrate: Operation<Copy> = {
  newState: () => ({ cost: null, aborted: false }),
  enter({ cloud }, server, run) {
    cloud.moves.open(server, 'live-migration', run.acceptedAt);
    const placed = cloud.place(server, server.flavor, { purpose: 'live_migrate', ignore: [server.host!], target: run.named.target });
    if (typeof placed === 'string') return placed;
    beginMove(cloud, server, 'live-migration', placed.host, server.flavor);
    return null;
  },
  duration(ctx, server, run) {
    if (!ctx.liveMigrations.acquire(server, server.migration!.sourceHost)) return null; // queued
    const cost = costOf(ctx, server);
    run.state.cost = cost;
    return cost.end === 'never' ? null : cost.totalS;
  },
  outcome(_ctx, _server, run) {
    const cost = run.state.cost;
    if (cost?.end !== 'aborted') return null;
    run.state.aborted = true;
    return {
      fail: `Live migration not completed after ${cost.totalS} sec: migration operation was cancelled (live_migration_timeout_action abort)`,
      vmState: run.priorVmState,
    };
  },
  finish({ cloud }, server, run) {
    const cost = run.state.cost;
    if (cost !== null) cloud.moves.carried(server, { dataMb: cost.dataMb, downtimeS: cost.downtimeS, rounds: cost.rounds });
    switchToDestination(server);
    dropSource(cloud, server);
    cloud.moves.landed(server);
    cloud.moves.close(server, 'completed');
  },
  settled({ liveMigrations }, server) {
    liveMigrations.leave(server);
  },
  failed: rollBack,
  superseded: rollBack,
};
