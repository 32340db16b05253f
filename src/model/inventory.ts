import type { Aggregate } from './aggregate.js';
import type { Flavor, Image, Project } from './catalog.js';
import type { Host } from './host.js';
import type { AggregateId, FlavorId, HostId, ImageId, ProjectId, ServerGroupId, ServerId } from './ids.js';
import { Networks } from './network.js';
import { addTo, subtractFrom, zero, type Resources } from './resources.js';
import { countMember, makeServerGroup, type GroupPolicy, type ServerGroup } from './server-group.js';
import { makeServer, type Server } from './server.js';

/**
 * Told about every change a placement decision depends on, so the indexes
 * the domain decides with (the scheduler's, a weigher's, the operators'
 * headroom rule) stay exact without scanning. The outputs hear of the same
 * changes as facts (cloud/inventory-facts.ts).
 */
export interface HostObserver {
  /**
   * The host's usage, service state (enabled, up, or a time at which it will
   * count as down) or failed-build count changed.
   */
  hostChanged(host: Host): void;
}

/**
 * Told when a server starts or stops counting as on a host, after the
 * host's list and its group's counts have changed, so per-host tallies
 * (a project's servers, pairs sharing a host) stay exact without scanning.
 */
export interface ServerObserver {
  serverAttached(server: Server, host: HostId): void;
  serverDetached(server: Server, host: HostId): void;
}

/**
 * The cloud's tables and their running totals: the bookkeeping Nova splits
 * between its database and Placement. Claims are the only way usage
 * changes, so the totals never drift from the per-host figures.
 */
export class Inventory {
  readonly hosts: Host[] = [];
  readonly servers: Server[] = [];
  readonly flavors = new Map<string, Flavor>();
  readonly images = new Map<string, Image>();
  readonly projects = new Map<string, Project>();
  readonly aggregates: Aggregate[] = [];
  /** The zones some host is in. */
  readonly availabilityZones = new Set<string>();
  readonly groups: ServerGroup[] = [];
  /** Networks, subnets and ports (Neutron, as Nova uses it). */
  readonly networks = new Networks();
  readonly #groupByName = new Map<string, ServerGroup>();
  readonly #projectsById: Project[] = [];
  readonly #observers: HostObserver[] = [];
  readonly #serverObservers: ServerObserver[] = [];
  readonly #serverByName = new Map<string, ServerId>();
  /** Per server: how many hosts hold it (two during a move, or while its evacuated source is not yet cleaned up). */
  readonly #hostsHolding: number[] = [];
  readonly #hostByName = new Map<string, HostId>();
  /** Sum of every host's Placement capacity. */
  readonly capacity: Resources = zero();
  /** Sum of every claim. */
  readonly used: Resources = zero();

  addHost(make: (id: HostId) => Host): Host {
    const host = make(this.hosts.length as HostId);
    this.hosts.push(host);
    this.#hostByName.set(host.name, host.id);
    this.availabilityZones.add(host.availabilityZone);
    addTo(this.capacity, host.capacity);
    return host;
  }

  addFlavor(f: Omit<Flavor, 'id'>): Flavor {
    const flavor = { ...f, id: this.flavors.size as FlavorId };
    this.flavors.set(flavor.name, flavor);
    return flavor;
  }

  addImage(i: Omit<Image, 'id'>): Image {
    const image = { ...i, id: this.images.size as ImageId };
    this.images.set(image.name, image);
    return image;
  }

