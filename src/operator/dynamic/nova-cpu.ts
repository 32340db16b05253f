import type { FactSink } from '../../cloud/facts.js';
import type { Nova } from '../../cloud/nova.js';
import type { Simulator } from '../../engine/simulator.js';
import { cpuInUse, shareCpu, totalSpeed, type CpuCapacity, type CpuRequest, type MigrationRole } from '../../model/cpu-share.js';
import type { Host } from '../../model/host.js';
import type { HostId, ServerId } from '../../model/ids.js';
import type { Server } from '../../model/server.js';
import { HISTORY_LENGTH, type Resident, type ServerLoad } from './types.js';

/** What novasim's own CPU model needs of the scenario. */
export interface NovaCpuSettings {
  /** A host's cores and the speed of each (MIPS, or 1: vCPU-seconds). */
  readonly capacityOf: (host: Host) => CpuCapacity;
  /** The speed of each vCPU of the server's flavor, in the hosts' unit. */
  readonly speedOf: (server: Server) => number;
  /** The server's demand over time, a fraction of its flavor's CPU; null: it asks for none. Asked once per server. */
  readonly demandOf: (server: Server) => { at(t: number): number } | null;
  /** What shares are floored to (1: whole MIPS; 0: none). */
  readonly quantum: number;
}

/** A server's CPU as the model keeps it. */
interface ServerCpu {
  readonly demand: { at(t: number): number } | null;
  /** Speed asked per vCPU at `at`, with the server ACTIVE then or not. */
  requested: number;
  at: number;
  active: boolean;
  /** Demand samples, newest first, one per regular update, at most HISTORY_LENGTH. */
  readonly history: number[];
  historyAt: number;
  /** The hosts it had an entry on at its last share (a move's source and destination). */
  hosts: readonly HostId[];
}

interface Entry {
  readonly server: Server;
  readonly role: MigrationRole;
}

/** A host's CPU after its last share. */
interface HostCpu {
  entries: readonly Entry[];
  used: number;
}

/**
 * Servers that use CPU in Nova's cloud (operator.dynamic_consolidation,
 * model nova): every Nova server with a demand asks demand(t) x its
 * flavor's speed per vCPU while ACTIVE, nothing otherwise (building,
 * stopped, paused, shelved). A host's CPU is shared among the servers on it
 * by model/cpu-share.ts (the same oversubscription rule as the
 * CloudSim-compatible cloud): a live migration whose copy runs (it holds a
 * max_concurrent_live_migrations slot) gives the server 90 % of its share
 * on the source and reserves 10 % on the destination; one waiting in line
 * runs on its source as before. A switched-off or failed host gives nothing.
 *
 * Shares are computed again at every regular update (`shareAll`, which also
 * takes each server's history sample) and, between them, for the hosts a
 * change touched (a server action ending on them, a host changing state, a
 * live migration's copy starting), once per instant. Each share tells host_cpu and the running servers'
 * server_cpu facts: the SLA, energy and load figures follow them. Between
 * two shares a host's allocation holds. O(servers on the host) per share.
 */
export class NovaCpu {
  readonly #servers = new Map<ServerId, ServerCpu>();
  readonly #hosts: HostCpu[];
  readonly #dirty = new Set<HostId>();
  readonly #kind: number;

