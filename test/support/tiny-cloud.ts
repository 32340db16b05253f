/**
 * A small simulated Nova for tests: a handful of identical hosts (ratios 1,
 * nothing reserved), two flavors, one image, two projects, Nova's defaults
 * (overridable), the first-fit scheduler, the default durations (all fixed,
 * so runs are deterministic) and a listener on its fact bus that keeps
 * every fact, as rows that name their server and hosts (records looked up
 * by id) so tests read them as events.csv would.
 */
import { RandomStreams } from '../../src/engine/random.js';
import { Simulator } from '../../src/engine/simulator.js';
import { NOVA_DEFAULTS, type NovaConfig } from '../../src/cloud/config.js';
import { DEFAULT_DURATIONS, type DurationKey, type DurationSpec } from '../../src/cloud/durations.js';
import type { HostAction, OperatorAction } from '../../src/cloud/fact-names.js';
import type { BuildFailureFact, Fact, MoveFact, Outcome, PlacementFact, ServerAction, ServerFact } from '../../src/cloud/facts.js';
import { buildNova, type Nova } from '../../src/cloud/nova.js';
import { Bus } from '../../src/engine/bus.js';
import type { ProjectQuota, ServerLimits } from '../../src/model/compute-limits.js';
import type { SubmittedRequest } from '../../src/lifecycle/admit.js';
import type { Flavor, Image } from '../../src/model/catalog.js';
import { makeHost, type Host } from '../../src/model/host.js';
import type { HostId } from '../../src/model/ids.js';
import { Inventory } from '../../src/model/inventory.js';
import type { RequestedNetworks, SubnetSpec } from '../../src/model/network.js';
import { zero, type Resources } from '../../src/model/resources.js';
import type { Server } from '../../src/model/server.js';
import type { PowerState, TaskState, VmState } from '../../src/model/states.js';
import { SCHEDULER_DEFAULTS, type SchedulerConfig } from '../../src/scheduling/config.js';
import { makeScheduler } from '../../src/scheduling/registry.js';

/** A server's row (or a refused request's), with the state its fact carries after it. */
export interface Row {
  /** Index of the row in the run's log. */
  readonly seq: number;
  readonly time: number;
  /** null for a request refused before any server record answered for it. */
  readonly server: Server | null;
  readonly serverName: string;
  readonly action: ServerAction;
  readonly outcome: Outcome;
  readonly status: string;
  readonly previousStatus: string;
  readonly reason: string;
  readonly httpStatus: ServerFact['httpStatus'];
  readonly elapsed: number;
  readonly asAdmin: boolean;
  readonly vmState: VmState | null;
  readonly taskState: TaskState;
  readonly powerState: PowerState | null;
  readonly host: HostId | null;
  /** Every host's `used`, copied when the row was emitted. */
  readonly hostsUsed: readonly Resources[];
}

/** A host fact or an operator's step, as events.csv shows it (an operator step's reason names its workflow). */
export interface HostRow {
  readonly time: number;
  readonly host: Host;
  readonly action: HostAction | OperatorAction;
  readonly outcome: Outcome;
  readonly reason: string;
  readonly server: Server | null;
}

/** A placement, a failed build and an ended move, with the records of the server and hosts they name. */
export type PlacementRow = Omit<PlacementFact, 'type' | 'server' | 'host'> & { readonly server: Server; readonly host: Host | null };
export type BuildFailureRow = Omit<BuildFailureFact, 'type' | 'server' | 'host'> & { readonly server: Server; readonly host: Host };
export type MoveRow = Omit<MoveFact, 'type' | 'server' | 'source' | 'destination'> & {
  readonly server: Server;
  readonly source: Host;
  readonly destination: Host | null;
};

export interface HostSpec {
  readonly name: string;
  readonly vcpus: number;
  readonly ramMb: number;
  readonly diskGb: number;
  readonly buildFailureProbability?: number;
  readonly sharedStorage?: boolean;
  /** Gb/s of the host's link to the image service; default INSTANT_LINK. */
  readonly linkGbps?: number;
  /** MB/s for moves (disk and memory copies); default INSTANT_LINK. */
  readonly migrationBandwidthMbS?: number;
}

