import { admit, ALREADY_DELETING, type SubmittedRequest } from '../lifecycle/admit.js';
import type { AdmissionView } from '../lifecycle/checks.js';
import { FORCED_HOST_POLICY, parseAvailabilityZone } from '../lifecycle/availability-zone.js';
import { badRequest, conflict, forbidden, notFound, policyRefusal, unauthorized, type Refusal } from '../lifecycle/refusal.js';
import type { CreateRequest } from '../lifecycle/requests.js';
import type { Flavor, Image, Project } from '../model/catalog.js';
import type { ServerLimits } from '../model/compute-limits.js';
import type { Host } from '../model/host.js';
import type { HostId } from '../model/ids.js';
import type { Server } from '../model/server.js';
import type { ServerGroup } from '../model/server-group.js';
import type { Cloud } from './cloud.js';
import type { ActionExecutor } from './execute-action.js';
import { instancesAllowed } from './multiple-create.js';
import { adoptPlan, planNetworking, type NetworkPlan } from './networking.js';
import type { OperationContext } from './operation.js';

/** How a request refers to servers and server groups: scenario files by name (unique there), the Compute API by id. */
export type Reference = 'name' | 'id';

/** What a create names, found. */
interface CreateBasics {
  readonly flavor: Flavor;
  readonly image: Image;
  readonly project: Project;
  readonly group: ServerGroup | null;
  readonly networking: NetworkPlan;
  /** The zone asked for (null: none). */
  readonly zone: string | null;
  /** The host an admin forced with zone:host. */
  readonly forced: Host | undefined;
}

/**
 * The compute API: looks the server up, admits the request by its table
 * row (lifecycle/admit.ts) and hands it to the executor. Every request
 * gives exactly one row, accepted or rejected with Nova's reason; a
 * rejected one changes nothing.
 */
export class ComputeApi {
  constructor(
    private readonly ctx: OperationContext,
    private readonly executor: ActionExecutor,
  ) {}

  /**
   * POST /servers for one server: Nova's checks in its order, then the
   * build. Scenario files refer to servers and groups `by` name (a name is
   * unique); the Compute API refers to them by id, and names may repeat.
   * Returns the new server, or the refusal its row records.
   */
  create(request: CreateRequest, by: Reference = 'name'): Server | Refusal {
    const { cloud } = this.ctx;
    const basics = this.#basics(request, by);
    if ('status' in basics) return this.#refuseCreate(request, basics);
    const { flavor, image, project, group, networking, zone, forced } = basics;
    const extras = this.ctx.extras.checkCreate(request, project.id, flavor); // metadata, personality, quota
    if ('status' in extras) return this.#refuseCreate(request, extras);
    const server = cloud.inventory.addServer(request.server, project.id, flavor, image, cloud.now);
    this.ctx.extras.acceptCreate(server, extras);
    server.bootFromVolume = request.boot_from_volume ?? false;
    server.dirtyRateMbS = request.dirty_rate_mb_s ?? null;
    // A forced host puts the server in its host's own zone (servers.py _validate_host_availability_zone).
    server.availabilityZone = forced !== undefined ? forced.availabilityZone : zone;
    adoptPlan(server, networking);
    if (group) cloud.inventory.joinGroup(server, group);
    this.executor.start(server, 'create', request, forced === undefined ? {} : { target: forced });
    return server;
  }

  /**
   * A multiple create (min_count..max_count), as the Compute API takes it:
   * the request's own checks, Nova's refusal of one port or fixed IP for
   * many servers, the quota for the whole batch (as many as fit, if at
   * least min_count), then one create per server, named `name-1`,
   * `name-2`, ... when there is more than one.
   */
  createMany(request: CreateRequest, min: number, max: number): Server[] | Refusal {
    const basics = this.#basics(request, 'id');
    if ('status' in basics) return this.#refuseCreate(request, basics);
    const nics = Array.isArray(request.networks) ? request.networks : [];
    if (max > 1 && nics.some((nic) => 'port' in nic))
      return this.#refuseCreate(request, badRequest('Failed to launch instances: Unable to launch multiple instances with a single configured port ID. Please launch your instance one by one with different ports.'));
    if (max > 1 && nics.some((nic) => 'network' in nic && nic.fixedIp !== undefined))
      return this.#refuseCreate(request, badRequest('Failed to launch instances: max_count cannot be greater than 1 if an fixed_ip is specified.'));
    const { quotas } = this.ctx.extras;
    const count = instancesAllowed(quotas.quota(basics.project.id), quotas.usage(basics.project.id), basics.flavor, min, max);
    if (typeof count !== 'number') return this.#refuseCreate(request, count);
    const servers: Server[] = [];
    for (let i = 0; i < count; i++) {
      const made = this.create(count > 1 ? { ...request, server: `${request.server}-${i + 1}` } : request, 'id');
      if ('status' in made) return servers.length === 0 ? made : servers;
      servers.push(made);
    }
    return servers;
  }

