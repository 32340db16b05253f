import type { Flavor, Image } from '../model/catalog.js';
import type { ProjectQuota, QuotaUsage, ServerLimits } from '../model/compute-limits.js';
import { serviceUp, type Host } from '../model/host.js';
import type { HostId } from '../model/ids.js';
import type { Server } from '../model/server.js';
import { metadataCountRefusal } from './metadata-rules.js';
import { decodePersonality, personalityLimitRefusal } from './personality-rules.js';
import { oneServerOf, quotaRefusal, upsizeOf } from './quota-rules.js';
import { badRequest, conflict, notFound, policyRefusal, type Refusal } from './refusal.js';
import type { ServerRequest } from './requests.js';

/**
 * What the API reads to admit a request: the server, the catalogue and the
 * hosts by name, the project's quota, at one instant. Read only: admitting
 * changes nothing.
 */
export interface AdmissionView {
  readonly now: number;
  readonly server: Server;
  /** reclaim_instance_interval > 0: a delete only soft-deletes, until the server is reclaimed. */
  readonly softDeletes: boolean;
  readonly limits: ServerLimits;
  host(id: HostId): Host;
  hostNamed(name: string): Host | undefined;
  flavor(name: string): Flavor | undefined;
  image(name: string): Image | undefined;
  /** The quota of the server's project, and what the project uses now. */
  quota(): { readonly quota: ProjectQuota; readonly usage: QuotaUsage };
  /** The metadata the server holds, if any was ever set. */
  metadata(): ReadonlyMap<string, string> | undefined;
}

type Check = (view: AdmissionView, request: ServerRequest) => Refusal | null;

const withinQuota = (view: AdmissionView, deltas: Parameters<typeof quotaRefusal>[2] | null): Refusal | null => {
  if (deltas === null) return null;
  const { quota, usage } = view.quota();
  return quotaRefusal(quota, usage, deltas);
};

/**
 * The API's own checks of an action, after its decorators, with the status
 * its controller maps each exception to (nova/api/openstack/compute/*.py)
 * and Nova's text. A row lists the ones it makes, in order.
 */
export const CHECKS = {
  /** lock_server.py _unlock: lifting a lock someone else set needs unlock_override (admin by default). */
  may_override_lock: ({ server }, r) =>
    server.lockedBy === 'admin' && !r.asAdmin ? policyRefusal('os_compute_api:os-lock-server:unlock:unlock_override') : null,
  /** FlavorNotFound (400). */
  new_flavor_exists: (view, r) => ('flavor' in r && view.flavor(r.flavor) === undefined ? badRequest(`Flavor ${r.flavor} could not be found.`) : null),
  /** CannotResizeToSameFlavor (400). */
  flavor_changes: (view, r) => ('flavor' in r && view.flavor(r.flavor)?.id === view.server.flavor.id ? badRequest('When resizing, instances must change flavor!') : null),
  /** OverQuota (403) for the cores and RAM a resize adds. */
  upsize_within_quota: (view, r) => {
    const flavor = 'flavor' in r ? view.flavor(r.flavor) : undefined;
    return flavor === undefined ? null : withinQuota(view, upsizeOf(view.server.flavor, flavor));
  },
  /** OverQuota (403): a restored server counts again, as one more. */
  restore_within_quota: (view) => withinQuota(view, oneServerOf(view.server.flavor)),
  /** MigrationNotFound (400): a confirm or revert needs a move awaiting one. */
  move_awaits_confirm: ({ server }) => (server.migration?.status === 'finished' ? null : badRequest('Instance has not been resized.')),
  /** ServiceUnavailable (409): the source compute destroys the old copy, so its service must be up. */
  source_service_up: (view) => {
    const source = view.server.migration?.sourceHost;
    return source === undefined || serviceUp(view.host(source), view.now) ? null : conflict('Service is unavailable at this time.');
  },
  /**
   * OverQuota: reverting a resize down is an upsize. Nova's revertResize does
   * not map OverQuota, so it answers 500; novasim answers 403, as every
   * other quota refusal is.
   */
  revert_within_quota: (view) => {
    const move = view.server.migration;
    return move === null ? null : withinQuota(view, upsizeOf(view.server.flavor, move.oldFlavor));
  },
  /** ComputeServiceInUse (400): Nova cannot tell a dead host from a slow one; fencing is the deployer's job. */
  source_service_down: (view) => {
    const source = view.server.host === null ? undefined : view.host(view.server.host);
    return source !== undefined && serviceUp(source, view.now) ? badRequest(`Compute service of ${source.name} is still in use.`) : null;
  },
  /** evacuate.py: ComputeHostNotFound becomes 404 with its own text. */
  evacuation_target_exists: (view, r) =>
    'host' in r && r.host !== undefined && view.hostNamed(r.host) === undefined ? notFound(`Compute host ${r.host} not found.`) : null,
  /** evacuate.py (400). */
  target_is_not_source: (view, r) =>
    'host' in r && r.host !== undefined && view.hostNamed(r.host)?.id === view.server.host ? badRequest("The target host can't be the same one.") : null,
  /** ImageNotFound (400). */
  new_image_exists: (view, r) =>
    'image' in r && r.image !== undefined && view.image(r.image) === undefined ? badRequest(`Image ${r.image} could not be found.`) : null,
  /** OverQuota (403): a rebuild's metadata replaces the server's; its personality is limited like a create's. */
  rebuild_within_limits: (view, r) => {
    if (r.action !== 'rebuild') return null;
    const count = r.metadata === undefined ? null : metadataCountRefusal(Object.keys(r.metadata).length, view.limits);
    const files = decodePersonality(r.personality ?? []);
    return count ?? personalityLimitRefusal(Array.isArray(files) ? files : [], view.limits);
  },
  /** migrate_server.py: ComputeHostNotFound (400). */
  live_target_exists: (view, r) =>
    'host' in r && r.host !== undefined && view.hostNamed(r.host) === undefined ? badRequest(`Compute host ${r.host} could not be found.`) : null,
  /** UnableToMigrateToSelf (400). */
  not_to_current_host: (view, r) => {
    const target = 'host' in r && r.host !== undefined ? view.hostNamed(r.host) : undefined;
    return target !== undefined && target.id === view.server.host
      ? badRequest(`Unable to migrate instance (${view.server.uuid}) to current host (${target.name}).`)
      : null;
  },
  /** InvalidRequest (400). */
  not_volume_backed: ({ server }) => (server.bootFromVolume ? badRequest('Backup is not supported for volume-backed instances.') : null),
  /** MetadataLimitExceeded (403): the pairs merged into the server's, over maxServerMeta. */
  merged_metadata_within_limit: (view, r) => {
    if (r.action !== 'update_metadata') return null;
    const current = view.metadata();
    const keys = Object.keys(r.metadata);
    return metadataCountRefusal(current === undefined ? keys.length : current.size + keys.filter((k) => !current.has(k)).length, view.limits);
  },
  /** MetadataLimitExceeded (403): the pairs that replace the server's, over maxServerMeta. */
  metadata_within_limit: (view, r) => (r.action === 'set_metadata' ? metadataCountRefusal(Object.keys(r.metadata).length, view.limits) : null),
} as const satisfies Record<string, Check>;

export type CheckName = keyof typeof CHECKS;
