import type { Server } from '../model/server.js';
import type { Cloud } from './cloud.js';
import { nextPeriodicRun } from './config.js';
import type { OffloadAtOnce, PeriodicTask, RequestOf, ServerRequest } from '../lifecycle/requests.js';

/**
 * The compute manager's periodic tasks that act on one server after a wait:
 * _poll_unconfirmed_resizes, _reclaim_queued_deletes and
 * _poll_shelved_instances. Each wait is a timer on the server (no scan):
 * the timer fires at the first run of the task after the wait has passed,
 * and is ignored if the server has started other work since (its epoch moved).
 */
export class PeriodicTasks {
  readonly #autoConfirm: number;
  readonly #reclaim: number;
  readonly #offload: number;
  #submit: (request: ServerRequest) => void = () => {};

  constructor(private readonly cloud: Cloud) {
    const fire = (server: number, epoch: number, request: (s: Server) => ServerRequest | null) => {
      const s = cloud.inventory.servers[server]!;
      if (epoch !== cloud.epochOf(s)) return;
      const r = request(s);
      if (r !== null) this.#submit(r);
    };
    this.#autoConfirm = cloud.sim.register('auto-confirm', (server, epoch) =>
      fire(server, epoch, (s) =>
        s.vmState === 'resized' && s.taskState === null ? periodic(s, 'confirm_resize', '_poll_unconfirmed_resizes') : null,
      ),
    );
    this.#reclaim = cloud.sim.register('reclaim', (server, epoch) =>
      fire(server, epoch, (s) =>
        s.vmState === 'soft-delete' ? periodic(s, 'force_delete', '_reclaim_queued_deletes') : null,
      ),
    );
    this.#offload = cloud.sim.register('offload', (server, epoch) =>
      fire(server, epoch, (s) =>
        s.vmState === 'shelved' && s.taskState === null ? periodic(s, 'shelve_offload', '_poll_shelved_instances') : null,
      ),
    );
  }

  /** Wires the API that periodic tasks call (it is built after them). */
  connect(submit: (request: ServerRequest) => void): void {
    this.#submit = submit;
  }

  /** After a resize or cold migration reaches VERIFY_RESIZE. */
  scheduleAutoConfirm(server: Server): void {
    const window = this.cloud.config.resize_confirm_window;
    if (window > 0) this.#at(nextPeriodicRun(this.cloud.now + window, window), this.#autoConfirm, server);
  }

  /** After a soft delete. */
  scheduleReclaim(server: Server): void {
    const interval = this.cloud.config.reclaim_instance_interval;
    if (interval > 0) this.#at(nextPeriodicRun(this.cloud.now + interval, interval), this.#reclaim, server);
  }

  /** Offload straight after shelving (the compute manager does it in the same call). */
  offloadNow(server: Server, why: OffloadAtOnce): void {
    this.#submit(periodic(server, 'shelve_offload', why));
  }

  /** After a shelve that did not offload at once (shelved_offload_time > 0). */
  scheduleOffload(server: Server): void {
    const { shelved_offload_time: wait, shelved_poll_interval: poll } = this.cloud.config;
    if (wait > 0 && poll > 0) this.#at(nextPeriodicRun(this.cloud.now + wait, poll), this.#offload, server);
  }

  #at(time: number, kind: number, server: Server): void {
    this.cloud.sim.at(time, kind, server.id, this.cloud.epochOf(server));
  }
}

/** The request a periodic task makes, as an admin, with the task's name. */
type PeriodicAction = 'confirm_resize' | 'force_delete' | 'shelve_offload';
function periodic(server: Server, action: PeriodicAction, task: PeriodicTask | OffloadAtOnce): RequestOf<PeriodicAction> {
  return { action, server: server.name, asAdmin: true, periodic: task };
}
