import type { Flavor, Image, Project } from './catalog.js';
import type { Host } from './host.js';
import type { FlavorId, HostId, ImageId, ProjectId, ServerId } from './ids.js';
import { addTo, subtractFrom, zero, type Resources } from './resources.js';
import { makeServer, type Server } from './server.js';

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
  readonly #projectsById: Project[] = [];
  readonly #serverByName = new Map<string, ServerId>();
  readonly #hostByName = new Map<string, HostId>();
  /** Sum of every host's Placement capacity. */
  readonly capacity: Resources = zero();
  /** Sum of every claim. */
  readonly used: Resources = zero();

  addHost(make: (id: HostId) => Host): Host {
    const host = make(this.hosts.length as HostId);
    this.hosts.push(host);
    this.#hostByName.set(host.name, host.id);
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

  projectName(id: ProjectId): string {
    return this.#projectsById[id]?.name ?? `project-${id}`;
  }

  /** Creates a server record in BUILD/scheduling. Names are unique among live servers. */
  addServer(name: string, project: ProjectId, flavor: Flavor, image: Image, now: number): Server {
    const id = this.servers.length as ServerId;
    const server = makeServer(id, uuidFor(id), name, project, flavor, image, now);
    this.servers.push(server);
    this.#serverByName.set(name, id);
    return server;
  }

  serverNamed(name: string): Server | undefined {
    const id = this.#serverByName.get(name);
    return id === undefined ? undefined : this.servers[id];
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
    addTo(this.hosts[hostId]!.used, need);
    addTo(this.used, need);
  }

  release(hostId: HostId, need: Readonly<Resources>): void {
    subtractFrom(this.hosts[hostId]!.used, need);
    subtractFrom(this.used, need);
  }
}

/** A deterministic RFC 4122-shaped id from the dense index, so outputs are reproducible. */
export function uuidFor(index: number): string {
  const hex = index.toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${hex}`;
}
