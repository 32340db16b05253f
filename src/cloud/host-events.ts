import { serviceUp, type Host } from '../model/host.js';
import type { Server } from '../model/server.js';
import type { ActionExecutor } from './execute-action.js';
import type { HostAction } from './fact-names.js';
import type { Outcome } from './facts.js';
import type { OperationContext } from './operation.js';
import { dropDestination } from './operations/moves.js';

/** What an operator process may want to hear about hosts. */
export interface HostListener {
  /** Nova now counts the host's compute service as down (detection). */
  serviceDown?(host: Host): void;
  /** The host is back (booted or reconnected). */
  recovered?(host: Host): void;
}

/**
 * Host events an operator or a fault causes. A failed host stops its
 * servers and its heartbeats at once, but Nova notices only when
 * service_down_time has passed since the last heartbeat; until an operator
 * acts its servers stay listed as they were (ACTIVE zombies).
 */
export class HostEvents {
  readonly #serviceDown: number;
  readonly #listeners: HostListener[] = [];

  constructor(
    private readonly ctx: OperationContext,
    private readonly executor: ActionExecutor,
  ) {
    this.#serviceDown = ctx.cloud.sim.register('service-down', (host) => {
      const h = ctx.cloud.inventory.host(host as Host['id']);
      if (!h.reporting && ctx.cloud.now >= h.downSince) {
        ctx.cloud.inventory.hostChanged(h);
        this.#fact(h, 'service_down', 'transition', 'no heartbeat for service_down_time');
        for (const l of this.#listeners) l.serviceDown?.(h);
      }
    });
  }

  subscribe(listener: HostListener): void {
    this.#listeners.push(listener);
  }

  /**
   * An operator switches an empty host off to save energy: its service is
   * disabled and forced down first, so Nova neither schedules to it nor
   * mistakes it for a failure.
   */
  powerOff(host: Host): void {
    if (!host.poweredOn) return this.#fact(host, 'power_off_host', 'rejected', 'host is already off');
    if (host.servers.size > 0) return this.#fact(host, 'power_off_host', 'rejected', `host still holds ${host.servers.size} servers`);
    host.poweredOn = false;
    host.alive = false;
    host.reporting = false;
    host.enabled = false;
    host.forcedDown = true;
    this.ctx.cloud.inventory.hostChanged(host);
    this.#fact(host, 'power_off_host', 'completed', 'service disabled and forced down, then powered off');
  }

  /** A host switched off to save energy boots and its service is enabled again. */
  powerOn(host: Host): void {
    if (host.poweredOn) return this.#fact(host, 'power_on_host', 'rejected', 'host is already on');
    host.poweredOn = true;
    host.alive = true;
    host.reporting = true;
    host.enabled = true;
    host.forcedDown = false;
    host.downSince = Number.POSITIVE_INFINITY;
    this.ctx.cloud.inventory.hostChanged(host);
    this.ctx.periodic.serviceBack(host, true);
    this.#fact(host, 'power_on_host', 'completed', 'booted; service enabled');
  }

  /** The machine dies: its guests stop with it, and so do its heartbeats. */
  fail(host: Host, cause = ''): void {
    if (!host.alive) return this.#fact(host, 'fail_host', 'rejected', host.poweredOn ? 'host is already down' : 'host is powered off');
    host.alive = false;
    this.#endSplitBrains(host, 'the host went down');
    if (host.reporting) return this.#stopReporting(host, 'fail_host', cause);
    // Cut off already: its heartbeats stopped at the partition, and Nova's count toward service_down_time runs from then.
    this.ctx.cloud.inventory.hostChanged(host);
    const heartbeat = `cut off already; last heartbeat at ${host.lastHeartbeat}s`;
    this.#fact(host, 'fail_host', 'accepted', cause === '' ? heartbeat : `${cause}; ${heartbeat}`);
  }

  /**
   * A network partition: the machine and its guests keep running, but the
   * compute service cannot report or be reached. Nova sees the same missing
   * heartbeats as for a dead host.
   */
  partition(host: Host, cause = ''): void {
    if (!host.alive || !host.reporting) return this.#fact(host, 'partition_host', 'rejected', 'host is already down or cut off');
    this.#stopReporting(host, 'partition_host', cause);
  }

  /** `cause` (a failure domain, a random failure) leads the fact's reason. */
  #stopReporting(host: Host, action: 'fail_host' | 'partition_host', cause: string): void {
    const { cloud } = this.ctx;
    const interval = cloud.config.report_interval;
    host.reporting = false;
    host.lastHeartbeat = Math.floor(cloud.now / interval) * interval;
    host.downSince = Math.max(cloud.now, host.lastHeartbeat + cloud.config.service_down_time);
    cloud.sim.at(host.downSince, this.#serviceDown, host.id);
    cloud.inventory.hostChanged(host);
    const heartbeat = `last heartbeat at ${host.lastHeartbeat}s`;
    this.#fact(host, action, 'accepted', cause === '' ? heartbeat : `${cause}; ${heartbeat}`);
  }

  /**
   * The operator powers the host off out of band (IPMI) and forces its
   * service down: its guests are certainly dead, so evacuation is safe and
   * allowed at once. A fenced host stays disabled until it is repaired
   * (recover_host) and enabled again.
   */
  fence(host: Host): void {
    const { cloud } = this.ctx;
    if (host.fenced) return this.#fact(host, 'fence_host', 'rejected', 'host is already fenced');
    const wasUp = serviceUp(host, cloud.now);
    host.alive = false;
    host.reporting = false;
    host.fenced = true;
    host.forcedDown = true;
    host.enabled = false;
    if (host.downSince === Number.POSITIVE_INFINITY) host.lastHeartbeat = cloud.now;
    this.#endSplitBrains(host, 'the host was fenced');
    cloud.inventory.hostChanged(host);
    this.#fact(host, 'fence_host', 'completed', 'powered off; service forced down and disabled');
    // Fencing a host Nova still counted up takes its service down at once: the same news as a detection.
    if (wasUp) {
      this.#fact(host, 'service_down', 'transition', 'service forced down');
      for (const l of this.#listeners) l.serviceDown?.(host);
    }
  }

  /**
   * The host is back: a dead or fenced machine boots (its compute service
   * starts and runs init_host), a partitioned one reconnects. The compute
   * service then destroys the evacuated incarnations it still runs. A
   * fenced host comes back with its service still disabled.
   */
  recover(host: Host): void {
    if (host.alive && host.reporting) return this.#fact(host, 'recover_host', 'rejected', 'host is not down');
    if (!host.poweredOn) return this.#fact(host, 'recover_host', 'rejected', 'host is powered off (power_on_host boots it)');
    const booted = !host.alive;
    host.alive = true;
    host.reporting = true;
    host.downSince = Number.POSITIVE_INFINITY;
    host.forcedDown = false;
    host.fenced = false;
    this.ctx.cloud.inventory.hostChanged(host);
    this.#fact(host, 'recover_host', 'accepted', booted ? 'booted' : 'reconnected; its guests kept running');
    this.ctx.periodic.serviceBack(host, booted);
    this.#initHost(host, booted);
    for (const l of this.#listeners) l.recovered?.(host);
  }

  #endSplitBrains(host: Host, reason: string): void {
    const { cloud } = this.ctx;
    for (const id of host.splitBrain) {
      cloud.hostFact(host, 'split_brain_end', 'transition', reason, cloud.inventory.servers[id]!);
    }
    host.splitBrain.clear();
  }

  /**
   * os-services forced_down (microversion 2.11): Nova counts a forced-down
   * service down at once, whatever its heartbeats, so evacuation may start;
   * lifting it lets the heartbeats decide again (a host that still sends
   * none goes down once service_down_time has passed since the last one).
   */
  setForcedDown(host: Host, forced: boolean): void {
    const { cloud } = this.ctx;
    const wasUp = serviceUp(host, cloud.now);
    host.forcedDown = forced;
    if (!forced && !host.reporting && host.downSince === Number.POSITIVE_INFINITY) {
      host.downSince = Math.max(cloud.now, host.lastHeartbeat + cloud.config.service_down_time);
      cloud.sim.at(host.downSince, this.#serviceDown, host.id);
    }
    cloud.inventory.hostChanged(host);
    this.#fact(host, forced ? 'force_down_host' : 'unforce_down_host', 'accepted', forced ? 'service forced down' : 'forced_down lifted');
    if (forced && wasUp) {
      this.#fact(host, 'service_down', 'transition', 'service forced down');
      for (const l of this.#listeners) l.serviceDown?.(host);
    }
  }

  setEnabled(host: Host, enabled: boolean): void {
    this.ctx.cloud.setServiceEnabled(host, enabled, enabled ? 'enable_host' : 'disable_host', '');
  }

  /**
   * nova-compute's init_host when the service comes back: destroy the
   * evacuated incarnations, then settle interrupted work. After a reboot the
   * guests are gone; after a partition they ran on, and work that waited
   * for the host simply goes on.
   */
  #initHost(host: Host, booted: boolean): void {
    const { cloud } = this.ctx;
    this.#endSplitBrains(host, 'the old incarnation was destroyed (init_host)');
    for (const [serverId, claim] of host.evacuated) {
      const server = cloud.inventory.servers[serverId]!;
      cloud.inventory.release(host.id, claim);
      cloud.inventory.detach(server, host.id);
      cloud.hostFact(host, 'destroy_evacuated', 'completed', server.name, server);
    }
    host.evacuated.clear();
    const mine = [...host.servers].map((id) => cloud.inventory.servers[id]!).filter((s) => this.executor.computeHostOf(s) === host.id);
    for (const server of mine) {
      if (booted) this.#initInstance(host, server);
      else this.executor.resume(server);
    }
  }

  #initInstance(host: Host, server: Server): void {
    const { cloud } = this.ctx;
    const run = this.executor.running(server);
    if (run !== undefined) {
      const recovery = this.executor.initHostOf(run); // the interrupted step's row says
      if (recovery === 'retry') return this.executor.resume(server);
      if (server.migration !== null && !server.migration.switched) dropDestination(cloud, server);
      if (recovery === 'error') return this.executor.fail(server, run, 'Instance was interrupted by a host failure (init_host)', 'error');
      return this.executor.fail(server, run, 'Task interrupted by a host failure; task_state reset (init_host)', run.priorVmState);
    }
    // The hypervisor lost its guests when the host went down. Unless Nova restarts them, the
    // database still says they run until _sync_power_states' next run finds them shut off.
    if (server.vmState === 'active' || server.vmState === 'paused' || server.vmState === 'rescued') {
      if (cloud.config.resume_guests_state_on_host_boot) {
        cloud.transition(server, { vmState: 'active', powerState: 'running' }, { action: 'resume_guests_state_on_host_boot', outcome: 'completed', asAdmin: true });
      } else {
        this.ctx.periodic.guestFoundOff(host, server);
      }
    }
  }

  #fact(host: Host, action: HostAction, outcome: Exclude<Outcome, 'failed'>, reason: string): void {
    this.ctx.cloud.hostFact(host, action, outcome, reason);
  }
}