  /** What a create names, looked up, or the first refusal, with the status servers.py's create maps each exception to. */
  #basics(request: CreateRequest, by: Reference): CreateBasics | Refusal {
    const { inventory, config } = this.ctx.cloud;
    const flavor = inventory.flavors.get(request.flavor);
    const image = inventory.images.get(request.image);
    const project = inventory.projects.get(request.project);
    const group = request.group === undefined ? null : by === 'name' ? inventory.groupNamed(request.group) : inventory.groupByUuid(request.group);
    if (flavor === undefined) return badRequest(`Flavor ${request.flavor} could not be found.`);
    if (image === undefined) return badRequest(`Image ${request.image} could not be found.`);
    // Nova takes the project from the token: Keystone refuses a project it does not know.
    if (project === undefined) return unauthorized(`Project ${request.project} could not be found.`);
    // Scenario files name servers, so a name is unique there (InstanceExists); the API refers by id.
    if (by === 'name' && inventory.serverNamed(request.server) !== undefined) return conflict(`Server name ${request.server} is already in use.`);
    // A group is visible to its own project only, so another project's group is not found.
    if (group === undefined || (group !== null && group.project !== project.id)) return badRequest(`Instance group ${request.group} could not be found.`);
    const quota = config.server_group_members;
    if (group !== null && quota >= 0 && group.members.size >= quota) return forbidden('Quota exceeded, too many servers in group');
    const zone = parseAvailabilityZone(request.availability_zone);
    if ('status' in zone) return zone;
    const forced = zone.host === null ? undefined : inventory.hostNamed(zone.host);
    if (zone.host !== null && !request.asAdmin) return policyRefusal(FORCED_HOST_POLICY);
    // novasim knows no host by another name: an unknown forced host is refused as 2.74's host field is (Nova's legacy form ends in NoValidHost).
    if (zone.host !== null && forced === undefined) return badRequest(`Compute host ${zone.host} could not be found.`);
    if (zone.host === null && zone.zone !== null && !inventory.availabilityZones.has(zone.zone))
      return badRequest('The requested availability zone is not available');
    const networking = planNetworking(inventory, request);
    if ('status' in networking) return networking;
    return { flavor, image, project, group, networking, zone: zone.zone, forced };
  }

  #refuseCreate(request: CreateRequest, refusal: Refusal): Refusal {
    return refuse(this.ctx.cloud, request, refusal);
  }

  /** A request on the server a scenario file names. Returns the refusal its row records, or null when accepted. */
  submit(request: SubmittedRequest): Refusal | null {
    return this.#submitTo(this.ctx.cloud.inventory.serverNamed(request.server), request);
  }

  /**
   * A request on a server the caller already holds (a workload's own server,
   * which its name names while it lives): no lookup by name among the
   * million a region makes.
   */
  submitFor(server: Server, request: SubmittedRequest): Refusal | null {
    return this.#submitTo(server, request);
  }

  /**
   * A request on the server the Compute API names by id (`request.server`
   * holds the id). A member sees only its own project's servers: another
   * project's server is not found, as Nova's project-scoped lookup answers.
   */
  submitById(request: SubmittedRequest, project: string): Refusal | null {
    const server = this.ctx.cloud.inventory.serverByUuid(request.server);
    const visible = server !== undefined && (request.asAdmin || this.ctx.cloud.inventory.projectName(server.project) === project);
    return this.#submitTo(visible ? server : undefined, request);
  }

  #submitTo(server: Server | undefined, request: SubmittedRequest): Refusal | null {
    const { cloud } = this.ctx;
    const label = { action: request.action, outcome: 'rejected', asAdmin: request.asAdmin } as const;
    if (server === undefined || server.vmState === 'deleted') {
      return refuse(cloud, request, notFound(`Instance ${request.server} could not be found.`));
    }
    const admission = admit(this.#view(server), request);
    if (!admission.ok) {
      cloud.record(server, { ...label, ...rejection(admission.refusal) });
      return admission.refusal;
    }
    if (admission.then === 'ignore') {
      cloud.record(server, { ...label, outcome: 'accepted', reason: ALREADY_DELETING });
      return null;
    }
    this.executor.start(server, admission.rule, admission.request, admission.named);
    if (admission.then === 'local_delete') this.executor.finishNow(server);
    return null;
  }

  /** The cloud as the API reads it now, for admitting one request on `server`. */
  #view(server: Server): AdmissionView {
    return new ApiView(this.ctx, server);
  }
}

/** The cloud as the API reads it at one instant, for admitting one request on one server. */
class ApiView implements AdmissionView {
  readonly now: number;
  readonly softDeletes: boolean;
  readonly limits: ServerLimits;

  constructor(
    private readonly ctx: OperationContext,
    readonly server: Server,
  ) {
    this.now = ctx.cloud.now;
    this.softDeletes = ctx.cloud.config.reclaim_instance_interval > 0;
    this.limits = ctx.extras.limits;
  }

  host(id: HostId): Host {
    return this.ctx.cloud.inventory.host(id);
  }

  hostNamed(name: string): Host | undefined {
    return this.ctx.cloud.inventory.hostNamed(name);
  }

  flavor(name: string): Flavor | undefined {
    return this.ctx.cloud.inventory.flavors.get(name);
  }

  image(name: string): Image | undefined {
    return this.ctx.cloud.inventory.images.get(name);
  }

  quota() {
    const { quotas } = this.ctx.extras;
    return { quota: quotas.quota(this.server.project), usage: quotas.usage(this.server.project) };
  }

  metadata() {
    return this.ctx.extras.details.peek(this.server.id)?.metadata;
  }
}

/** A rejected request's row: Nova's message and the HTTP status of its answer. */
const rejection = (refusal: Refusal) => ({ reason: refusal.message, httpStatus: refusal.status });

/** A request refused before any server record answers for it: its row names the server it asked for. */
function refuse(cloud: Cloud, request: CreateRequest | SubmittedRequest, refusal: Refusal): Refusal {
  cloud.refuse(request.server, { action: request.action, reason: refusal.message, httpStatus: refusal.status, asAdmin: request.asAdmin });
  return refusal;
}