export interface TinyCloudOptions {
  readonly config?: Partial<NovaConfig>;
  /** A host count (identical 8 vCPU / 16 GiB / 200 GB hosts named compute-0...) or explicit hosts. */
  readonly hosts?: number | readonly HostSpec[];
  readonly seed?: number;
  readonly durations?: Partial<Record<DurationKey, DurationSpec>>;
  /** Scheduler options over Nova's defaults; the policy defaults to first_fit so tests know where servers land. */
  readonly scheduler?: Partial<SchedulerConfig>;
  /** Networks (made first) and pre-created ports, as a scenario's `networks:` and `ports:` give them. */
  readonly networks?: readonly { readonly name: string; readonly subnets: readonly SubnetSpec[] }[];
  readonly ports?: readonly { readonly name: string; readonly network: string; readonly fixedIp?: string }[];
  /** What one request may carry (default Nova's) and the projects' quotas by name (default: none enforced). */
  readonly limits?: ServerLimits;
  readonly quotas?: Readonly<Record<string, ProjectQuota>>;
}

/** The steady vm_states a server can be driven into by API requests. */
export const STEADY_STATES = [
  'active', 'stopped', 'paused', 'suspended', 'rescued', 'resized', 'shelved', 'shelved_offloaded',
  'soft-delete', 'error', 'deleted',
] as const satisfies readonly VmState[];
export type SteadyState = (typeof STEADY_STATES)[number];

export type SubmittableAction = SubmittedRequest['action'];
/** A request's fields beyond its action and server, as a client may send them. */
export type ActionParams = Omit<SubmittedRequest, 'action' | 'server' | 'asAdmin' | 'periodic'>;

export const SMALL = 'm1.small';
export const LARGE = 'm1.large';
export const IMAGE = 'cirros';
export const OWNER = 'alpha';
export const OTHER_PROJECT = 'beta';

/**
 * Hosts download images, and copy disks and memory for moves, instantly unless
 * a test gives them a link: the lifecycle tests then read the build and move
 * times straight from the durations table (a live migration takes no time).
 */
export const INSTANT_LINK = Number.POSITIVE_INFINITY;

export const DEFAULT_HOST: Omit<HostSpec, 'name'> = { vcpus: 8, ramMb: 16384, diskGb: 200 };

export class TinyCloud {
  readonly sim = new Simulator();
  readonly inventory = new Inventory();
  readonly config: NovaConfig;
  readonly nova: Nova;
  readonly facts = new Bus<Fact>();
  readonly rows: Row[] = [];
  readonly hostFacts: HostRow[] = [];
  readonly placements: PlacementRow[] = [];
  readonly buildFailures: BuildFailureRow[] = [];
  /** Moves that ended (migrations.csv's facts), in order. */
  readonly migrations: MoveRow[] = [];
  readonly small: Flavor;
  readonly large: Flavor;
  readonly image: Image;
  #stopWhen: (() => boolean) | null = null;

