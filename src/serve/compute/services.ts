import { serviceUp, type Host } from '../../model/host.js';
import { reply, type Reply } from '../http/exchange.js';
import { allows, type Compute, type ComputeCall } from './context.js';
import { BOOLEAN, truthy } from './create-schema.js';
import { badRequest, notFound, policyFault } from './faults.js';
import { hostById, hostIdFor, updatedAt } from './hypervisors.js';
import { atLeast } from './microversion.js';
import { route, type ComputeRoute } from './routes.js';
import { checked } from './body.js';

const BINARY = 'nova-compute';

/** _get_service_detail: one nova-compute service per host (novasim models no other services); forced_down since 2.11. */
function serviceView(c: Compute, call: ComputeCall, host: Host, now: number): Record<string, unknown> {
  const view: Record<string, unknown> = {
    binary: BINARY,
    host: host.name,
    id: hostIdFor('service', host, call),
    zone: host.availabilityZone,
    status: host.enabled ? 'enabled' : 'disabled',
    state: serviceUp(host, now) ? 'up' : 'down',
    updated_at: updatedAt(c, host, now),
    disabled_reason: c.records.disabledReason(host.id),
  };
  if (atLeast(call.version, '2.11')) view['forced_down'] = host.forcedDown;
  return view;
}

/** A change to a host's service, taken as the host command its recording holds. */
function change(c: Compute, host: Host, command: string): void {
  c.cloud.take({ action: command, host: host.name });
}

/** Unforcing a host that evacuated servers and was not restarted since (services.py _check_for_evacuations). */
const evacuationsRemain = (host: Host): Reply | null =>
  host.evacuated.size === 0
    ? null
    : badRequest(`Unable to force up host ${host.name} as \`done\` evacuation migration records remain associated with the host. Ensure the compute service has been restarted, allowing these records to move to \`completed\` before retrying this request.`);

/** PUT /os-services/{uuid} (2.53): status and disabled_reason, forced_down; the service as it is after. */
function update253(c: Compute, call: ComputeCall): Reply {
  const result = checked(call, {
    type: 'object',
    properties: { status: { type: 'string', enum: ['enabled', 'disabled'] }, disabled_reason: { type: 'string', minLength: 1, maxLength: 255 }, forced_down: BOOLEAN },
    additionalProperties: false,
  });
  if ('fault' in result) return result.fault;
  const body = result.body;
  const id = call.params['id'] ?? '';
  const host = hostById(c, call, 'service', id);
  if (host === undefined) return notFound(`Service ${id} could not be found.`);
  if (body['status'] === 'enabled' && body['disabled_reason'] !== undefined) return badRequest("Specifying 'disabled_reason' with status 'enabled' is invalid.");
  if (body['status'] === undefined && body['forced_down'] === undefined) return badRequest("No updates were requested. Fields 'status' or 'forced_down' should be specified.");
  if (body['forced_down'] !== undefined && !truthy(body['forced_down'])) {
    c.cloud.catchUp();
    const refusal = evacuationsRemain(host);
    if (refusal !== null) return refusal;
  }
  if (body['status'] !== undefined) {
    change(c, host, body['status'] === 'enabled' ? 'enable_host' : 'disable_host');
    c.records.noteDisabledReason(host.id, body['status'] === 'disabled' ? ((body['disabled_reason'] as string | undefined) ?? null) : null);
  }
  if (body['forced_down'] !== undefined) change(c, host, truthy(body['forced_down']) ? 'force_down_host' : 'unforce_down_host');
  return reply(200, { service: serviceView(c, call, host, c.cloud.catchUp()) });
}

/** PUT /os-services/{enable,disable,disable-log-reason,force-down} before 2.53: by host and binary. */
function updateByHost(c: Compute, call: ComputeCall): Reply {
  const verb = call.params['id'] ?? '';
  const known = ['enable', 'disable', 'disable-log-reason', ...(atLeast(call.version, '2.11') ? ['force-down'] : [])];
  if (!known.includes(verb)) return notFound('Unknown action');
  const result = checked(call, {
    type: 'object',
    properties: { host: { type: 'string', minLength: 1, maxLength: 255 }, binary: { type: 'string', minLength: 1, maxLength: 255 }, disabled_reason: { type: 'string' }, forced_down: BOOLEAN },
    required: ['host', 'binary'],
    additionalProperties: false,
  });
  if ('fault' in result) return result.fault;
  const body = result.body;
  const [name, binary] = [String(body['host']), String(body['binary'])];
  if (binary !== BINARY) return badRequest(`Updating a ${binary} service is not supported. Only nova-compute services can be updated.`);
  const host = c.nova.cloud.inventory.hostNamed(name);
  if (host === undefined) return notFound(`Could not find binary ${binary} on host ${name}.`);
  if (verb === 'disable-log-reason' && body['disabled_reason'] === undefined) return badRequest('Missing disabled reason field');
  if (verb === 'force-down') {
    if (body['forced_down'] === undefined) return badRequest('Missing forced_down field');
    const forced = truthy(body['forced_down']);
    if (!forced) {
      c.cloud.catchUp();
      const refusal = evacuationsRemain(host);
      if (refusal !== null) return refusal;
    }
    change(c, host, forced ? 'force_down_host' : 'unforce_down_host');
    return reply(200, { service: { host: name, binary, forced_down: forced } });
  }
  const enable = verb === 'enable';
  const reason = verb === 'disable-log-reason' ? String(body['disabled_reason']) : null;
  change(c, host, enable ? 'enable_host' : 'disable_host');
  c.records.noteDisabledReason(host.id, reason);
  return reply(200, { service: { host: name, binary, status: enable ? 'enabled' : 'disabled', ...(reason ? { disabled_reason: reason } : {}) } });
}

/** os-services: list (filtered by host and binary) and updates, admin only by default policy. */
export function serviceRoutes(): ComputeRoute[] {
  const admin = (rule: string, handler: (c: Compute, call: ComputeCall) => Reply) => (c: Compute, call: ComputeCall) =>
    allows(call.who, 'admin') ? handler(c, call) : policyFault(`os_compute_api:os-services:${rule}`);
  return [
    route('GET', 'os-services', admin('list', (c, call) => {
      const now = c.cloud.catchUp();
      const [host, binary] = [call.query.get('host'), call.query.get('binary')];
      const hosts = binary !== null && binary !== BINARY ? [] : c.nova.cloud.inventory.hosts.filter((h) => host === null || h.name === host);
      return reply(200, { services: hosts.map((h) => serviceView(c, call, h, now)) });
    })),
    route('PUT', 'os-services/:id', admin('update', (c, call) => (atLeast(call.version, '2.53') ? update253(c, call) : updateByHost(c, call)))),
  ];
}
