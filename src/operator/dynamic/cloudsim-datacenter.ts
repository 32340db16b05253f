import type { FactSink } from '../../cloud/facts.js';
import type { Simulator } from '../../engine/simulator.js';
import { shareCpu, totalSpeed, type CpuCapacity, type MigrationRole } from '../../model/cpu-share.js';
import type { HostId } from '../../model/ids.js';
import { placeInitially } from './initial-placement.js';
import { planRound, type ConsolidationPolicy } from './plan-round.js';
import { HISTORY_LENGTH, type HostLoad, type ServerLoad } from './types.js';

/** One host of the CloudSim-compatible cloud, as the scenario builds it. */
export interface DatacenterHost {
  readonly cpu: CpuCapacity;
  readonly ramMb: number;
  /** Its link, kbit/s: a migration to it copies RAM over half of it. */
  readonly bandwidthKbitS: number;
  /** Watts at a CPU utilisation in [0, 1] (its SPECpower table, read as CloudSim reads it). */
  readonly watts: (utilisation: number) => number;
}

/** One trace server: its flavor's CPU and RAM, and its demand over time (a fraction of its flavor's CPU). */
export interface DatacenterServer {
  readonly vcpus: number;
  /** Speed of each vCPU, MIPS. */
  readonly speed: number;
  readonly ramMb: number;
  readonly demand: { at(t: number): number };
}

/** How the datacenter runs. */
export interface DatacenterSettings {
  /** Seconds between updates (and consolidation rounds). */
  readonly interval: number;
  /** Seconds after each interval's end the update runs at (CloudSim: 0.1). */
  readonly offset: number;
  /** When the servers are created. */
  readonly start: number;
  /** No update at or after this time (CloudSim's terminateSimulation). */
  readonly end: number;
  /** The consolidating policy; null for NPA and DVFS, which migrate nothing and place by first fit. */
  readonly policy: ConsolidationPolicy | null;
  /** Seconds a migration of `ramMb` to a host of `bandwidthKbitS` takes. */
  readonly migrationSeconds: (ramMb: number, bandwidthKbitS: number) => number;
}

interface Server {
  readonly id: number;
  readonly spec: DatacenterServer;
  host: number;
  migrating: boolean;
  /** Speed asked per vCPU at the last update. */
  requested: number;
  history: number[];
  historyAt: number;
}

interface Entry {
  readonly server: Server;
  readonly arriving: boolean;
}

interface Host {
  readonly id: number;
  readonly spec: DatacenterHost;
  /** Its servers in list order (the order CPU is shared in), those arriving in a migration included. */
  readonly entries: Entry[];
  used: number;
}

interface Migration {
  readonly at: number;
  readonly start: number;
  readonly server: Server;
  readonly to: Host;
  readonly seq: number;
}

/**
 * CloudSim 3.0.3's PowerDatacenter cycle in novasim's event loop, for the
 * Beloglazov-Buyya benchmark (operator.dynamic_consolidation, model
 * cloudsim): at each update (k x interval + offset) every host shares its
 * CPU among its servers' requests and tells it (host_cpu, server_cpu, then
 * datacenter_update: the metrics integrate energy and SLA from these), a
 * server asking for exactly nothing is deleted as CloudSim deletes it, and
 * a consolidation round starts its moves at once. A move lands after
 * CloudSim's migration time, with an update of every host before and after
 * it. The servers are the trace's, held here by their position in its
 * order, not Nova's records: Nova's API, scheduler and claims are not in
 * this loop (see docs/consolidation.md). O(hosts + servers) per update.
 */
export class CloudsimDatacenter {
  readonly #hosts: Host[];
  readonly #servers: Server[];
  readonly #updateKind: number;
  readonly #landKind: number;
  readonly #startKind: number;
  #inFlight: Migration[] = [];
  #lastUpdate = 0;
  #started = 0;