  constructor(options: TinyCloudOptions = {}) {
    this.config = { ...NOVA_DEFAULTS, ...options.config };
    const hosts =
      typeof options.hosts === 'object'
        ? options.hosts
        : Array.from({ length: options.hosts ?? 3 }, (_, i) => ({ name: `compute-${i}`, ...DEFAULT_HOST }));
    const ones = { vcpus: 1, ramMb: 1, diskGb: 1 };
    for (const h of hosts) {
      this.inventory.addHost((id) =>
        makeHost(id, h.name, { vcpus: h.vcpus, ramMb: h.ramMb, diskGb: h.diskGb }, zero(), ones, { aggregates: [], buildFailureProbability: h.buildFailureProbability ?? 0, sharedStorage: h.sharedStorage ?? false, linkGbps: h.linkGbps ?? INSTANT_LINK, migrationBandwidthMbS: h.migrationBandwidthMbS ?? INSTANT_LINK }),
      );
    }
    this.small = this.inventory.addFlavor({ name: SMALL, vcpus: 1, ramMb: 2048, diskGb: 20 });
    this.large = this.inventory.addFlavor({ name: LARGE, vcpus: 4, ramMb: 8192, diskGb: 80 });
    this.image = this.inventory.addImage({ name: IMAGE, sizeGb: 1 });
    this.inventory.addImage({ name: 'ubuntu', sizeGb: 3 });
    this.inventory.addProject(OWNER);
    this.inventory.addProject(OTHER_PROJECT);
    for (const n of options.networks ?? []) this.inventory.networks.addNetwork(n.name, n.subnets);
    for (const p of options.ports ?? []) this.inventory.networks.addPort(p.name, this.inventory.networks.network(p.network)!, p.fixedIp);
    this.#record();
    this.nova = buildNova({
      sim: this.sim,
      inventory: this.inventory,
      config: this.config,
      scheduler: makeScheduler({ ...SCHEDULER_DEFAULTS, policy: 'first_fit', ...options.scheduler }, this.inventory),
      durations: { ...DEFAULT_DURATIONS, ...options.durations },
      streams: new RandomStreams(options.seed ?? 1),
      facts: this.facts,
      ...(options.limits ? { limits: options.limits } : {}),
      ...(options.quotas ? { quotas: options.quotas } : {}),
    });
  }

