import { statusOf } from '../../lifecycle/status.js';
import type { Flavor } from '../../model/catalog.js';
import { hostIdOf } from '../../model/host-id.js';
import type { Inventory } from '../../model/inventory.js';
import type { ServerDetailsTable } from '../../model/server-details.js';
import type { Server } from '../../model/server.js';
import { POWER_STATE_CODES } from '../../model/states.js';
import { isoTime } from './iso-time.js';
import type { RenderedFile } from './output-file.js';

/** Where the API's links point: http://novasim/v2.1/servers/<id> (self) and http://novasim/servers/<id> (bookmark). */
export const API_ROOT = 'http://novasim';
const VERSION = 'v2.1';

/** The statuses whose fault the API shows (nova/api/openstack/compute/views/servers.py `_fault_statuses`). */
const FAULT_STATUSES = new Set(['ERROR', 'DELETED']);

/**
 * The statuses whose `progress` the API shows (the same file's `_progress_statuses`);
 * a server in ERROR, SHUTOFF, PAUSED... has no `progress` key at all.
 */
export const PROGRESS_STATUSES: ReadonlySet<string> = new Set(['ACTIVE', 'BUILD', 'REBUILD', 'RESIZE', 'VERIFY_RESIZE', 'MIGRATING']);

/** The self and bookmark links of a resource, as Nova builds them (the bookmark drops the version). */
export const linksOf = (collection: string, id: string): { href: string; rel: string }[] => [
  { href: `${API_ROOT}/${VERSION}/${collection}/${id}`, rel: 'self' },
  { href: `${API_ROOT}/${collection}/${id}`, rel: 'bookmark' },
];

/**
 * servers.json: the servers at the end of the run as an admin's
 * GET /servers/detail shows them (microversion 2.56: flavor embedded as
 * since 2.47, `locked` since 2.9): every server not deleted, newest first
 * as Nova sorts (created_at, then id, descending), keys in a fixed order.
 * Times are ISO dates of simulated time from SIM_EPOCH_UNIX. The admin
 * password is never part of it (Nova returns it once, in the create reply).
 * `progress` must have been settled to the end time beforehand.
 */
export function renderServersJson(inventory: Inventory, details: ServerDetailsTable): string {
  const servers: Record<string, unknown>[] = [];
  for (let i = inventory.servers.length - 1; i >= 0; i--) {
    const s = inventory.servers[i]!;
    if (s.vmState !== 'deleted') servers.push(serverView(inventory, details, s));
  }
  return `${JSON.stringify({ servers }, null, 2)}\n`;
}

export const serversJson = {
  kind: 'rendered',
  name: 'servers.json',
  stable: true,
  render: (end) => renderServersJson(end.inventory, end.details),
} as const satisfies RenderedFile;

/** One server as the admin's GET /servers/detail at 2.56 shows it (servers.json; the served API adapts it to each request). */
export function serverView(inventory: Inventory, details: ServerDetailsTable, s: Server): Record<string, unknown> {
  const project = inventory.projectName(s.project);
  const host = s.host === null ? null : inventory.host(s.host);
  const status = statusOf(s.vmState, s.taskState);
  const row = details.peek(s.id);
  const view: Record<string, unknown> = {
    id: s.uuid,
    name: s.name,
    status,
    tenant_id: project,
    hostId: hostIdOf(host?.name ?? null, project),
    'OS-EXT-SRV-ATTR:host': host?.name ?? null,
    'OS-EXT-AZ:availability_zone': host?.availabilityZone ?? s.availabilityZone ?? '',
    'OS-EXT-STS:vm_state': s.vmState,
    'OS-EXT-STS:task_state': s.taskState,
    'OS-EXT-STS:power_state': POWER_STATE_CODES[s.powerState],
    ...(PROGRESS_STATUSES.has(status) ? { progress: s.progress } : {}),
    flavor: flavorView(s.flavor),
    image: s.bootFromVolume ? '' : { id: s.image.name, links: [{ href: `${API_ROOT}/images/${s.image.name}`, rel: 'bookmark' }] },
    addresses: addressesView(s),
    accessIPv4: s.accessIPv4 ?? '',
    accessIPv6: s.accessIPv6 ?? '',
    metadata: Object.fromEntries([...(row?.metadata ?? [])].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    locked: s.locked,
    created: isoTime(s.createdAt),
    updated: isoTime(s.updatedAt),
    'OS-SRV-USG:launched_at': s.launchedAt === null ? null : isoTime(s.launchedAt, true),
    'OS-SRV-USG:terminated_at': s.deletedAt === null ? null : isoTime(s.deletedAt, true),
    links: linksOf('servers', s.uuid),
  };
  if (FAULT_STATUSES.has(status) && s.fault !== null)
    view.fault = { code: 500, created: isoTime(row?.faultAt ?? s.updatedAt), message: s.fault };
  return view;
}

/** The flavor as embedded since microversion 2.47. */
function flavorView(f: Flavor): Record<string, unknown> {
  const specs = Object.entries(f.extraSpecs ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { disk: f.diskGb, ephemeral: 0, extra_specs: Object.fromEntries(specs), original_name: f.name, ram: f.ramMb, swap: 0, vcpus: f.vcpus };
}

/** `addresses`: network name -> its fixed IPs, networks in the server's NIC order. Read defensively: a server may carry none. */
function addressesView(s: Server): Record<string, AddressView[]> {
  const byNetwork = new Map<string, AddressView[]>();
  const addresses = (s as Partial<Pick<Server, 'addresses'>>).addresses ?? [];
  for (const a of addresses) {
    const list = byNetwork.get(a.network) ?? [];
    list.push({ version: a.version, addr: a.addr, 'OS-EXT-IPS:type': 'fixed' });
    byNetwork.set(a.network, list);
  }
  return Object.fromEntries(byNetwork);
}

interface AddressView {
  readonly version: number;
  readonly addr: string;
  readonly 'OS-EXT-IPS:type': string;
}