  constructor(
    private readonly sim: Simulator,
    private readonly nova: Nova,
    private readonly facts: FactSink,
    private readonly settings: NovaCpuSettings,
  ) {
    const { inventory } = nova.cloud;
    this.#hosts = inventory.hosts.map(() => ({ entries: [], used: 0 }));
    this.#kind = sim.register('cpu-share', () => this.#shareDirty());
    inventory.observe({ hostChanged: (host) => this.#touch(host.id) });
    nova.cloud.onActionEnd((server) => {
      for (const h of this.#servers.get(server.id)?.hosts ?? []) this.#touch(h);
      if (server.host !== null) this.#touch(server.host);
    });
    // A live migration's copy starts (at once or from the line): its source and destination share again.
    nova.liveMigrations.onTurn((server) => {
      const m = server.migration;
      if (m === null || m.kind !== 'live-migration') return;
      this.#touch(m.sourceHost);
      this.#touch(m.destHost);
    });
  }

  /** Shares every host's CPU now; `sample` also takes each running server's history sample (a regular update). O(hosts + servers). */
  shareAll(sample: boolean): void {
    const t = this.sim.now;
    if (sample) {
      for (const host of this.nova.cloud.inventory.hosts)
        for (const e of this.#entriesOf(host)) if (e.role !== 'in') this.#sample(e.server, t);
    }
    for (const host of this.nova.cloud.inventory.hosts) this.#share(host, t);
    this.#dirty.clear();
  }

  /** The host's cores and their speed. */
  capacityOf(host: Host): CpuCapacity {
    return this.settings.capacityOf(host);
  }

  /** The host's CPU in use over its capacity at its last share. */
  utilisation(host: Host): number {
    return this.#hosts[host.id]!.used / totalSpeed(this.settings.capacityOf(host));
  }

  /** The host's servers at its last share, as the consolidation policies see them; `movable` says which may be chosen. */
  residents(host: Host, movable: (server: Server) => boolean): Resident[] {
    return this.#hosts[host.id]!.entries.map((e) => ({ server: this.#load(e.server, e.role === 'none' && movable(e.server)), role: e.role }));
  }

  #load(server: Server, movable: boolean): ServerLoad {
    const cpu = this.#cpu(server);
    const ramMb = server.flavor.ramMb;
    return { id: server.id, vcpus: server.flavor.vcpus, speed: this.settings.speedOf(server), ramMb, ramClaimMb: ramMb, requested: cpu.requested, history: cpu.history, migrating: !movable };
  }

  #touch(host: HostId): void {
    if (this.#dirty.size === 0) this.sim.after(0, this.#kind, 0);
    this.#dirty.add(host);
  }

  #shareDirty(): void {
    const hosts = [...this.#dirty].sort((a, b) => a - b);
    this.#dirty.clear();
    const t = this.sim.now;
    for (const id of hosts) this.#share(this.nova.cloud.inventory.host(id), t);
  }

  /** The servers on the host that use its CPU, in the host's list order, with their part in a live migration. */
  #entriesOf(host: Host): Entry[] {
    if (!host.poweredOn || !host.alive) return [];
    const entries: Entry[] = [];
    for (const id of host.servers) {
      const server = this.nova.cloud.inventory.servers[id]!;
      const m = server.migration;
      const copying = m !== null && m.kind === 'live-migration' && !m.switched && this.nova.liveMigrations.holds(server);
      if (server.host === host.id) entries.push({ server, role: copying ? 'out' : 'none' });
      else if (copying && m.destHost === host.id) entries.push({ server, role: 'in' });
    }
    return entries;
  }

  #share(host: Host, t: number): void {
    const entries = this.#entriesOf(host);
    const capacity = this.settings.capacityOf(host);
    const requests: CpuRequest[] = entries.map((e) => ({ perVcpu: this.#requestedAt(e.server, t), vcpus: e.server.flavor.vcpus, role: e.role }));
    const shares = shareCpu(capacity, requests, this.settings.quantum);
    let requested = 0;
    entries.forEach((e, i) => {
      const asked = requests[i]!.perVcpu * e.server.flavor.vcpus;
      requested += asked;
      if (e.role !== 'in') this.facts.emit({ type: 'server_cpu', time: t, server: e.server.id, allocatedMips: shares.allocated[i]!, requestedMips: asked, migrating: e.role === 'out' });
    });
    // Leaving the host's old entries, a server keeps the hosts it is on now.
    for (const e of this.#hosts[host.id]!.entries) this.#forget(e.server, host.id);
    for (const e of entries) this.#remember(e.server, host.id);
    const used = cpuInUse(requests, shares);
    this.#hosts[host.id] = { entries, used };
    this.facts.emit({ type: 'host_cpu', time: t, host: host.id, allocatedMips: used, requestedMips: requested, capacityMips: totalSpeed(capacity) });
  }

  /** Speed asked per vCPU at t: its demand times its flavor's speed while ACTIVE, else nothing. */
  #requestedAt(server: Server, t: number): number {
    const cpu = this.#cpu(server);
    const active = server.vmState === 'active';
    if (cpu.at !== t || cpu.active !== active) {
      cpu.at = t;
      cpu.active = active;
      cpu.requested = active && cpu.demand !== null ? cpu.demand.at(t) * this.settings.speedOf(server) : 0;
    }
    return cpu.requested;
  }

  #sample(server: Server, t: number): void {
    const cpu = this.#cpu(server);
    if (cpu.historyAt === t) return;
    cpu.historyAt = t;
    cpu.history.unshift(this.#requestedAt(server, t) / this.settings.speedOf(server));
    if (cpu.history.length > HISTORY_LENGTH) cpu.history.pop();
  }

  #cpu(server: Server): ServerCpu {
    let cpu = this.#servers.get(server.id);
    if (cpu === undefined) {
      cpu = { demand: this.settings.demandOf(server), requested: 0, at: Number.NaN, active: false, history: [], historyAt: Number.NaN, hosts: [] };
      this.#servers.set(server.id, cpu);
    }
    return cpu;
  }

  #forget(server: Server, host: HostId): void {
    const cpu = this.#servers.get(server.id);
    if (cpu !== undefined) cpu.hosts = cpu.hosts.filter((h) => h !== host);
  }

  #remember(server: Server, host: HostId): void {
    const cpu = this.#cpu(server);
    if (!cpu.hosts.includes(host)) cpu.hosts = [...cpu.hosts, host];
  }
}
