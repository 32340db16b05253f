import type { ActionName } from '../../lifecycle/requests.js';
import { ACTIONS } from '../../lifecycle/server-actions.js';
import type { Server } from '../../model/server.js';
import type { Reply } from '../http/exchange.js';
import { allows, isAdmin, type Compute, type ComputeCall } from './context.js';
import { notFound, policyFault, refused } from './faults.js';
import { INSTANCE_ACTIONS } from './instance-actions-names.js';

/** Only ids of the shape servers have reach the compute API: any other text names no server. */
const SERVER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The server `uuid` names, as the caller may see it: a member only its own project's (Nova's project-scoped lookup). */
export function visibleServer(c: Compute, call: ComputeCall, uuid: string): Server | undefined {
  const server = SERVER_ID.test(uuid) ? c.nova.cloud.inventory.serverByUuid(uuid) : undefined;
  if (server === undefined || server.vmState === 'deleted') return undefined;
  return isAdmin(call.who) || c.nova.cloud.inventory.projectName(server.project) === call.who.project ? server : undefined;
}

export const instanceNotFound = (uuid: string): Reply => notFound(`Instance ${uuid} could not be found.`);

/**
 * A request on the server the URL names, taken by the compute API through
 * the served cloud (so its row and its recording are the ones a run of
 * the recording makes). A reader is refused by policy before the compute
 * API sees it, as Nova's controller refuses it; a server the caller cannot
 * see is 404 either way. An accepted request starts its instance action.
 */
export function submitOnServer(c: Compute, call: ComputeCall, action: ActionName, fields: Readonly<Record<string, unknown>>): Server | Reply {
  const uuid = call.params['id'] ?? '';
  if (!allows(call.who, 'member')) return visibleServer(c, call, uuid) === undefined ? instanceNotFound(uuid) : policyFault(ACTIONS[action].policy);
  if (!SERVER_ID.test(uuid)) return instanceNotFound(uuid);
  const outcome = c.cloud.take({ action, as: isAdmin(call.who) ? 'admin' : 'member', project: call.who.project, server_id: uuid, ...fields });
  if ('refusal' in outcome) return refused(outcome.refusal);
  const server = c.nova.cloud.inventory.serverByUuid(uuid)!;
  const names = INSTANCE_ACTIONS[action];
  if (names !== undefined) c.records.noteAction(server, names[0], action, names[1], call.who, call.requestId);
  return server;
}
