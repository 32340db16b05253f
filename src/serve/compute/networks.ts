import { badRequest } from './faults.js';
import { idOf, indexOf } from './ids.js';
import { atLeast, type Microversion } from './microversion.js';
import type { Reply } from '../http/exchange.js';

/** The scenario's networks and named ports, in order: their served ids are their indexes. */
export interface NetworkIds {
  readonly networks: readonly string[];
  readonly ports: readonly string[];
}

/** The served id of each network and port, for the docs and the serve command's greeting. */
export const networkIdsOf = (ids: NetworkIds) => ({
  networks: ids.networks.map((name, i) => ({ name, id: idOf('network', i) })),
  ports: ids.ports.map((name, i) => ({ name, id: idOf('port', i) })),
});

/**
 * A create's `networks`, from the API's ids to the request table's names
 * (an id that names nothing is passed on as it came, so the compute API
 * refuses it as Nova does, with its row). Before 2.37 a network id that is
 * not a UUID is the controller's own 400.
 */
export function requestedNetworks(value: unknown, ids: NetworkIds, v: Microversion): { readonly nics: unknown } | Reply {
  if (typeof value === 'string') return { nics: value }; // auto or none (2.37)
  const nics: Record<string, unknown>[] = [];
  for (const item of value as Record<string, unknown>[]) {
    const port = item['port'];
    if (typeof port === 'string') {
      if (item['fixed_ip'] !== undefined) return badRequest(`Specified Fixed IP '${String(item['fixed_ip'])}' cannot be used with port '${port}': the two cannot be specified together.`);
      nics.push({ port: ids.ports[indexOf('port', port) ?? -1] ?? port });
      continue;
    }
    const uuid = item['uuid'];
    if (typeof uuid !== 'string') return badRequest("Bad network format: missing 'uuid'");
    if (!atLeast(v, '2.37') && !/^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(uuid))
      return badRequest(`Bad networks format: network uuid is not in proper format (${uuid})`);
    const name = ids.networks[indexOf('network', uuid) ?? -1] ?? uuid;
    nics.push(item['fixed_ip'] === undefined ? { network: name } : { network: name, fixed_ip: item['fixed_ip'] });
  }
  return { nics };
}
