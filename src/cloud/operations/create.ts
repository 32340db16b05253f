import { fits } from '../../model/capacity.js';
import type { Host } from '../../model/host.js';
import type { HostId } from '../../model/ids.js';
import type { Server } from '../../model/server.js';
import { membersOn } from '../../model/server-group.js';
import type { Cloud } from '../cloud.js';
import { allocateAddresses, releaseAddresses } from '../networking.js';
import type { CreateRequest } from '../../lifecycle/requests.js';
import type { Operation, OperationContext, Running } from '../operation.js';
import { beginSpawn, landSpawn } from './spawn.js';

/** A build's own state: the alternates it may still try (the conductor's host_list), once the scheduler chose them; whether the compute took it up. */
interface Build {
  alternates: HostId[] | null;
  /** The compute host runs it: it holds one of the host's max_concurrent_builds slots and has made its claim. */
  started: boolean;
  /** When it joined its host's line for a build slot (null: not waiting). */
  queuedAt: number | null;
}

/**
 * Build: the conductor schedules while the server is in `scheduling`; the
 * claim is made when the build is handed to the chosen compute host (task
 * back to None), then networking (the server's ports and addresses, see
 * networking.ts), block_device_mapping and spawning. NoValidHost puts the
 * server in ERROR, as in Nova; a failed build gives its addresses back.
 *
 * A spawn may fail on its host (the host's build_failure_probability).
 * The compute service counts the failure, gives the claim back and, when
 * max_attempts allows, sends the build back to the conductor, which claims
 * the next alternate the scheduler chose with the first host. With no
 * alternate left the server goes to ERROR (MaxRetriesExceeded).
 *
 * The compute host runs at most max_concurrent_builds builds at once
 * (_do_build_and_run_instance under its build semaphore, from the claim to
 * the end of the spawn); the others wait in the host's line after the
 * scheduler chose it, with their placement made (Nova keeps task_state
 * `scheduling` while they wait; novasim shows the claim step's None).
 *
 * The spawn includes the image download over the host's link, skipped
 * when the host's image cache has it (image-cache.ts), and ends by
 * writing the personality files and handing the guest its admin password
 * (spawn.ts): a password the policy refuses ends the build in ERROR.
 */
export const create: Operation<Build, CreateRequest> = {
  newState: () => ({ alternates: null, started: false, queuedAt: null }),
  enter(ctx, server, run, taskState) {
    const { cloud } = ctx;
    if (taskState === 'networking') return allocateAddresses(cloud.inventory, server);
    if (taskState === 'spawning') return beginSpawn(ctx, server, run, taskState); // the progress clock: image download, then spawn
    if (taskState !== null || server.host !== null) return null;
    if (run.state.alternates !== null) return claimAlternate(cloud, server, run.state.alternates);
    // A host forced with zone:host is the only candidate, unfiltered.
    const forced = run.named.target;
    const placed = cloud.place(server, server.flavor, { purpose: 'create', alternates: cloud.scheduler.maxAttempts - 1, target: forced, forced: forced !== undefined });
    if (typeof placed === 'string') return placed;
    run.state.alternates = [...placed.alternates];
    cloud.occupy(server, placed.host);
    return null;
  },
  copySeconds(ctx, server, run, taskState) {
    if (server.host === null) return 0;
    if (taskState === null) return startOnCompute(ctx, server, run);
    return taskState === 'spawning' ? ctx.images.fetch(server, ctx.cloud.inventory.host(server.host)) : 0;
  },
  outcome(ctx, server, run) {
    const { cloud } = ctx;
    const host = cloud.inventory.host(server.host!);
    ctx.builds.leave(server);
    run.state.started = false;
    const failed = host.buildFailureProbability > 0 && cloud.buildRng.next() < host.buildFailureProbability;
    ctx.failedBuilds.ended(host, failed);
    if (!failed) return landSpawn(ctx, server); // personality files, then the admin password
    const rescheduled = cloud.scheduler.maxAttempts > 1;
    cloud.facts.emit({ type: 'build_failure', time: cloud.now, server: server.id, host: host.id, rescheduled });
    cloud.vacate(server);
    releaseAddresses(cloud.inventory, server); // _cleanup_allocated_networks, before a reschedule too
    const reason = `Build of instance ${server.uuid} was re-scheduled: spawn failed on ${host.name}`;
    return rescheduled ? { retry: reason } : { fail: reason };
  },
  finish({ cloud, extras }, server) {
    server.launchedAt ??= cloud.now;
    extras.progress.end(server, 100);
  },
  // A build that failed gives its addresses back; one that spawned and only had its password refused keeps them.
  failed: ({ cloud, builds }, server) => {
    builds.leave(server);
    if (server.launchedAt === null) releaseAddresses(cloud.inventory, server);
  },
  superseded: ({ builds }, server) => builds.leave(server),
};

/**
 * The build reaches its compute host: it waits for a build slot (null
 * holds it), then the resource tracker claims (writing its stats, so a
 * failed-build count not yet reported goes out now) and the host's
 * _check_instance_build_time starts watching it.
 */
function startOnCompute(ctx: OperationContext, server: Server, run: Running<Build>): number | null {
  if (run.state.started) return 0;
  const { cloud } = ctx;
  const host = cloud.inventory.host(server.host!);
  if (!ctx.builds.acquire(server, host.id)) {
    run.state.queuedAt ??= cloud.now;
    return null;
  }
  const waitedS = cloud.now - (run.state.queuedAt ?? cloud.now);
  run.state.started = true;
  run.state.queuedAt = null;
  cloud.facts.emit({ type: 'build_started', time: cloud.now, server: server.id, host: host.id, waitedS });
  ctx.failedBuilds.report(host);
  ctx.periodic.scheduleBuildTimeout(server, run.acceptedAt);
  return 0;
}

/** A reschedule: the first alternate that still has room and still keeps the group's rule (Nova checks it late, on the compute). */
function claimAlternate(cloud: Cloud, server: Server, alternates: HostId[]): string | null {
  for (let id = alternates.shift(); id !== undefined; id = alternates.shift()) {
    const host = cloud.inventory.host(id);
    if (!fits(host, server.flavor) || breaksGroupPolicy(cloud, server, host)) continue;
    cloud.facts.emit({ type: 'placement', time: cloud.now, server: server.id, host: host.id, reason: '', purpose: 'reschedule', decision: null });
    cloud.occupy(server, host);
    return null;
  }
  const reason = `Exceeded maximum number of retries. Exhausted all hosts available for retrying build failures for instance ${server.uuid}.`;
  cloud.facts.emit({ type: 'placement', time: cloud.now, server: server.id, host: null, reason, purpose: 'reschedule', decision: null });
  return reason;
}

function breaksGroupPolicy(cloud: Cloud, server: Server, host: Host): boolean {
  const group = cloud.inventory.groupOf(server);
  if (group === null) return false;
  if (group.policy === 'anti-affinity') return membersOn(group, host.id) >= group.maxServerPerHost;
  return group.policy === 'affinity' && group.hostCounts.size > 0 && !group.hostCounts.has(host.id);
}
