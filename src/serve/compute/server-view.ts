import type { Nova } from '../../cloud/nova.js';
import { hostStatus } from '../../lifecycle/host-states.js';
import { PROGRESS_STATUSES, serverView } from '../../metrics/writers/servers-json.js';
import type { Server } from '../../model/server.js';
import { isAdmin, type Principal } from './context.js';
import { imageIdOf } from './ids.js';
import { atLeast, type Microversion } from './microversion.js';
import type { ServedRecords } from './records.js';

/** What a view is drawn for: the cloud now, who asks, at which version, from where. */
export interface ViewFor {
  readonly nova: Nova;
  readonly records: ServedRecords;
  readonly now: number;
  readonly who: Principal;
  readonly version: Microversion;
  readonly origin: string;
}

/** A resource's self and bookmark links under the served compute endpoint (the bookmark has no version). */
export const computeLinks = (origin: string, collection: string, id: string) => [
  { href: `${origin}/compute/v2.1/${collection}/${id}`, rel: 'self' },
  { href: `${origin}/compute/${collection}/${id}`, rel: 'bookmark' },
];

/** GET /servers index entry: id, name, links. */
export const basicServer = (s: Server, origin: string) => ({ id: s.uuid, name: s.name, links: computeLinks(origin, 'servers', s.uuid) });

/**
 * GET /servers/{id} (and each /servers/detail entry) as ViewBuilder.show
 * draws it at the request's microversion: built on servers.json's view
 * (the same fields, the same formats), with the parts a live request adds:
 * progress from now, the links of the served endpoint, the extended
 * attributes an admin sees, and each microversion's changes up to 2.56.
 */
export function showServer(s: Server, f: ViewFor): Record<string, unknown> {
  const { nova, version: v, origin } = f;
  const { inventory } = nova.cloud;
  const base = serverView(inventory, nova.extras.details, s);
  const record = f.records.server(s.id);
  const host = s.host === null ? undefined : inventory.host(s.host);
  const status = String(base['status']);
  const imageId = imageIdOf(inventory, s.image.name);
  const out: Record<string, unknown> = {
    accessIPv4: base['accessIPv4'],
    accessIPv6: base['accessIPv6'],
    // Nova hides the addresses of a server while it builds.
    addresses: s.vmState === 'building' ? {} : base['addresses'],
    created: base['created'],
    flavor: atLeast(v, '2.47') ? base['flavor'] : { id: s.flavor.name, links: [{ href: `${origin}/compute/flavors/${s.flavor.name}`, rel: 'bookmark' }] },
    hostId: base['hostId'],
    id: s.uuid,
    image: s.bootFromVolume ? '' : { id: imageId, links: [{ href: `${origin}/compute/images/${imageId}`, rel: 'bookmark' }] },
    links: computeLinks(origin, 'servers', s.uuid),
    metadata: base['metadata'],
    name: s.name,
    status,
    tenant_id: base['tenant_id'],
    user_id: record?.userId ?? '',
    updated: base['updated'],
    'OS-DCF:diskConfig': record?.diskConfig ?? 'MANUAL',
  };
  if (base['fault'] !== undefined) out['fault'] = base['fault'];
  if (PROGRESS_STATUSES.has(status)) out['progress'] = nova.extras.progress.of(s, f.now);
  out['OS-EXT-AZ:availability_zone'] = base['OS-EXT-AZ:availability_zone'];
  out['config_drive'] = record?.configDrive ?? '';
  out['key_name'] = record?.keyName ?? null;
  out['OS-SRV-USG:launched_at'] = base['OS-SRV-USG:launched_at'];
  out['OS-SRV-USG:terminated_at'] = base['OS-SRV-USG:terminated_at'];
  if (isAdmin(f.who)) Object.assign(out, extendedAttributes(s, host?.name ?? null, record, v));
  out['OS-EXT-STS:task_state'] = base['OS-EXT-STS:task_state'];
  out['OS-EXT-STS:vm_state'] = base['OS-EXT-STS:vm_state'];
  out['OS-EXT-STS:power_state'] = base['OS-EXT-STS:power_state'];
  // novasim models no Cinder volumes: a boot volume is a flag of the server, not an attachment.
  out['os-extended-volumes:volumes_attached'] = [];
  if (atLeast(v, '2.9')) out['locked'] = s.locked;
  if (atLeast(v, '2.16') && isAdmin(f.who)) out['host_status'] = hostStatus(host, f.now);
  if (atLeast(v, '2.19')) out['description'] = record === undefined ? null : record.description;
  if (atLeast(v, '2.26')) out['tags'] = [];
  return out;
}

/** os-extended-server-attributes (admin by default policy); 2.3 adds the ones the EC2 API needed. */
function extendedAttributes(s: Server, host: string | null, record: ReturnType<ServedRecords['server']>, v: Microversion): Record<string, unknown> {
  const attrs: Record<string, unknown> = {
    'OS-EXT-SRV-ATTR:host': host,
    // instance_name_template's default, 'instance-%08x', of the database id (1 for the first server).
    'OS-EXT-SRV-ATTR:instance_name': `instance-${(s.id + 1).toString(16).padStart(8, '0')}`,
    'OS-EXT-SRV-ATTR:hypervisor_hostname': host,
  };
  if (!atLeast(v, '2.3')) return attrs;
  return {
    ...attrs,
    'OS-EXT-SRV-ATTR:hostname': record?.hostname ?? s.name,
    'OS-EXT-SRV-ATTR:kernel_id': '',
    'OS-EXT-SRV-ATTR:launch_index': record?.launchIndex ?? 0,
    'OS-EXT-SRV-ATTR:ramdisk_id': '',
    'OS-EXT-SRV-ATTR:reservation_id': record?.reservationId ?? '',
    'OS-EXT-SRV-ATTR:root_device_name': s.launchedAt === null ? null : '/dev/vda',
    'OS-EXT-SRV-ATTR:user_data': record?.userData ?? null,
  };
}