  addProject(name: string): Project {
    const project = { id: this.#projectsById.length as ProjectId, name };
    this.projects.set(name, project);
    this.#projectsById.push(project);
    return project;
  }

  addAggregate(name: string, metadata: Readonly<Record<string, string>>): Aggregate {
    const aggregate = { id: this.aggregates.length as AggregateId, name, metadata };
    this.aggregates.push(aggregate);
    return aggregate;
  }

  addGroup(name: string, policy: GroupPolicy, project: ProjectId, maxServerPerHost?: number): ServerGroup {
    const id = this.groups.length as ServerGroupId;
    const group = makeServerGroup(id, uuidFor(id, 'group'), name, policy, project, maxServerPerHost);
    this.groups.push(group);
    this.#groupByName.set(name, group);
    return group;
  }

  groupNamed(name: string): ServerGroup | undefined {
    return this.#groupByName.get(name);
  }

  /** The group the Compute API names by `uuid` (ids are dense indexes, so this is a parse, not a search). */
  groupByUuid(uuid: string): ServerGroup | undefined {
    const index = indexOfUuid(uuid, 'group');
    return index === undefined ? undefined : this.groups[index];
  }

  groupOf(server: Server): ServerGroup | null {
    return server.group === null ? null : this.groups[server.group]!;
  }

  /** The server joins a group at create, before it holds any host. */
  joinGroup(server: Server, group: ServerGroup): void {
    server.group = group.id;
    group.members.add(server.id);
  }

  /** A deleted server leaves its group; its host counts went when it was detached. */
  leaveGroup(server: Server): void {
    this.groupOf(server)?.members.delete(server.id);
  }

  observe(observer: HostObserver): void {
    this.#observers.push(observer);
  }

  observeServers(observer: ServerObserver): void {
    this.#serverObservers.push(observer);
  }

  /** Tells the observers that a host's service state or failed builds changed. */
  hostChanged(host: Host): void {
    for (const o of this.#observers) o.hostChanged(host);
  }

  /** The host's compute service reported its count of failed builds in a row (what the BuildFailureWeigher reads). */
  reportFailedBuilds(host: Host, count: number): void {
    if (count === host.failedBuilds) return;
    host.failedBuilds = count;
    this.hostChanged(host);
  }

  /** The server now counts as on `host` (in the host's list, its group's counts and the observers' tallies). */
  attach(server: Server, hostId: HostId): void {
    const host = this.hosts[hostId]!;
    if (host.servers.has(server.id)) return;
    host.servers.add(server.id);
    this.#hostsHolding[server.id]!++;
    const group = this.groupOf(server);
    if (group !== null) countMember(group, hostId, 1);
    for (const o of this.#serverObservers) o.serverAttached(server, hostId);
  }

  /** The server no longer counts as on `host`. */
  detach(server: Server, hostId: HostId): void {
    const host = this.hosts[hostId]!;
    if (!host.servers.delete(server.id)) return;
    this.#hostsHolding[server.id]!--;
    const group = this.groupOf(server);
    if (group !== null) countMember(group, hostId, -1);
    for (const o of this.#serverObservers) o.serverDetached(server, hostId);
  }

  /** Does some host hold the server (in its list of servers)? */
  onAnyHost(id: ServerId): boolean {
    return (this.#hostsHolding[id] ?? 0) > 0;
  }

  projectName(id: ProjectId): string {
    return this.#projectsById[id]?.name ?? `project-${id}`;
  }

  /** Creates a server record in BUILD/scheduling. Scenario files keep names unique; the Compute API lets them repeat (it refers to servers by id). */
  addServer(name: string, project: ProjectId, flavor: Flavor, image: Image, now: number): Server {
    const id = this.servers.length as ServerId;
    const server = makeServer(id, uuidFor(id), name, project, flavor, image, now);
    this.servers.push(server);
    this.#serverByName.set(name, id);
    this.#hostsHolding.push(0);
    return server;
  }

  serverNamed(name: string): Server | undefined {
    const id = this.#serverByName.get(name);
    return id === undefined ? undefined : this.servers[id];
  }

  /** The server the Compute API names by `uuid`; the API refers to servers by id, as names may repeat. */
  serverByUuid(uuid: string): Server | undefined {
    const index = indexOfUuid(uuid, 'server');
    return index === undefined ? undefined : this.servers[index];
  }

  /** Frees a deleted server's name so a later create may reuse it. */
  forgetName(server: Server): void {
    if (this.#serverByName.get(server.name) === server.id) this.#serverByName.delete(server.name);
  }

  hostNamed(name: string): Host | undefined {
    const id = this.#hostByName.get(name);
    return id === undefined ? undefined : this.hosts[id];
  }

  host(id: HostId): Host {
    return this.hosts[id]!;
  }

  claim(hostId: HostId, need: Readonly<Resources>): void {
    const host = this.hosts[hostId]!;
    addTo(host.used, need);
    addTo(this.used, need);
    this.hostChanged(host);
  }

  release(hostId: HostId, need: Readonly<Resources>): void {
    const host = this.hosts[hostId]!;
    subtractFrom(host.used, need);
    subtractFrom(this.used, need);
    this.hostChanged(host);
  }
}

const UUID_PREFIX = { server: '00000000-0000-4000-8000-', group: '00000000-0000-4000-9000-' } as const;

/** A deterministic RFC 4122-shaped id from the dense index, so outputs are reproducible. */
export function uuidFor(index: number, kind: 'server' | 'group' = 'server'): string {
  return `${UUID_PREFIX[kind]}${index.toString(16).padStart(12, '0')}`;
}

/** The dense index `uuidFor` made `uuid` from; undefined for any other text. */
function indexOfUuid(uuid: string, kind: 'server' | 'group'): number | undefined {
  const hex = uuid.toLowerCase();
  if (!hex.startsWith(UUID_PREFIX[kind]) || !/^[0-9a-f]{12}$/.test(hex.slice(UUID_PREFIX[kind].length))) return undefined;
  return Number.parseInt(hex.slice(UUID_PREFIX[kind].length), 16);
}