  constructor(
    private readonly sim: Simulator,
    private readonly facts: FactSink,
    hosts: readonly DatacenterHost[],
    servers: readonly DatacenterServer[],
    private readonly settings: DatacenterSettings,
  ) {
    this.#hosts = hosts.map((spec, id) => ({ id, spec, entries: [], used: 0 }));
    this.#servers = servers.map((spec, id) => ({ id, spec, host: -1, migrating: false, requested: spec.speed, history: [], historyAt: 0 }));
    this.#updateKind = sim.register('datacenter-update', (k) => this.#update(k));
    this.#landKind = sim.register('migration-landed', () => this.#land());
    this.#startKind = sim.register('datacenter-start', () => this.#place());
  }

  /** Schedules the servers' creation and the first update. */
  start(): void {
    this.sim.at(this.settings.start, this.#startKind, 0);
  }

  /** The start's placement (PABFD, or first fit for NPA and DVFS), then the first update after it. */
  #place(): void {
    const policy = this.settings.policy;
    const initial = placeInitially(
      this.#hosts.map((h) => this.#load(h)),
      this.#servers.map((s) => ({ ...this.#serverLoad(s), ramClaimMb: s.spec.ramMb, requested: s.spec.speed })),
      policy === null ? { kind: 'first-fit' } : { kind: 'pabfd', detector: policy.detector },
    );
    for (const m of initial.placed) {
      const server = this.#servers[m.server]!;
      server.host = m.to;
      this.#hosts[m.to]!.entries.push({ server, arriving: false });
    }
    this.facts.emit({ type: 'trace_servers_placed', time: this.sim.now, servers: this.#servers.length, unplaced: initial.unplaced.length });
    this.#lastUpdate = this.sim.now;
    const { interval, offset, end } = this.settings;
    // Updates stay on CloudSim's grid (k x interval + offset, k >= 1): the first after the start is 300.1 s for servers created at 0.
    const k = Math.floor(this.sim.now / interval) + 1;
    if (k * interval + offset < end) this.sim.at(k * interval + offset, this.#updateKind, k);
  }

  #update(k: number): void {
    const { interval, offset, end } = this.settings;
    // The next update is scheduled first, so moves landing at its very instant land after it, as in CloudSim.
    const next = (k + 1) * interval + offset;
    if (next < end) this.sim.at(next, this.#updateKind, k + 1);
    const t = this.sim.now;
    this.#updateAll(t);
    this.#startRound(t);
  }

  /** PowerDatacenter's update: every host, the energy interval, the deletion of servers asking for nothing. */
  #updateAll(t: number): void {
    for (const h of this.#hosts) this.#updateHost(h, t);
    this.facts.emit({ type: 'datacenter_update', time: t, seconds: t - this.#lastUpdate });
    this.#deleteIdle(t);
    this.#lastUpdate = t;
  }

  /** HostDynamicWorkload.updateVmsProcessing: new requests, new shares, and the host's and servers' CPU told. */
  #updateHost(h: Host, t: number): void {
    const { interval, offset } = this.settings;
    for (const { server } of h.entries) {
      const u = server.spec.demand.at(t);
      server.requested = u * server.spec.speed;
      // A server's history takes one sample per regular update, newest first.
      if (t > server.historyAt && (t - offset) % interval === 0) {
        server.history.unshift(u);
        if (server.history.length > HISTORY_LENGTH) server.history.pop();
        server.historyAt = t;
      }
    }
    const shares = shareCpu(
      h.spec.cpu,
      h.entries.map((e) => ({ perVcpu: e.server.requested, vcpus: e.server.spec.vcpus, role: roleOf(e) })),
    );
    let used = 0;
    let requested = 0;
    h.entries.forEach((e, i) => {
      let got = shares.allocated[i]!;
      const asked = totalOf(e.server);
      if (!e.arriving) {
        this.facts.emit({ type: 'server_cpu', time: t, server: e.server.id, allocatedMips: got, requestedMips: asked, migrating: e.server.migrating });
        // The source still counts a leaving server's whole share: it is what its power follows.
        if (e.server.migrating) got /= 0.9;
      }
      used += got;
      requested += asked;
    });
    h.used = used;
    this.facts.emit({ type: 'host_cpu', time: t, host: h.id as HostId, allocatedMips: used, requestedMips: requested, capacityMips: capacityOf(h) });
  }

  /** CloudSim counts a server asking for exactly nothing as finished and deletes it (research/cloudsim-planetlab-20110303.md). */
  #deleteIdle(t: number): void {
    for (const h of this.#hosts) {
      for (let i = h.entries.length - 1; i >= 0; i--) {
        const e = h.entries[i]!;
        if (e.arriving || e.server.migrating || e.server.requested !== 0) continue;
        h.entries.splice(i, 1);
        this.facts.emit({ type: 'trace_server_deleted', time: t, server: e.server.id, host: h.id as HostId });
      }
    }
  }

  /** A consolidation round on the hosts as the update left them; its moves start now. */
  #startRound(t: number): void {
    const policy = this.settings.policy;
    if (policy === null) return;
    for (const move of planRound(this.#hosts.map((h) => this.#load(h)), policy)) {
      const server = this.#servers[move.server]!;
      const to = this.#hosts[move.to]!;
      server.migrating = true;
      // A server moved twice in one round arrives once per destination; only a new arrival re-shares CPU.
      if (!to.entries.some((e) => e.server === server && e.arriving)) {
        to.entries.push({ server, arriving: true });
        this.#updateHost(to, t);
        this.#updateHost(this.#hosts[server.host]!, t);
      }
      this.#started++;
      const at = t + this.settings.migrationSeconds(server.spec.ramMb, to.spec.bandwidthKbitS);
      this.#inFlight.push({ at, start: t, server, to, seq: this.#started });
      this.sim.at(at, this.#landKind, server.id);
    }
  }

  /** Datacenter.processVmMigrate for every move landing now (the first event of the instant takes them all), with the updates around them. */
  #land(): void {
    const at = this.sim.now;
    const batch = this.#inFlight.filter((m) => m.at === at).sort((a, b) => a.seq - b.seq);
    if (batch.length === 0) return;
    this.#inFlight = this.#inFlight.filter((m) => m.at !== at);
    if (at > this.#lastUpdate) this.#updateAll(at);
    for (const { server, to, start } of batch) {
      const from = this.#hosts[server.host]!;
      const i = from.entries.findIndex((e) => e.server === server && !e.arriving);
      if (i >= 0) from.entries.splice(i, 1);
      to.entries.splice(to.entries.findIndex((e) => e.server === server && e.arriving), 1);
      to.entries.push({ server, arriving: false });
      this.facts.emit({ type: 'cpu_migration', time: at, server: server.id, source: from.id as HostId, destination: to.id as HostId, start, ramMb: server.spec.ramMb });
      server.host = to.id;
      server.migrating = false;
    }
    for (const h of this.#hosts) this.#updateHost(h, at);
    this.#deleteIdle(at);
  }

  #load(h: Host): HostLoad {
    return {
      id: h.id,
      cpu: h.spec.cpu,
      ramMb: h.spec.ramMb,
      utilisation: h.used / capacityOf(h),
      watts: h.spec.watts,
      servers: h.entries.map((e) => ({ server: this.#serverLoad(e.server), role: roleOf(e) })),
    };
  }

  /** After its creation a server asks for no RAM: consolidation packs CPU only (SETUP.md section 2). */
  #serverLoad(s: Server): ServerLoad {
    return { id: s.id, vcpus: s.spec.vcpus, speed: s.spec.speed, ramMb: s.spec.ramMb, ramClaimMb: 0, requested: s.requested, history: s.history, migrating: s.migrating };
  }
}

const roleOf = (e: Entry): MigrationRole => (e.arriving ? 'in' : e.server.migrating ? 'out' : 'none');

/** A host's speed, added core by core as CloudSim does. */
const capacityOf = (h: Host): number => totalSpeed(h.spec.cpu);

/** A server's request over all its vCPUs, added vCPU by vCPU. */
function totalOf(s: Server): number {
  let total = 0;
  for (let v = 0; v < s.spec.vcpus; v++) total += s.requested;
  return total;
}