  /** Keeps every fact, naming its server and hosts by their records. */
  #record(): void {
    const server = (id: number): Server => this.inventory.servers[id]!;
    const host = (id: number): Host => this.inventory.hosts[id]!;
    const row = (fact: Omit<Row, 'seq' | 'hostsUsed'>): void => {
      this.rows.push({ ...fact, seq: this.rows.length, hostsUsed: this.inventory.hosts.map((h) => ({ ...h.used })) });
      this.#check();
    };
    this.facts.on('server', ({ type: _, before, name, ...fact }) =>
      row({ ...fact, server: server(fact.server), serverName: name, previousStatus: before.status }),
    );
    this.facts.on('refused_request', ({ type: _, name, ...fact }) =>
      row({ ...fact, server: null, serverName: name, outcome: 'rejected', status: '', previousStatus: '', elapsed: 0, vmState: null, taskState: null, powerState: null, host: null }),
    );
    const hostRow = (fact: Omit<HostRow, 'host' | 'server'> & { readonly host: HostId; readonly server: number | null }): void => {
      this.hostFacts.push({ ...fact, host: host(fact.host), server: fact.server === null ? null : server(fact.server) });
      this.#check();
    };
    this.facts.on('host', ({ type: _, ...fact }) => hostRow(fact));
    this.facts.on('operator', ({ type: _, workflow, detail, ...fact }) => hostRow({ ...fact, reason: `${workflow}: ${detail}` }));
    this.facts.on('placement', ({ type: _, ...fact }) =>
      this.placements.push({ ...fact, server: server(fact.server), host: fact.host === null ? null : host(fact.host) }),
    );
    this.facts.on('build_failure', ({ type: _, ...fact }) => this.buildFailures.push({ ...fact, server: server(fact.server), host: host(fact.host) }));
    this.facts.on('move', ({ type: _, ...fact }) =>
      this.migrations.push({ ...fact, server: server(fact.server), source: host(fact.source), destination: fact.destination === null ? null : host(fact.destination) }),
    );
  }

  get now(): number {
    return this.sim.now;
  }

  /** Stops the simulator after the current event once the awaited condition holds. */
  #check(): void {
    if (this.#stopWhen?.() === true) this.sim.stop();
  }

  host(name: string): Host {
    const host = this.inventory.hostNamed(name);
    if (host === undefined) throw new Error(`no host ${name}`);
    return host;
  }

  hostOf(server: Server): Host {
    if (server.host === null) throw new Error(`${server.name} has no host`);
    return this.inventory.host(server.host);
  }

  /** Rows of one server (by name), in order. */
  rowsOf(server: Server | string): Row[] {
    const name = typeof server === 'string' ? server : server.name;
    return this.rows.filter((r) => r.serverName === name);
  }

  /** Issues POST /servers without running the simulator; null when the API refused it. */
  request(
    name: string,
    opts: {
      flavor?: string; project?: string; asAdmin?: boolean; bootFromVolume?: boolean; image?: string; group?: string; availabilityZone?: string;
      networks?: RequestedNetworks; accessIPv4?: string; accessIPv6?: string; dirtyRateMbS?: number;
    } = {},
  ): Server | null {
    const made = this.nova.api.create({
      action: 'create',
      server: name,
      project: opts.project ?? OWNER,
      flavor: opts.flavor ?? SMALL,
      image: opts.image ?? IMAGE,
      asAdmin: opts.asAdmin ?? false,
      boot_from_volume: opts.bootFromVolume,
      group: opts.group,
      availability_zone: opts.availabilityZone,
      networks: opts.networks,
      access_ip_v4: opts.accessIPv4,
      access_ip_v6: opts.accessIPv6,
      dirty_rate_mb_s: opts.dirtyRateMbS,
    });
    return 'status' in made ? null : made;
  }

  /** Creates a server and runs until its build is over; throws unless it is ACTIVE. */
  create(name: string, opts: Parameters<TinyCloud['request']>[1] = {}): Server {
    const server = this.request(name, opts);
    if (server === null) throw new Error(`create ${name} refused: ${this.rows.at(-1)?.reason}`);
    this.settle(server);
    if (server.vmState !== 'active') throw new Error(`create ${name} ended ${server.vmState}: ${server.fault}`);
    return server;
  }

  /** Submits a request (nothing runs); returns the rows it emitted synchronously. */
  submit(action: SubmittableAction, server: Server | string, params: ActionParams = {}, asAdmin = false): Row[] {
    const from = this.rows.length;
    this.nova.api.submit({ ...params, action, server: typeof server === 'string' ? server : server.name, asAdmin });
    return this.rows.slice(from);
  }

  /** The request row (accepted or rejected) among the rows a submit emitted. */
  static verdict(rows: readonly Row[]): Row {
    const verdicts = rows.filter((r) => r.outcome === 'accepted' || r.outcome === 'rejected');
    if (verdicts.length !== 1) throw new Error(`expected one verdict row, got ${verdicts.length}`);
    return verdicts[0]!;
  }

  /** Submits, requires acceptance, and runs until the server has no action running. */
  act(action: SubmittableAction, server: Server, params: ActionParams = {}, asAdmin = false): Row[] {
    const from = this.rows.length;
    const verdict = TinyCloud.verdict(this.submit(action, server, params, asAdmin));
    if (verdict.outcome !== 'accepted') throw new Error(`${action} on ${server.name} rejected: ${verdict.reason}`);
    this.settle(server);
    return this.rows.slice(from);
  }

  /** Is an action (of the executor) running on the server? */
  busy(server: Server): boolean {
    return this.nova.executor.running(server) !== undefined;
  }

  /** Runs until the server has no action running (stops at the exact event). */
  settle(server: Server, limit = 1e6): void {
    this.runUntil(() => !this.busy(server), limit);
  }

  /** Runs until `pred` holds after an event, stopping at that event; throws if `limit` seconds pass first. */
  runUntil(pred: () => boolean, limit = 1e6): void {
    const deadline = this.sim.now + limit;
    this.#stopWhen = pred;
    try {
      while (!pred()) {
        if (this.sim.pending === 0 || this.sim.now >= deadline) throw new Error(`condition not reached by t=${this.sim.now}`);
        this.sim.run(deadline);
      }
    } finally {
      this.#stopWhen = null;
    }
  }

  /** Advances the clock by `seconds`, running every event on the way. */
  runFor(seconds: number): void {
    this.sim.run(this.sim.now + seconds);
  }

  /** Runs up to absolute time `time`. */
  runTo(time: number): void {
    if (time > this.sim.now) this.sim.run(time);
  }

  failHost(host: Host | string): void {
    this.nova.hosts.fail(typeof host === 'string' ? this.host(host) : host);
  }

  recoverHost(host: Host | string): void {
    this.nova.hosts.recover(typeof host === 'string' ? this.host(host) : host);
  }

  /**
   * Creates a server and drives it into `state` by real API requests. Needs
   * shelved_offload_time != 0 for 'shelved' and reclaim_instance_interval > 0
   * for 'soft-delete'.
   */
  serverIn(state: SteadyState, name: string, opts: Parameters<TinyCloud['request']>[1] = {}): Server {
    const server = this.create(name, opts);
    this.drive(server, state);
    return server;
  }

  /** Drives an ACTIVE server into a steady vm_state. */
  drive(server: Server, state: SteadyState): void {
    switch (state) {
      case 'active':
        break;
      case 'stopped':
        this.act('stop', server);
        break;
      case 'paused':
        this.act('pause', server);
        break;
      case 'suspended':
        this.act('suspend', server);
        break;
      case 'rescued':
        this.act('rescue', server);
        break;
      case 'resized':
        this.act('resize', server, { flavor: server.flavor.name === SMALL ? LARGE : SMALL });
        break;
      case 'shelved':
        if (this.config.shelved_offload_time === 0) throw new Error('shelved needs shelved_offload_time != 0');
        this.act('shelve', server);
        break;
      case 'shelved_offloaded':
        this.act('shelve', server);
        if (server.vmState === 'shelved') this.act('shelve_offload', server, {}, true);
        break;
      case 'soft-delete':
        if (this.config.reclaim_instance_interval <= 0) throw new Error('soft-delete needs reclaim_instance_interval > 0');
        this.act('delete', server);
        break;
      case 'error':
        this.act('reset_state', server, { state: 'error' }, true);
        break;
      case 'deleted':
        this.act(this.config.reclaim_instance_interval > 0 ? 'force_delete' : 'delete', server);
        break;
    }
    if (server.vmState !== state || server.taskState !== null) {
      throw new Error(`drive ${server.name} to ${state}: got ${server.vmState}/${server.taskState}`);
    }
  }
}

