import type { Nova } from '../cloud/nova.js';
import type { Simulator } from '../engine/simulator.js';
import { reachable, type Host } from '../model/host.js';
import type { HostId } from '../model/ids.js';
import type { Server } from '../model/server.js';
import { HostDrain, type DrainOptions, type DrainServices } from './host-drain.js';
import { ServerMover } from './server-mover.js';
import { tellStep } from './workflow-step.js';
import type { DrainSettings } from './types.js';

/**
 * The drains in progress, one per host at most, and what they share: the
 * mover, the settings, the events that wake them. Any action that ends on
 * a server wakes the drains whose host it is on or just left, so a server
 * that arrives late (a build or a move onto the host that was under way at
 * the disable, a revert) is moved too. O(open drains) per action end.
 */
export class Drains implements DrainServices {
  readonly mover: ServerMover;
  readonly #open = new Map<HostId, HostDrain>();
  readonly #pumpKind: number;
  readonly #retryKind: number;

  constructor(
    readonly sim: Simulator,
    readonly nova: Nova,
    readonly settings: DrainSettings,
  ) {
    this.mover = new ServerMover(sim, nova);
    this.#pumpKind = sim.register('operator-drain', (host) => this.#open.get(host as HostId)?.pump());
    this.#retryKind = sim.register('operator-drain-retry', (host, server) => this.#open.get(host as HostId)?.retryDue(server));
    nova.cloud.onActionEnd((server) => {
      for (const drain of this.#open.values()) drain.serverActionEnded(server);
    });
  }

  /**
   * Disables the host's compute service and starts moving every server
   * off it; null (and a rejected drain_start) when the host is already
   * being drained, or is down or switched off.
   */
  drain(host: Host, options: DrainOptions): HostDrain | null {
    const refusal =
      this.#open.has(host.id) ? 'host is already being drained'
      : !host.poweredOn ? 'host is switched off'
      : !reachable(host) ? 'host is down'
      : null;
    if (refusal !== null) {
      tellStep(this.nova.cloud, options.purpose, host, { action: 'drain_start', outcome: 'rejected', detail: refusal });
      return null;
    }
    const drain = new HostDrain(host, this, options);
    this.#open.set(host.id, drain);
    drain.begin();
    return drain;
  }

  /** The drain in progress on the host, if any. */
  openOn(host: Host): HostDrain | undefined {
    return this.#open.get(host.id);
  }

  /** Wakes the drain after the current event (never from inside another action's row). */
  kick(drain: HostDrain): void {
    this.sim.after(0, this.#pumpKind, drain.host.id);
  }

  /** Wakes the drain for `server` once the retry delay has passed. */
  retryLater(drain: HostDrain, server: Server): void {
    this.sim.after(this.settings.retry_delay, this.#retryKind, drain.host.id, server.id);
  }

  close(drain: HostDrain): void {
    if (this.#open.get(drain.host.id) === drain) this.#open.delete(drain.host.id);
  }
}
