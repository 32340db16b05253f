import type { Nova } from '../cloud/nova.js';
import type { Simulator } from '../engine/simulator.js';
import type { Host } from '../model/host.js';
import type { HostId } from '../model/ids.js';
import type { DrainPurpose } from './types.js';
import { tellStep } from './workflow-step.js';

/**
 * Updates (patches and reboots) hosts the operator has taken out of
 * service: `update_start`, then `updated` after the update's duration,
 * then the workflow's callback. The host stays disabled throughout; the
 * reboot itself is not modelled beyond that window (a server left on the
 * host, one that does not run, simply stays).
 */
export class HostUpdates {
  readonly #kind: number;
  readonly #pending = new Map<HostId, { readonly workflow: DrainPurpose; readonly done: () => void }>();

  constructor(
    private readonly sim: Simulator,
    private readonly nova: Nova,
  ) {
    this.#kind = sim.register('operator-update', (host) => this.#finish(nova.cloud.inventory.host(host as HostId)));
  }

  /** `workflow` names both facts' workflow; `done` runs once the update is over. */
  update(host: Host, duration: number, workflow: DrainPurpose, done: () => void): void {
    this.#pending.set(host.id, { workflow, done });
    tellStep(this.nova.cloud, workflow, host, { action: 'update_start', outcome: 'accepted', detail: `update takes ${duration} s` });
    this.sim.after(duration, this.#kind, host.id);
  }

  #finish(host: Host): void {
    const pending = this.#pending.get(host.id);
    if (pending === undefined) return;
    this.#pending.delete(host.id);
    tellStep(this.nova.cloud, pending.workflow, host, { action: 'updated', outcome: 'completed', detail: 'host updated' });
    pending.done();
  }
}
