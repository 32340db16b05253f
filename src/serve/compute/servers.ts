import { MALFORMED, reply, type Reply } from '../http/exchange.js';
import { ACTION_BODIES } from './action-bodies.js';
import { allows, type Compute, type ComputeCall } from './context.js';
import { DESCRIPTION, NAME } from './create-schema.js';
import { badRequest, policyFault } from './faults.js';
import { imageNamed } from './ids.js';
import { checked } from './body.js';
import type { Schema } from './json-schema.js';
import { atLeast } from './microversion.js';
import { displayPassword } from './names.js';
import type { NetworkIds } from './networks.js';
import { route, type ComputeRoute } from './routes.js';
import { createServers } from './server-create.js';
import { listServers } from './server-list.js';
import { showServer, type ViewFor } from './server-view.js';
import { instanceNotFound, submitOnServer, visibleServer } from './submit.js';

const viewFor = (c: Compute, call: ComputeCall): ViewFor => ({ nova: c.nova, records: c.records, now: c.cloud.catchUp(), who: call.who, version: call.version, origin: call.origin });

/** GET /servers/{id}. */
function show(c: Compute, call: ComputeCall): Reply {
  const uuid = call.params['id'] ?? '';
  const server = visibleServer(c, call, uuid);
  return server === undefined ? instanceNotFound(uuid) : reply(200, { server: showServer(server, viewFor(c, call)) });
}

/** PUT /servers/{id}: access addresses through the update_server row; novasim keeps the name a server was created with. */
function update(c: Compute, call: ComputeCall): Reply {
  const fields: Record<string, Schema> = { name: NAME, 'OS-DCF:diskConfig': { type: 'string', enum: ['AUTO', 'MANUAL'] }, accessIPv4: { type: 'string', format: 'ipv4' }, accessIPv6: { type: 'string', format: 'ipv6' } };
  if (atLeast(call.version, '2.19')) fields['description'] = DESCRIPTION;
  const result = checked(call, { type: 'object', properties: { server: { type: 'object', properties: fields, additionalProperties: false } }, required: ['server'], additionalProperties: false });
  if ('fault' in result) return result.fault;
  const s = result.body['server'] as Record<string, unknown>;
  const current = visibleServer(c, call, call.params['id'] ?? '');
  if (current !== undefined && s['name'] !== undefined && s['name'] !== current.name)
    return badRequest('novasim keeps the name a server was created with (events.csv and servers.csv name servers by it); update without name');
  const server = submitOnServer(c, call, 'update_server', { access_ip_v4: s['accessIPv4'], access_ip_v6: s['accessIPv6'] });
  if ('status' in server) return server;
  const record = c.records.server(server.id);
  if (record !== undefined && s['description'] !== undefined) c.records.noteServer(server, { ...record, description: s['description'] as string | null });
  return reply(200, { server: showServer(server, viewFor(c, call)) });
}

/** DELETE /servers/{id}: 204. */
function remove(c: Compute, call: ComputeCall): Reply {
  const server = submitOnServer(c, call, 'delete', {});
  return 'status' in server ? server : reply(204);
}

/**
 * POST /servers/{id}/action: the body's one key names the action (Nova's
 * 400 for one it has no controller for), its schema checks the body
 * before the server is looked up, then the compute API decides.
 */
function action(c: Compute, call: ComputeCall): Reply {
  if (call.body === MALFORMED || typeof call.body !== 'object' || call.body === null || Array.isArray(call.body) || Object.keys(call.body).length === 0)
    return badRequest('Malformed request body');
  const key = Object.keys(call.body)[0]!;
  const spec = ACTION_BODIES[key];
  if (spec === undefined) return badRequest(`There is no such action: ${key}`);
  const result = checked(call, spec.schema(call.version));
  if ('fault' in result) return result.fault;
  const value = (result.body[key] ?? {}) as Record<string, unknown>;
  const fields = spec.fields(value, call.version);
  if (spec.action === 'rebuild') {
    const current = visibleServer(c, call, call.params['id'] ?? '');
    if (current !== undefined && value['name'] !== undefined && value['name'] !== current.name)
      return badRequest('novasim keeps the name a server was created with (events.csv and servers.csv name servers by it); rebuild without name');
    fields['image'] = imageNamed(c.nova.cloud.inventory, String(fields['image']))?.name ?? fields['image'];
  }
  const server = submitOnServer(c, call, spec.action, fields);
  if ('status' in server) return server;
  switch (key) {
    case 'rebuild':
      return reply(202, { server: { ...showServer(server, viewFor(c, call)), adminPass: value['adminPass'] ?? displayPassword() } });
    case 'rescue':
      return reply(200, { adminPass: value['adminPass'] ?? displayPassword() });
    case 'evacuate':
      return atLeast(call.version, '2.14') ? reply(200) : reply(200, { adminPass: value['adminPass'] ?? displayPassword() });
    case 'createImage':
    case 'createBackup':
      // novasim models the snapshot's time on the server, not the image it leaves in Glance.
      return atLeast(call.version, '2.45') ? reply(202, { image_id: snapshotId(call.requestId) }) : reply(202);
    default:
      return reply(spec.status);
  }
}

/** The id a snapshot answer names: Glance would make the image; novasim only names it (the request id's UUID). */
const snapshotId = (requestId: string): string => requestId.replace(/^req-/, '');

/** GET /servers/{id}/ips: the addresses, by network. */
function ips(c: Compute, call: ComputeCall): Reply {
  const uuid = call.params['id'] ?? '';
  const server = visibleServer(c, call, uuid);
  if (server === undefined) return instanceNotFound(uuid);
  return reply(200, { addresses: showServer(server, viewFor(c, call))['addresses'] });
}

export function serverRoutes(networks: NetworkIds): ComputeRoute[] {
  return [
    route('GET', 'servers', (c, call) => listServers(c, call, false)),
    route('GET', 'servers/detail', (c, call) => listServers(c, call, true)),
    route('POST', 'servers', (c, call) => createServers(c, call, networks)),
    route('GET', 'servers/:id', (c, call) => (allows(call.who, 'reader') ? show(c, call) : policyFault('os_compute_api:servers:show'))),
    route('PUT', 'servers/:id', update),
    route('DELETE', 'servers/:id', remove),
    route('POST', 'servers/:id/action', action),
    route('GET', 'servers/:id/ips', ips),
  ];
}
