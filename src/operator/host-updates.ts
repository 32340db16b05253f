import type { Nova } from '../cloud/nova.js';
import type { Simulator } from '../engine/simulator.js';
import type { Host } from '../model/host.js';
import type { HostId } from '../model/ids.js';

/**
 * Updates (patches and reboots) hosts the operator has taken out of
 * service: `update_start`, then `updated` after the update's duration,
 * then the workflow's callback. The host stays disabled throughout; the
 * reboot itself is not modelled beyond that window (a server left on the
 * host, one that does not run, simply stays).
 */
export class HostUpdates {
  readonly #kind: number;
  readonly #pending = new Map<HostId, { readonly reason: string; readonly done: () => void }>();

  constructor(
    private readonly sim: Simulator,
    private readonly nova: Nova,
  ) {
    this.#kind = sim.register('operator-update', (host) => this.#finish(nova.cloud.inventory.host(host as HostId)));
  }

  /** `reason` leads both facts' reasons (the workflow); `done` runs once the update is over. */
  update(host: Host, duration: number, reason: string, done: () => void): void {
    this.#pending.set(host.id, { reason, done });
    this.#fact(host, 'update_start', 'accepted', `${reason}: update takes ${duration} s`);
    this.sim.after(duration, this.#kind, host.id);
  }

  #finish(host: Host): void {
    const pending = this.#pending.get(host.id);
    if (pending === undefined) return;
    this.#pending.delete(host.id);
    this.#fact(host, 'updated', 'completed', `${pending.reason}: host updated`);
    pending.done();
  }

  #fact(host: Host, action: string, outcome: 'accepted' | 'completed', reason: string): void {
    this.nova.cloud.telemetry.host({ time: this.nova.cloud.now, host, action, outcome, reason });
  }
}
