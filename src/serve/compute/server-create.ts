import { MALFORMED, reply, type Reply } from '../http/exchange.js';
import { allows, type Compute, type ComputeCall } from './context.js';
import { createSchema, truthy } from './create-schema.js';
import { badRequest, policyFault, refused } from './faults.js';
import { imageNamed } from './ids.js';
import { firstError, novaDetail } from './json-schema.js';
import { atLeast } from './microversion.js';
import { displayPassword, idFromHref, sanitizeHostname } from './names.js';
import { requestedNetworks, type NetworkIds } from './networks.js';
import { computeLinks } from './server-view.js';

type Body = { readonly server: Record<string, unknown> } & Readonly<Record<string, unknown>>;

/**
 * POST /servers: Nova's body schema for the request's microversion, the
 * controller's own 400s, then the compute API (one create per server of a
 * multiple create), whose refusal is answered and recorded as run records
 * it. The answer is the first server (with its admin password, as
 * enable_instance_password shows it) or, when asked, the reservation id.
 */
export function createServers(c: Compute, call: ComputeCall, networks: NetworkIds): Reply {
  if (!allows(call.who, 'member')) return policyFault('os_compute_api:servers:create');
  if (call.body === MALFORMED) return badRequest('Malformed request body');
  const error = firstError(createSchema(call.version), call.body);
  if (error !== null) return badRequest(novaDetail(error));
  const body = call.body as Body;
  const s = body.server;
  const min = Number(s['min_count'] ?? 1);
  const max = Number(s['max_count'] ?? min);
  if (min > max) return badRequest('min_count must be <= max_count');
  const refusal = unmodelled(s);
  if (refusal !== null) return refusal;
  const image = bootImage(s);
  if (typeof image !== 'string') return image;
  const nics = s['networks'] === undefined ? { nics: undefined } : requestedNetworks(s['networks'], networks, call.version);
  if ('status' in nics) return nics;
  const hints = (body['os:scheduler_hints'] ?? body['OS-SCH-HNT:scheduler_hints']) as { group?: string | string[] } | undefined;
  const group = Array.isArray(hints?.group) ? hints.group[0] : hints?.group;
  const { inventory } = c.nova.cloud;
  const password = typeof s['adminPass'] === 'string' ? s['adminPass'] : undefined;
  const outcome = c.cloud.take({
    action: 'create',
    as: call.who.role === 'admin' ? 'admin' : 'member',
    project: call.who.project,
    server: s['name'],
    flavor: idFromHref(String(s['flavorRef'])),
    image: imageNamed(inventory, image)?.name ?? image,
    boot_from_volume: Array.isArray(s['block_device_mapping_v2']) ? true : undefined,
    group,
    availability_zone: s['availability_zone'],
    networks: nics.nics,
    access_ip_v4: s['accessIPv4'],
    access_ip_v6: s['accessIPv6'],
    admin_pass: password,
    metadata: s['metadata'],
    personality: s['personality'],
    min_count: min,
    max_count: max,
  });
  if ('refusal' in outcome) return refused(outcome.refusal);
  if (!('servers' in outcome)) throw new Error('a create came to no servers');
  const reservationId = c.records.nextReservation();
  const name = String(s['name']);
  outcome.servers.forEach((server, i) => {
    c.records.noteServer(server, {
      userId: call.who.user,
      description: atLeast(call.version, '2.19') ? ((s['description'] as string | null | undefined) ?? null) : name,
      hostname: sanitizeHostname(outcome.servers.length > 1 ? server.name : name, `Server-${server.uuid}`),
      reservationId,
      launchIndex: i,
      keyName: null,
      configDrive: s['config_drive'] === undefined ? '' : truthy(s['config_drive']) ? 'True' : '',
      userData: typeof s['user_data'] === 'string' ? s['user_data'] : null,
      diskConfig: s['OS-DCF:diskConfig'] === 'AUTO' ? 'AUTO' : 'MANUAL',
    });
    c.records.noteAction(server, 'create', 'create', 'compute__do_build_and_run_instance', call.who, call.requestId);
  });
  if (truthy(s['return_reservation_id'])) return reply(202, { reservation_id: reservationId });
  const first = outcome.servers[0]!;
  const links = computeLinks(call.origin, 'servers', first.uuid);
  return reply(
    202,
    {
      server: {
        id: first.uuid,
        links,
        'OS-DCF:diskConfig': s['OS-DCF:diskConfig'] === 'AUTO' ? 'AUTO' : 'MANUAL',
        security_groups: s['security_groups'] ?? [{ name: 'default' }],
        adminPass: password ?? displayPassword(),
      },
    },
    { location: links[0]!.href },
  );
}

/**
 * What the request asks that the served cloud has none of: key pairs,
 * security groups besides default, tags. Nova answers a name it cannot
 * find with 400; novasim has no such thing to find.
 */
function unmodelled(s: Record<string, unknown>): Reply | null {
  if (s['key_name'] !== undefined) return badRequest('Invalid key_name provided.');
  const groups = (s['security_groups'] as { name?: string }[] | undefined) ?? [];
  const other = groups.find((g) => g.name !== undefined && g.name !== 'default');
  if (other !== undefined) return badRequest(`Security group ${other.name} not found.`);
  if (Array.isArray(s['tags']) && s['tags'].length > 0) return badRequest('novasim does not model server tags; create the server without tags');
  return null;
}

/**
 * The image the server boots: imageRef, or the image a boot volume is made
 * from (a block device mapping of source image, destination volume, boot
 * index 0: novasim's boot from volume). Other mappings attach volumes
 * novasim does not model.
 */
function bootImage(s: Record<string, unknown>): string | Reply {
  const bdms = s['block_device_mapping_v2'] as Record<string, unknown>[] | undefined;
  const imageRef = typeof s['imageRef'] === 'string' ? s['imageRef'] : '';
  if (bdms === undefined || bdms.length === 0) return imageRef === '' ? badRequest('Missing imageRef attribute') : imageRef;
  const boot = bdms.find((b) => String(b['boot_index']) === '0');
  if (bdms.length > 1 || boot === undefined || boot['source_type'] !== 'image' || boot['destination_type'] !== 'volume' || typeof boot['uuid'] !== 'string')
    return badRequest('Block Device Mapping is Invalid: novasim models one boot volume made from an image (source_type image, destination_type volume, boot_index 0) and no other volumes.');
  return boot['uuid'];
}
