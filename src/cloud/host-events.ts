import type { Host } from '../model/host.js';
import type { Server } from '../model/server.js';
import type { TaskState } from '../model/states.js';
import type { ActionExecutor } from './execute-action.js';
import type { OperationContext } from './operation.js';
import { dropDestination } from './operations/moves.js';

/** What init_host does with a server whose action a host failure interrupted (manager._init_instance). */
type Recovery = 'retry' | 'error' | 'clear';

function recoveryFor(taskState: TaskState): Recovery {
  switch (taskState) {
    case 'deleting':
    case 'soft-deleting':
    case 'rebooting':
    case 'reboot_pending':
    case 'reboot_started':
    case 'rebooting_hard':
    case 'reboot_pending_hard':
    case 'reboot_started_hard':
    case 'powering-off':
    case 'powering-on':
      return 'retry';
    case 'scheduling':
    case 'networking':
    case 'block_device_mapping':
    case 'spawning':
    case 'rebuilding':
    case 'rebuild_block_device_mapping':
    case 'rebuild_spawning':
      return 'error';
    default:
      return 'clear';
  }
}

/**
 * Host events an operator or a fault causes. A failed host stops its
 * servers and its heartbeats at once, but Nova notices only when
 * service_down_time has passed since the last heartbeat; until an operator
 * acts its servers stay listed as they were (ACTIVE zombies).
 */
export class HostEvents {
  readonly #serviceDown: number;

  constructor(
    private readonly ctx: OperationContext,
    private readonly executor: ActionExecutor,
  ) {
    this.#serviceDown = ctx.cloud.sim.register('service-down', (host) => {
      const h = ctx.cloud.inventory.host(host as Host['id']);
      if (!h.reporting && ctx.cloud.now >= h.downSince) {
        ctx.cloud.inventory.hostChanged(h);
        this.#fact(h, 'service_down', 'transition', 'no heartbeat for service_down_time');
      }
    });
  }

  fail(host: Host): void {
    const { cloud } = this.ctx;
    if (!host.alive) return this.#fact(host, 'fail_host', 'rejected', 'host is already down');
    const interval = cloud.config.report_interval;
    host.alive = false;
    host.reporting = false;
    host.lastHeartbeat = Math.floor(cloud.now / interval) * interval;
    host.downSince = Math.max(cloud.now, host.lastHeartbeat + cloud.config.service_down_time);
    cloud.sim.at(host.downSince, this.#serviceDown, host.id);
    cloud.inventory.hostChanged(host);
    this.#fact(host, 'fail_host', 'accepted', `last heartbeat at ${host.lastHeartbeat}s`);
  }

  /** The host boots again: its compute service reports and runs init_host. */
  recover(host: Host): void {
    if (host.alive) return this.#fact(host, 'recover_host', 'rejected', 'host is not down');
    host.alive = true;
    host.reporting = true;
    host.downSince = Number.POSITIVE_INFINITY;
    this.ctx.cloud.inventory.hostChanged(host);
    this.#fact(host, 'recover_host', 'accepted', '');
    this.#initHost(host);
  }

  setEnabled(host: Host, enabled: boolean): void {
    this.ctx.cloud.setServiceEnabled(host, enabled, enabled ? 'enable_host' : 'disable_host', '');
  }

  /** nova-compute's init_host after a restart: clean up evacuated servers, settle interrupted ones. */
  #initHost(host: Host): void {
    const { cloud } = this.ctx;
    for (const [serverId, claim] of host.evacuated) {
      cloud.inventory.release(host.id, claim);
      cloud.inventory.detach(cloud.inventory.servers[serverId]!, host.id);
      this.#fact(host, 'destroy_evacuated', 'completed', cloud.inventory.servers[serverId]!.name);
    }
    host.evacuated.clear();
    const mine = [...host.servers].map((id) => cloud.inventory.servers[id]!).filter((s) => this.executor.computeHostOf(s) === host.id);
    for (const server of mine) this.#initInstance(server);
  }

  #initInstance(server: Server): void {
    const { cloud } = this.ctx;
    const run = this.executor.running(server);
    if (run !== undefined) {
      const recovery = recoveryFor(server.taskState);
      if (recovery === 'retry') return this.executor.resume(server);
      if (server.migration !== null && !server.migration.switched) dropDestination(cloud, server);
      if (recovery === 'error') return this.executor.fail(server, run, 'Instance was interrupted by a host failure (init_host)', 'error');
      return this.executor.fail(server, run, 'Task interrupted by a host failure; task_state reset (init_host)', run.priorVmState);
    }
    // The hypervisor lost its guests when the host went down. Unless Nova restarts them,
    // _sync_power_states finds them shut off and stops them in the database too.
    if (server.vmState === 'active' || server.vmState === 'paused' || server.vmState === 'rescued') {
      if (cloud.config.resume_guests_state_on_host_boot) {
        cloud.transition(server, { vmState: 'active', powerState: 'running' }, { action: 'resume_guests_state_on_host_boot', outcome: 'completed', asAdmin: true });
      } else {
        cloud.transition(server, { vmState: 'stopped', powerState: 'shutdown' }, { action: 'sync_power_state', outcome: 'completed', reason: 'power_state shutdown after host restart', asAdmin: true });
      }
    }
  }

  #fact(host: Host, action: string, outcome: 'accepted' | 'rejected' | 'transition' | 'completed', reason: string): void {
    this.ctx.cloud.telemetry.host({ time: this.ctx.cloud.now, host, action, outcome, reason });
  }
}
