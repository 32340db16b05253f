import { reachable, type Host } from '../model/host.js';
import type { HostId, ServerId } from '../model/ids.js';
import type { Server } from '../model/server.js';
import type { Cloud } from './cloud.js';
import type { ComputeServices } from './compute-services.js';
import type { PeriodicTaskName } from './periodic-schedule.js';
import type { OffloadAtOnce, PeriodicTask, RequestOf, ServerRequest } from '../lifecycle/requests.js';

/** The periodic tasks that act on one server once it has waited long enough. */
type ServerTask = Exclude<PeriodicTaskName, '_sync_power_states' | 'update_available_resource' | '_run_image_cache_manager_pass'>;

/** One server's pending wait: which task, from when, how long; valid while the server's epoch is `epoch`. */
interface Wait {
  readonly task: ServerTask;
  readonly since: number;
  readonly wait: number;
  readonly epoch: number;
  readonly serial: number;
}

/**
 * The compute manager's periodic tasks that act on one server after a wait
 * (nova/compute/manager.py): _poll_unconfirmed_resizes,
 * _reclaim_queued_deletes, _poll_shelved_instances,
 * _check_instance_build_time and _poll_rescued_instances; and
 * _sync_power_states after a host boots again. Each wait is one timer on
 * the server (no scan, no tick per host): it fires at the first run of the
 * task on the server's host that finds the server old enough, by the
 * task's own comparison (periodic-schedule.ts), and is ignored if the
 * server has started other work since (its epoch moved). A task does not
 * run while its compute service is down: the wait is parked on the host
 * and looked at again when the service is back, on its new clock.
 *
 * _poll_rebooting_instances is left out: it hands the stuck reboots to the
 * driver, and the libvirt driver's poll_rebooting_instances does nothing.
 */
export class PeriodicTasks {
  readonly #fire: number;
  readonly #syncPower: number;
  readonly #waits: (Wait | undefined)[] = [];
  readonly #parked = new Map<HostId, ServerId[]>();
  /** Per host: the servers whose guest init_host found shut off, with their epoch then; _sync_power_states' next run reads them. */
  readonly #guestsOff = new Map<HostId, Map<ServerId, number>>();
  /** Per host: bumped at each service start, so a sync timer of an earlier start is stale. */
  readonly #starts: number[] = [];
  #serial = 0;
  #submit: (request: ServerRequest) => void = () => {};
  #forceStop: (server: Server, request: ServerRequest) => void = () => {};

  constructor(
    private readonly cloud: Cloud,
    readonly services: ComputeServices,
  ) {
    this.#fire = cloud.sim.register('periodic-task', (server, serial) => this.#due(server, serial));
    this.#syncPower = cloud.sim.register('sync-power-states', (host, start) => {
      if (start === (this.#starts[host] ?? 0)) this.#syncPowerStates(host as HostId);
    });
  }

  /** Wires the API that periodic tasks call, and compute_api.force_stop (both built after them). */
  connect(submit: (request: ServerRequest) => void, forceStop: (server: Server, request: ServerRequest) => void): void {
    this.#submit = submit;
    this.#forceStop = forceStop;
  }

  /** After a resize or cold migration reaches VERIFY_RESIZE (the migration's updated_at is now). */
  scheduleAutoConfirm(server: Server): void {
    this.#arm(server, '_poll_unconfirmed_resizes', this.cloud.config.resize_confirm_window);
  }

  /** After a soft delete (deleted_at is now). */
  scheduleReclaim(server: Server): void {
    this.#arm(server, '_reclaim_queued_deletes', this.cloud.config.reclaim_instance_interval);
  }

  /** Offload straight after shelving (the compute manager does it in the same call). */
  offloadNow(server: Server, why: OffloadAtOnce): void {
    this.#submit(periodic(server, 'shelve_offload', why));
  }

  /** After a shelve that did not offload at once (shelved_at is now; shelved_offload_time > 0). */
  scheduleOffload(server: Server): void {
    this.#arm(server, '_poll_shelved_instances', this.cloud.config.shelved_offload_time);
  }

  /** A build claimed its host: instance_build_timeout counts from the create request (created_at), on that host's clock. */
  scheduleBuildTimeout(server: Server, createdAt: number): void {
    this.#arm(server, '_check_instance_build_time', this.cloud.config.instance_build_timeout, createdAt);
  }

  /** A rescue completed (launched_at is now): rescue_timeout later it is unrescued. */
  scheduleUnrescue(server: Server): void {
    this.#arm(server, '_poll_rescued_instances', this.cloud.config.rescue_timeout);
  }

