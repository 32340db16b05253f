import type { Nova } from '../cloud/nova.js';
import type { Simulator } from '../engine/simulator.js';
import { fitCount, freeRoom, inService } from '../model/capacity.js';
import type { Flavor } from '../model/catalog.js';
import { serviceUp, type Host } from '../model/host.js';
import type { HostId } from '../model/ids.js';
import type { HostObserver } from '../model/inventory.js';
import { NO_VALID_HOST } from '../model/placement-decision.js';
import { tellStep } from './workflow-step.js';

/**
 * The rule that switches consolidated hosts back on. Headroom is how many
 * more servers of the probe flavor (by default the scenario's largest)
 * fit on the hosts in service, plus the hosts consolidation is emptying
 * (it gives them back if it stops). Whenever it drops below `min`, the
 * lowest-numbered host consolidation switched off is switched on again,
 * one after another until it is met; and one is whenever a create fails
 * with NoValidHost all the same. The figure is kept exact as hosts change
 * (an inventory observer, O(1) per change); power-ons run as their own
 * event, after the change that called for them.
 */
export class HeadroomGuard implements HostObserver {
  /** Hosts consolidation is emptying: their room counts, they may come back. */
  readonly vacating = new Set<HostId>();
  readonly #slots: Int32Array;
  readonly #off = new Set<HostId>();
  readonly #kind: number;
  #total = 0;
  #kicked = false;

  constructor(
    private readonly sim: Simulator,
    private readonly nova: Nova,
    readonly probe: Flavor,
    readonly min: number,
  ) {
    const { inventory } = nova.cloud;
    this.#slots = new Int32Array(inventory.hosts.length);
    this.#kind = sim.register('operator-power-on', () => this.#check());
    for (const host of inventory.hosts) this.hostChanged(host);
    inventory.observe(this);
    nova.cloud.onActionEnd((server, action, outcome) => {
      if (action === 'create' && outcome === 'failed' && server.fault?.startsWith(NO_VALID_HOST)) this.#wake('a create found no valid host');
    });
  }

  /** Servers of the probe flavor that still fit. */
  get headroom(): number {
    return this.#total;
  }

  /** What the host adds to the headroom now. */
  slotsOn(host: Host): number {
    return this.#slots[host.id]!;
  }

  hostChanged(host: Host): void {
    const now = this.sim.now;
    // A host consolidation is emptying is out of service only because the drain disabled it.
    const counts = inService(host, now) || (this.vacating.has(host.id) && serviceUp(host, now));
    const slots = counts ? fitCount(freeRoom(host), this.probe) : 0;
    this.#total += slots - this.#slots[host.id]!;
    this.#slots[host.id] = slots;
    if (this.#total < this.min && this.#off.size > 0 && !this.#kicked) {
      this.#kicked = true;
      this.sim.after(0, this.#kind, 0);
    }
  }

  /** Switches an empty host off if the headroom left without it stays at least `min`; false when it stays on. */
  switchOffIfRoom(host: Host): boolean {
    if (this.#total - this.slotsOn(host) < this.min) return false;
    return this.switchOff(host);
  }

  /** Switches an empty host off for consolidation; false when the cloud refused (it is not empty). */
  switchOff(host: Host): boolean {
    this.vacating.delete(host.id);
    this.nova.hosts.powerOff(host);
    if (host.poweredOn) return false;
    this.#off.add(host.id);
    return true;
  }

  #check(): void {
    this.#kicked = false;
    while (this.#total < this.min && this.#off.size > 0) this.#wake(`headroom of ${this.probe.name} ${this.#total} < ${this.min}`);
  }

  /** Switches the lowest-numbered host consolidation switched off on again, for `reason`; false when none is off. */
  wake(reason: string): boolean {
    const before = this.#off.size;
    this.#wake(reason);
    return this.#off.size < before;
  }

  #wake(reason: string): void {
    if (this.#off.size === 0) return;
    const id = Math.min(...this.#off) as HostId;
    this.#off.delete(id);
    const host = this.nova.cloud.inventory.host(id);
    if (host.poweredOn) return; // someone else switched it on
    tellStep(this.nova.cloud, 'consolidation', host, { action: 'wake_host', outcome: 'accepted', detail: reason });
    this.nova.hosts.powerOn(host);
  }
}
