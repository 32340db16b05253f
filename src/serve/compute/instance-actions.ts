import { isoTime } from '../../metrics/writers/iso-time.js';
import type { Server } from '../../model/server.js';
import { reply, type Reply } from '../http/exchange.js';
import { allows, isAdmin, type Compute, type ComputeCall } from './context.js';
import { notFound, policyFault } from './faults.js';
import { atLeast } from './microversion.js';
import type { ActionRecord } from './records.js';
import { route, type ComputeRoute } from './routes.js';
import { instanceNotFound } from './submit.js';

/** The server the URL names as instance actions read it: since 2.21 a deleted one too. */
function serverOf(c: Compute, call: ComputeCall): Server | Reply {
  const uuid = call.params['id'] ?? '';
  const server = c.nova.cloud.inventory.serverByUuid(uuid);
  const visible = server !== undefined && (isAdmin(call.who) || c.nova.cloud.inventory.projectName(server.project) === call.who.project);
  if (!visible || (server.vmState === 'deleted' && !atLeast(call.version, '2.21'))) return instanceNotFound(uuid);
  return server;
}

const actionView = (server: Server, a: ActionRecord) => ({
  action: a.action,
  instance_uuid: server.uuid,
  request_id: a.requestId,
  user_id: a.userId,
  project_id: a.projectId,
  start_time: isoTime(a.startTime, true),
  message: a.message,
});

/**
 * os-instance-actions (nova/api/openstack/compute/instance_actions.py): the
 * actions the served API's requests started on a server, newest first, and
 * one with its events: always for admins, for owners since 2.51 (without
 * the traceback).
 */
export function instanceActionRoutes(): ComputeRoute[] {
  return [
    route('GET', 'servers/:id/os-instance-actions', (c, call) => {
      const server = serverOf(c, call);
      if ('status' in server) return server;
      if (!allows(call.who, 'reader')) return policyFault('os_compute_api:os-instance-actions:list');
      c.cloud.catchUp();
      return reply(200, { instanceActions: [...c.records.actions(server.id)].reverse().map((a) => actionView(server, a)) });
    }),
    route('GET', 'servers/:id/os-instance-actions/:request', (c, call) => {
      const server = serverOf(c, call);
      if ('status' in server) return server;
      if (!allows(call.who, 'reader')) return policyFault('os_compute_api:os-instance-actions:show');
      c.cloud.catchUp();
      const found = c.records.actions(server.id).find((a) => a.requestId === call.params['request']);
      if (found === undefined) return notFound(`Action ${call.params['request']} not found`);
      const admin = isAdmin(call.who);
      const view: Record<string, unknown> = actionView(server, found);
      if (admin || atLeast(call.version, '2.51'))
        view['events'] = found.events.map((e) => ({
          event: e.event,
          start_time: isoTime(e.startTime, true),
          finish_time: e.finishTime === null ? null : isoTime(e.finishTime, true),
          result: e.result,
          ...(admin ? { traceback: null } : {}),
        }));
      return reply(200, { instanceAction: view });
    }),
  ];
}
