import { admit, ALREADY_DELETING, type SubmittedRequest } from '../lifecycle/admit.js';
import type { AdmissionView } from '../lifecycle/checks.js';
import { badRequest, conflict, forbidden, notFound, unauthorized, type Refusal } from '../lifecycle/refusal.js';
import type { CreateRequest } from '../lifecycle/requests.js';
import type { Flavor, Image } from '../model/catalog.js';
import type { ServerLimits } from '../model/compute-limits.js';
import type { Host } from '../model/host.js';
import type { HostId } from '../model/ids.js';
import type { Server } from '../model/server.js';
import type { Cloud } from './cloud.js';
import type { ActionExecutor } from './execute-action.js';
import { adoptPlan, planNetworking } from './networking.js';
import type { OperationContext } from './operation.js';

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

  create(request: CreateRequest): Server | null {
    const { cloud } = this.ctx;
    const flavor = cloud.inventory.flavors.get(request.flavor);
    const image = cloud.inventory.images.get(request.image);
    const project = cloud.inventory.projects.get(request.project);
    const group = request.group === undefined ? null : cloud.inventory.groupNamed(request.group);
    const quota = cloud.config.server_group_members;
    const networking = planNetworking(cloud.inventory, request);
    // The status each exception gets in servers.py's create.
    const refusal =
      flavor === undefined ? badRequest(`Flavor ${request.flavor} could not be found.`)
      : image === undefined ? badRequest(`Image ${request.image} could not be found.`)
      // Nova takes the project from the token: Keystone refuses a project it does not know.
      : project === undefined ? unauthorized(`Project ${request.project} could not be found.`)
      // novasim's requests name servers by name, so a name is unique (InstanceExists).
      : cloud.inventory.serverNamed(request.server) !== undefined ? conflict(`Server name ${request.server} is already in use.`)
      // A group is visible to its own project only, so another project's group is not found.
      : group === undefined || (group !== null && group.project !== project.id) ? badRequest(`Instance group ${request.group} could not be found.`)
      : group !== null && quota >= 0 && group.members.size >= quota ? forbidden('Quota exceeded, too many servers in group')
      : request.availability_zone !== undefined && !cloud.inventory.availabilityZones.has(request.availability_zone)
        ? badRequest('The requested availability zone is not available')
      : 'status' in networking ? networking
      : null;
    if (refusal !== null) return refuse(cloud, request, refusal);
    // Every lookup above found what it looked for (a miss is a refusal); this narrows their types.
    if (flavor === undefined || image === undefined || project === undefined || 'status' in networking) return null;
    const extras = this.ctx.extras.checkCreate(request, project.id, flavor); // metadata, personality, quota
    if ('status' in extras) return refuse(cloud, request, extras);
    const server = cloud.inventory.addServer(request.server, project.id, flavor, image, cloud.now);
    this.ctx.extras.acceptCreate(server, extras);
    server.bootFromVolume = request.boot_from_volume ?? false;
    server.dirtyRateMbS = request.dirty_rate_mb_s ?? null;
    server.availabilityZone = request.availability_zone ?? null;
    adoptPlan(server, networking);
    if (group) cloud.inventory.joinGroup(server, group);
    this.executor.start(server, 'create', request, {});
    return server;
  }

  submit(request: SubmittedRequest): void {
    const { cloud } = this.ctx;
    const label = { action: request.action, outcome: 'rejected', asAdmin: request.asAdmin } as const;
    const server = cloud.inventory.serverNamed(request.server);
    if (server === undefined || server.vmState === 'deleted') {
      refuse(cloud, request, notFound(`Instance ${request.server} could not be found.`));
      return;
    }
    const admission = admit(this.#view(server), request);
    if (!admission.ok) return cloud.record(server, { ...label, ...rejection(admission.refusal) });
    if (admission.then === 'ignore') return cloud.record(server, { ...label, outcome: 'accepted', reason: ALREADY_DELETING });
    this.executor.start(server, admission.rule, admission.request, admission.named);
    if (admission.then === 'local_delete') this.executor.finishNow(server);
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
function refuse(cloud: Cloud, request: CreateRequest | SubmittedRequest, refusal: Refusal): null {
  cloud.refuse(request.server, { action: request.action, reason: refusal.message, httpStatus: refusal.status, asAdmin: request.asAdmin });
  return null;
}
