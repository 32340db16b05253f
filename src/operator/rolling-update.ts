import type { Nova } from '../cloud/nova.js';
import type { Simulator } from '../engine/simulator.js';
import { inService } from '../model/capacity.js';
import { reachable, type Host } from '../model/host.js';
import type { HostId } from '../model/ids.js';
import type { Drains } from './drains.js';
import { serverCount, type DrainEnd, type HostDrain } from './host-drain.js';
import type { HostUpdates } from './host-updates.js';
import { mayStayThroughReboot } from './move-choice.js';
import type { MovePlanner, RollingUpdateSettings } from './types.js';
import { tellStep } from './workflow-step.js';

/**
 * A rolling update of every host, as the seed describes it: a host not yet
 * updated is disabled and its servers are migrated to hosts already updated
 * (any updated host in service that the scheduler accepts; the fullest
 * first, so servers gather on the fewest of them), or, while none can take
 * them, wherever the scheduler puts them (those move again later). The
 * empty host is then updated and rebooted, enabled again, and becomes a
 * target for the next rounds. `pool_size` hosts are out of service at once
 * (being drained or updated); at the start none is updated, so the first
 * hosts' servers go to the others. A drain that stalls with only servers
 * that do not run (or are in ERROR) left lets them stay through the
 * reboot (the seed: they are available after it); one that stalls with
 * running servers left waits, and is retried whenever an updated host
 * comes back into service.
 * Each host is updated exactly once; a host that is down when its turn
 * comes is passed over until it is back.
 */
export class RollingUpdate {
  readonly #startKind: number;
  #pending: Host[] = [];
  readonly #inPool = new Map<HostId, HostDrain | null>();
  readonly #updated: Host[] = [];
  #startedAt = -1;
  #finished = false;

  constructor(
    private readonly sim: Simulator,
    private readonly nova: Nova,
    private readonly drains: Drains,
    private readonly updates: HostUpdates,
    private readonly settings: RollingUpdateSettings,
    private readonly planner: MovePlanner,
  ) {
    this.#startKind = sim.register('operator-rolling-update', () => this.#begin());
  }

  start(): void {
    this.sim.at(this.settings.start, this.#startKind, 0);
    this.nova.hosts.subscribe({ recovered: () => this.#fill() });
  }

  #begin(): void {
    this.#startedAt = this.sim.now;
    this.#pending = [...this.nova.cloud.inventory.hosts];
    const first = this.#next();
    const reason = `pool of ${this.settings.pool_size}, ${this.#pending.length} hosts, update takes ${this.settings.update_duration} s`;
    this.#fact(first ?? this.#pending[0]!, 'rolling_update_start', 'accepted', reason);
    this.#fill();
  }

  /** Takes hosts into the pool until it is full or no host can be taken now. */
  #fill(): void {
    if (this.#startedAt < 0 || this.#finished) return;
    while (this.#inPool.size < this.settings.pool_size) {
      const host = this.#next();
      if (host === undefined || !this.#take(host)) break;
    }
    if (this.#pending.length === 0 && this.#inPool.size === 0) this.#finish();
  }

  /** The next host by `order` among those that can be taken now (up, or switched off: it is empty). */
  #next(): Host | undefined {
    const takeable = (h: Host): boolean => (reachable(h) || !h.poweredOn) && this.drains.openOn(h) === undefined;
    if (this.settings.order === 'file') return this.#pending.find(takeable);
    let best: Host | undefined;
    for (const h of this.#pending) if (takeable(h) && (best === undefined || h.servers.size < best.servers.size)) best = h;
    return best;
  }

  /** Starts draining the host; false when the drain was refused (the host stays pending). */
  #take(host: Host): boolean {
    this.#pending = this.#pending.filter((h) => h !== host);
    if (!host.poweredOn) this.nova.hosts.powerOn(host); // switched off by consolidation: boot it to update it
    const drain = this.drains.drain(host, {
      purpose: 'rolling update',
      moveStopped: this.settings.inactive === 'migrate',
      target: (server) => {
        const targets = this.#updated.filter((h) => inService(h, this.sim.now));
        return targets.length === 0 ? undefined : (this.planner(server, { only: targets }) ?? undefined);
      },
      settled: (d, end) => this.#drainSettled(d, end),
    });
    if (drain === null) {
      this.#pending.push(host);
      return false;
    }
    this.#inPool.set(host.id, drain);
    return true;
  }

  #drainSettled(drain: HostDrain, end: DrainEnd): void {
    if (end === 'stalled') {
      const left = [...drain.host.servers].map((id) => this.nova.cloud.inventory.servers[id]!);
      if (!left.every(mayStayThroughReboot)) return; // running servers left: wait for room
      drain.complete(`${serverCount(left.length)} not running or in ERROR ${left.length === 1 ? 'stays' : 'stay'} through the update`);
    }
    this.#inPool.set(drain.host.id, null);
    this.updates.update(drain.host, this.settings.update_duration, 'rolling update', () => this.#hostUpdated(drain));
  }

  #hostUpdated(drain: HostDrain): void {
    const host = drain.host;
    this.#updated.push(host);
    this.#inPool.delete(host.id);
    if (drain.wasEnabled) this.nova.hosts.setEnabled(host, true);
    for (const waiting of this.#inPool.values()) waiting?.retry(); // room came back: stalled drains try again
    this.#fill();
  }

  #finish(): void {
    this.#finished = true;
    const last = this.#updated[this.#updated.length - 1]!;
    this.#fact(last, 'rolling_update_done', 'completed', `${this.#updated.length} hosts updated in ${Math.round(this.sim.now - this.#startedAt)} s`);
  }

  #fact(host: Host, action: 'rolling_update_start' | 'rolling_update_done', outcome: 'accepted' | 'completed', detail: string): void {
    tellStep(this.nova.cloud, 'rolling update', host, { action, outcome, detail });
  }
}
