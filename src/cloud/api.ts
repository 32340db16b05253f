import { hostStatus } from '../lifecycle/host-states.js';
import { ACTIONS, admit, policyRefusal, type RuleName } from '../lifecycle/server-actions.js';
import { serviceUp } from '../model/host.js';
import type { Server } from '../model/server.js';
import type { ActionExecutor } from './execute-action.js';
import { adoptPlan, planNetworking } from './networking.js';
import type { OperationContext } from './operation.js';
import type { ActionRequest, CreateRequest } from './requests.js';

/**
 * The compute API: looks the server up, applies policy, lock and state
 * guards from the table, then the operation's own checks, and hands an
 * admitted request to the executor. Every request gives exactly one row,
 * accepted or rejected with Nova's reason; a rejected one changes nothing.
 */
export class ComputeApi {
  constructor(
    private readonly ctx: OperationContext,
    private readonly executor: ActionExecutor,
  ) {}

  create(request: CreateRequest): Server | null {
    const { cloud } = this.ctx;
    const label = { action: 'create', outcome: 'rejected', asAdmin: request.asAdmin } as const;
    const flavor = cloud.inventory.flavors.get(request.flavor);
    const image = cloud.inventory.images.get(request.image);
    const project = cloud.inventory.projects.get(request.project);
    const group = request.group === undefined ? null : cloud.inventory.groupNamed(request.group);
    const quota = cloud.config.server_group_members;
    const networking = planNetworking(cloud.inventory, request);
    const refusal =
      flavor === undefined ? `Flavor ${request.flavor} could not be found.`
      : image === undefined ? `Image ${request.image} could not be found.`
      : project === undefined ? `Project ${request.project} could not be found.`
      : cloud.inventory.serverNamed(request.server) !== undefined ? `Server name ${request.server} is already in use.`
      // A group is visible to its own project only, so another project's group is not found.
      : group === undefined || (group !== null && group.project !== project.id) ? `Instance group ${request.group} could not be found.`
      : group !== null && quota >= 0 && group.members.size >= quota ? 'Quota exceeded, too many servers in group'
      : request.availabilityZone !== undefined && !cloud.inventory.availabilityZones.has(request.availabilityZone)
        ? 'The requested availability zone is not available'
      : typeof networking === 'string' ? networking
      : null;
    if (refusal !== null || flavor === undefined || image === undefined || project === undefined || typeof networking === 'string') {
      cloud.recordUnknown(request.server, { ...label, reason: refusal ?? '' });
      return null;
    }
    const extras = this.ctx.extras.checkCreate(request, project.id, flavor); // metadata, personality, quota
    if ('status' in extras) {
      cloud.recordUnknown(request.server, { ...label, reason: extras.message });
      return null;
    }
    const server = cloud.inventory.addServer(request.server, project.id, flavor, image, cloud.now);
    this.ctx.extras.acceptCreate(server, extras);
    server.bootFromVolume = request.bootFromVolume ?? false;
    server.dirtyRateMbS = request.dirtyRateMbS ?? null;
    server.availabilityZone = request.availabilityZone ?? null;
    adoptPlan(server, networking);
    if (group) cloud.inventory.joinGroup(server, group);
    this.executor.start(server, 'create', 'create', {}, request.asAdmin);
    return server;
  }

  submit(request: ActionRequest): void {
    const { cloud } = this.ctx;
    const label = { action: request.action, outcome: 'rejected', asAdmin: request.asAdmin } as const;
    const server = cloud.inventory.serverNamed(request.server);
    if (server === undefined || server.vmState === 'deleted') {
      cloud.recordUnknown(request.server, { ...label, reason: `Instance ${request.server} could not be found.` });
      return;
    }
    const rule = this.#ruleFor(request, server);
    const refusal = this.#refusal(request, server, rule);
    if (refusal !== null) return cloud.record(server, { ...label, reason: refusal });
    if (this.#alreadyDeleting(server, rule))
      return cloud.record(server, { ...label, outcome: 'accepted', reason: 'Instance is already in deleting state, ignoring this request' });
    this.executor.start(server, request.action, rule, request.params, request.asAdmin, request.periodic ?? '');
    if (this.#deletesLocally(server, rule)) this.executor.finishNow(server);
  }

  /**
   * Nova splits reboot by type, and delete by reclaim_instance_interval; a
   * server that never launched, or that no compute service can reach, is
   * deleted outright by the API.
   */
  #ruleFor(request: ActionRequest, server: Server): RuleName {
    if (request.action === 'reboot' && request.params.type === 'HARD') return 'reboot_hard';
    if (request.action === 'delete' && this.ctx.cloud.config.reclaim_instance_interval > 0 && server.launchedAt !== null && !this.#computeUnreachable(server))
      return 'soft_delete';
    return request.action;
  }

  #refusal(request: ActionRequest, server: Server, rule: RuleName): string | null {
    const { cloud } = this.ctx;
    if (request.action === 'unlock' && server.lockedBy === 'admin' && !request.asAdmin)
      return policyRefusal('os_compute_api:os-lock-server:unlock:unlock_override');
    if (rule === 'resize' && request.params.flavor === undefined) return "Invalid input for field/attribute resize. 'flavorRef' is a required property";
    const invalidBody = this.ctx.extras.bodyRefusal(request);
    if (invalidBody !== null) return invalidBody.message;
    const admission = admit(server, rule, request.asAdmin);
    if (!admission.ok) return admission.reason;
    const host = server.host === null ? undefined : cloud.inventory.host(server.host);
    const check = ACTIONS[rule].host;
    if (check !== 'none' && host === undefined) return `Instance ${server.uuid} is not ready`;
    if (check === 'up' && !['UP', 'MAINTENANCE'].includes(hostStatus(host, cloud.now))) return 'Service is unavailable at this time.';
    return this.executor.operation(rule)?.precheck?.(this.ctx, server, request.params) ?? null;
  }

  /** The API deletes in its own database when no compute service can (no host, or its service is down). */
  #deletesLocally(server: Server, rule: RuleName): boolean {
    return (rule === 'delete' || rule === 'force_delete') && this.#computeUnreachable(server);
  }

  /** A delete while one is under way is ignored, unless no compute can finish it (then the API does). */
  #alreadyDeleting(server: Server, rule: RuleName): boolean {
    const deleting = server.taskState === 'deleting' || server.taskState === 'soft-deleting';
    return (rule === 'delete' || rule === 'soft_delete') && deleting && !this.#computeUnreachable(server);
  }

  #computeUnreachable(server: Server): boolean {
    return server.host === null || !serviceUp(this.ctx.cloud.inventory.host(server.host), this.ctx.cloud.now);
  }
}