  /**
   * init_host found the server's guest shut off after a reboot, with the
   * database still saying it runs: _sync_power_states corrects it at its
   * next run, which after a service start is the loop's first tick.
   */
  guestFoundOff(host: Host, server: Server): void {
    let off = this.#guestsOff.get(host.id);
    if (off === undefined) {
      this.#guestsOff.set(host.id, (off = new Map()));
      const at = this.services.nextRun('_sync_power_states', host.id, this.cloud.now);
      if (at !== null) this.cloud.sim.at(at, this.#syncPower, host.id, this.#starts[host.id] ?? 0);
    }
    off.set(server.id, this.cloud.epochOf(server));
  }

  /**
   * The host's compute service runs again: after a boot on a new clock (a
   * new process), after a partition on its old one. Waits parked while it
   * was down are timed again.
   */
  serviceBack(host: Host, booted: boolean): void {
    if (booted) {
      this.services.restarted(host.id, this.cloud.now);
      this.#starts[host.id] = (this.#starts[host.id] ?? 0) + 1;
      this.#guestsOff.delete(host.id); // the new init_host looks afresh
    }
    const parked = this.#parked.get(host.id) ?? [];
    this.#parked.delete(host.id);
    for (const id of parked) {
      const wait = this.#waits[id];
      if (wait !== undefined) this.#time(this.cloud.inventory.servers[id]!, wait);
    }
  }

  #arm(server: Server, task: ServerTask, wait: number, since = this.cloud.now): void {
    if (wait <= 0) return;
    const entry: Wait = { task, since, wait, epoch: this.cloud.epochOf(server), serial: ++this.#serial };
    this.#waits[server.id] = entry;
    this.#time(server, entry);
  }

  #time(server: Server, wait: Wait): void {
    const { now } = this.cloud;
    const found = this.services.firstRunFinding(wait.task, server.host, wait.since, wait.wait);
    // A run missed while the service was cut off: the next one acts.
    const at = found !== null && found < now ? this.services.nextRun(wait.task, server.host, now) : found;
    if (at === null) this.#waits[server.id] = undefined;
    else this.cloud.sim.at(at, this.#fire, server.id, wait.serial);
  }

  #due(id: number, serial: number): void {
    const { cloud } = this;
    const wait = this.#waits[id];
    const server = cloud.inventory.servers[id]!;
    if (wait === undefined || wait.serial !== serial) return; // a newer wait replaced it
    if (wait.epoch !== cloud.epochOf(server)) return void (this.#waits[id] = undefined);
    if (server.host !== null && !reachable(cloud.inventory.host(server.host))) return this.#park(server.host, server.id);
    // The host's clock may have moved (a reboot) or the server its host (a reschedule): a later run is the one.
    const at = this.services.firstRunFinding(wait.task, server.host, wait.since, wait.wait);
    if (at !== null && at > cloud.now) return this.#time(server, wait);
    this.#waits[id] = undefined;
    this.#act(server, wait.task);
  }

  #park(host: HostId, server: ServerId): void {
    const list = this.#parked.get(host);
    if (list === undefined) this.#parked.set(host, [server]);
    else list.push(server);
  }

  /** What each task does with a server it finds old enough (its filters re-checked now). */
  #act(server: Server, task: ServerTask): void {
    const idle = server.taskState === null;
    switch (task) {
      case '_poll_unconfirmed_resizes':
        if (server.vmState === 'resized' && idle) this.#submit(periodic(server, 'confirm_resize', task));
        return;
      case '_reclaim_queued_deletes':
        if (server.vmState === 'soft-delete') this.#submit(periodic(server, 'force_delete', task));
        return;
      case '_poll_shelved_instances':
        if (server.vmState === 'shelved' && idle) this.#submit(periodic(server, 'shelve_offload', task));
        return;
      case '_poll_rescued_instances':
        if (server.vmState === 'rescued' && idle) this.#submit(periodic(server, 'unrescue', task));
        return;
      case '_check_instance_build_time':
        // _set_instance_obj_error_state: vm_state ERROR, task_state left as it is; the build itself is not stopped.
        if (server.vmState === 'building') {
          this.cloud.transition(server, { vmState: 'error' }, { action: 'create', outcome: 'transition', reason: `${task}: Instance build timed out. Set to error state.`, asAdmin: true });
        }
        return;
    }
  }

  /**
   * _sync_power_states on one host: a server the database shows ACTIVE
   * whose guest is shut off gets power_state SHUTDOWN and is stopped
   * through the API (compute_api.stop); a PAUSED one is force-stopped.
   * Servers busy with a task are skipped until the next run; servers that
   * started other work since init_host (their epoch moved) settled their
   * own power state.
   */
  #syncPowerStates(hostId: HostId): void {
    const { cloud } = this;
    const off = this.#guestsOff.get(hostId);
    if (off === undefined) return;
    const host = cloud.inventory.host(hostId);
    if (!reachable(host)) return void this.#guestsOff.delete(hostId); // down again: the next init_host looks afresh
    for (const [id, epoch] of [...off]) {
      const server = cloud.inventory.servers[id]!;
      if (epoch !== cloud.epochOf(server) || server.host !== hostId || server.vmState === 'deleted') off.delete(id);
      else if (server.taskState === null) {
        off.delete(id);
        this.#syncOne(server);
      }
    }
    if (off.size === 0) return void this.#guestsOff.delete(hostId);
    const next = this.services.nextRunAfter('_sync_power_states', hostId, cloud.now);
    if (next !== null) cloud.sim.at(next, this.#syncPower, hostId, this.#starts[hostId] ?? 0);
  }

  #syncOne(server: Server): void {
    const task = '_sync_power_states';
    // The driver's power state goes into the database first, whatever the vm_state.
    this.cloud.transition(server, { powerState: 'shutdown' }, { action: 'sync_power_state', outcome: 'transition', reason: 'power_state shutdown after host restart', asAdmin: true });
    if (server.vmState === 'active') this.#submit(periodic(server, 'stop', task));
    // A RESCUED server is ignored; a PAUSED one whose guest is off is force-stopped (force_stop checks no state).
    else if (server.vmState === 'paused') this.#forceStop(server, periodic(server, 'stop', task));
  }
}

/** The request a periodic task makes, as an admin, with the task's name. */
type PeriodicAction = 'confirm_resize' | 'force_delete' | 'shelve_offload' | 'unrescue' | 'stop';
function periodic(server: Server, action: PeriodicAction, task: PeriodicTask | OffloadAtOnce): RequestOf<PeriodicAction> {
  return { action, server: server.name, asAdmin: true, periodic: task };
}
