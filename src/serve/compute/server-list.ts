import { knownStatuses, nameFilter } from '../../lifecycle/server-query.js';
import { statusOf } from '../../lifecycle/status.js';
import type { Server } from '../../model/server.js';
import { reply, type Reply } from '../http/exchange.js';
import { allows, isAdmin, type Compute, type ComputeCall } from './context.js';
import { badRequest, policyFault } from './faults.js';
import { indexOf } from './ids.js';
import { atLeast } from './microversion.js';
import { nextLinks, pageOf } from './paging.js';
import { basicServer, showServer } from './server-view.js';

/** A filter on one server; true keeps it. */
type Keep = (s: Server) => boolean;

/**
 * GET /servers and /servers/detail: a project's servers (an admin's with
 * all_tenants: every project's), newest first as Nova sorts them
 * (created_at, then id, descending), filtered, in pages of at most
 * [api] max_limit with a "next" link on a full page.
 */
export function listServers(c: Compute, call: ComputeCall, detail: boolean): Reply {
  const rule = `os_compute_api:servers:${detail ? 'detail' : 'index'}`;
  if (!allows(call.who, 'reader')) return policyFault(rule);
  const page = pageOf(call.query);
  if ('status' in page) return page;
  const allTenants = isAllTenants(call.query.get('all_tenants'));
  if (allTenants && !isAdmin(call.who)) return policyFault(`${rule}:get_all_tenants`);
  const filters = filtersOf(c, call, allTenants);
  if (!Array.isArray(filters)) return filters;
  const now = c.cloud.catchUp();
  const { servers } = c.nova.cloud.inventory;
  // Servers are created in order, so newest first is the inventory backwards; a marker resumes below itself.
  let start = servers.length - 1;
  if (page.marker !== undefined) {
    const at = markerIndex(servers, page.marker);
    if (at === undefined) return badRequest(`marker [${page.marker}] not found`);
    start = at - 1;
  }
  const found: Server[] = [];
  for (let i = start; i >= 0 && found.length < page.limit; i--) {
    const s = servers[i]!;
    if (s.vmState !== 'deleted' && filters.every((keep) => keep(s))) found.push(s);
  }
  const view = { nova: c.nova, records: c.records, now, who: call.who, version: call.version, origin: call.origin };
  const collection = detail ? 'servers/detail' : 'servers';
  const links = nextLinks(call.origin, collection, call.query, page.limit, found.map((s) => s.uuid));
  return reply(200, { servers: found.map((s) => (detail ? showServer(s, view) : basicServer(s, call.origin))), ...(links.length > 0 ? { servers_links: links } : {}) });
}

/** common.is_all_tenants: present and not a false word. */
const isAllTenants = (value: string | null): boolean => value !== null && !['0', 'false', 'f', 'no', 'n', 'off'].includes(value.toLowerCase());

function markerIndex(servers: readonly Server[], marker: string): number | undefined {
  const uuid = /^00000000-0000-4000-8000-[0-9a-f]{12}$/i.test(marker) ? Number.parseInt(marker.slice(24), 16) : undefined;
  return uuid !== undefined && servers[uuid] !== undefined ? uuid : undefined;
}

/**
 * The filters Nova applies: the caller's project unless an admin asked for
 * all tenants; for non-admins only the options servers.py lets them use
 * (others are dropped silently, as remove_invalid_options drops them).
 */
function filtersOf(c: Compute, call: ComputeCall, allTenants: boolean): Keep[] | Reply {
  const q = call.query;
  const { inventory } = c.nova.cloud;
  const admin = isAdmin(call.who);
  const keep: Keep[] = [];
  const project = allTenants ? (q.get('project_id') ?? q.get('tenant_id')) : call.who.project;
  if (project !== null) keep.push((s) => inventory.projectName(s.project) === project);
  const statuses = q.getAll('status').map((x) => x.toUpperCase());
  if (statuses.length > 0) {
    const known: string[] = knownStatuses(statuses);
    if (known.length === 0) return atLeast(call.version, '2.38') ? badRequest('Invalid status value') : [() => false];
    keep.push((s) => known.includes(statusOf(s.vmState, s.taskState)));
  }
  const name = q.get('name');
  if (name !== null) {
    const pattern = nameFilter(name);
    keep.push((s) => pattern !== null && pattern.test(s.name));
  }
  const image = q.get('image');
  if (image !== null) keep.push((s) => indexOf('image', image.split('/').at(-1) ?? '') === s.image.id);
  const flavor = q.get('flavor');
  if (flavor !== null) keep.push((s) => s.flavor.name === flavor.split('/').at(-1));
  const reservation = q.get('reservation_id');
  if (reservation !== null) keep.push((s) => c.records.server(s.id)?.reservationId === reservation);
  const ip = q.get('ip');
  if (ip !== null) {
    const pattern = nameFilter(ip);
    keep.push((s) => pattern !== null && s.addresses.some((a) => a.version === 4 && pattern.test(a.addr)));
  }
  if (admin) {
    const host = q.get('host') ?? q.get('node');
    if (host !== null) keep.push((s) => s.host !== null && inventory.host(s.host).name === host);
    const vmState = q.get('vm_state');
    if (vmState !== null) keep.push((s) => s.vmState === vmState);
    const az = q.get('availability_zone');
    if (az !== null) keep.push((s) => (s.host !== null ? inventory.host(s.host).availabilityZone : s.availabilityZone) === az);
  }
  return keep;
}