export const tinyCloud = (options: TinyCloudOptions = {}): TinyCloud => new TinyCloud(options);

/** A copy of a host's usage (host.used is mutated in place). */
export const usedOf = (host: Host): Resources => ({ ...host.used });

/** Resources of a flavor, as a plain object. */
export const claimOf = (f: Flavor): Resources => ({ vcpus: f.vcpus, ramMb: f.ramMb, diskGb: f.diskGb });

/** Sum of flavors' resources. */
export function sumOf(...flavors: Readonly<Resources>[]): Resources {
  const total = zero();
  for (const f of flavors) {
    total.vcpus += f.vcpus;
    total.ramMb += f.ramMb;
    total.diskGb += f.diskGb;
  }
  return total;
}

/**
 * What each host should hold, recomputed from the servers: the flavor on the
 * server's host, the other half of a move in flight, and the claims a dead
 * host keeps for servers evacuated away from it.
 */
export function expectedClaims(inventory: Inventory): Resources[] {
  const claims = inventory.hosts.map(() => zero());
  const add = (host: HostId, r: Readonly<Resources>): void => {
    const c = claims[host]!;
    c.vcpus += r.vcpus;
    c.ramMb += r.ramMb;
    c.diskGb += r.diskGb;
  };
  for (const s of inventory.servers) {
    if (s.host !== null) add(s.host, s.flavor);
    const m = s.migration;
    if (m !== null) {
      if (m.switched) add(m.sourceHost, m.oldFlavor);
      else add(m.destHost, m.newFlavor);
    }
  }
  for (const h of inventory.hosts) for (const claim of h.evacuated.values()) add(h.id, claim);
  return claims;
}
