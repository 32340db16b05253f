import { reply, type Reply } from '../http/exchange.js';
import type { Compute, ComputeCall } from './context.js';
import { METADATA } from './create-schema.js';
import { badRequest, notFound } from './faults.js';
import { route, type ComputeRoute } from './routes.js';
import { checked } from './body.js';
import { instanceNotFound, submitOnServer, visibleServer } from './submit.js';

/** The server's metadata now, keys sorted (the view servers.json shows). */
function metadataOf(c: Compute, call: ComputeCall): Record<string, string> | Reply {
  const uuid = call.params['id'] ?? '';
  const server = visibleServer(c, call, uuid);
  if (server === undefined) return instanceNotFound(uuid);
  const held = c.nova.extras.details.peek(server.id)?.metadata ?? new Map<string, string>();
  return Object.fromEntries([...held].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

const wrap = (key: string, schema = METADATA) => ({ type: 'object', properties: { [key]: schema }, required: [key], additionalProperties: false }) as const;
const ONE_ITEM = { ...METADATA, minProperties: 1, maxProperties: 1 };

/**
 * /servers/{id}/metadata (nova/api/openstack/compute/server_metadata.py):
 * POST merges (update_metadata), PUT replaces (set_metadata), the keyed
 * routes read, set and delete one item. A delete is the set_metadata row
 * without the key: Nova's delete_instance_metadata has the same guards.
 */
export function metadataRoutes(): ComputeRoute[] {
  const change = (merge: boolean) => (c: Compute, call: ComputeCall): Reply => {
    const result = checked(call, wrap('metadata'));
    if ('fault' in result) return result.fault;
    const server = submitOnServer(c, call, merge ? 'update_metadata' : 'set_metadata', { metadata: result.body['metadata'] });
    if ('status' in server) return server;
    const metadata = metadataOf(c, call);
    return 'status' in metadata ? (metadata as Reply) : reply(200, { metadata });
  };
  return [
    route('GET', 'servers/:id/metadata', (c, call) => {
      const metadata = metadataOf(c, call);
      return 'status' in metadata ? (metadata as Reply) : reply(200, { metadata });
    }),
    route('POST', 'servers/:id/metadata', change(true)),
    route('PUT', 'servers/:id/metadata', change(false)),
    route('GET', 'servers/:id/metadata/:key', (c, call) => {
      const metadata = metadataOf(c, call);
      if ('status' in metadata) return metadata as Reply;
      const key = call.params['key'] ?? '';
      return Object.hasOwn(metadata, key) ? reply(200, { meta: { [key]: metadata[key] } }) : notFound('Metadata item was not found');
    }),
    route('PUT', 'servers/:id/metadata/:key', (c, call) => {
      const result = checked(call, wrap('meta', ONE_ITEM));
      if ('fault' in result) return result.fault;
      const meta = result.body['meta'] as Record<string, string>;
      const key = call.params['key'] ?? '';
      if (!Object.hasOwn(meta, key)) return badRequest('Request body and URI mismatch');
      const server = submitOnServer(c, call, 'update_metadata', { metadata: meta });
      return 'status' in server ? server : reply(200, { meta });
    }),
    route('DELETE', 'servers/:id/metadata/:key', (c, call) => {
      const metadata = metadataOf(c, call);
      if ('status' in metadata) return metadata as Reply;
      const key = call.params['key'] ?? '';
      if (!Object.hasOwn(metadata, key)) return notFound('Metadata item was not found');
      const rest = Object.fromEntries(Object.entries(metadata).filter(([k]) => k !== key));
      const server = submitOnServer(c, call, 'set_metadata', { metadata: rest });
      return 'status' in server ? server : reply(204);
    }),
  ];
}
