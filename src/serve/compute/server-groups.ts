import type { ServerGroup } from '../../model/server-group.js';
import { reply, type Reply } from '../http/exchange.js';
import { allows, isAdmin, type Compute, type ComputeCall } from './context.js';
import { NAME } from './create-schema.js';
import { notFound, policyFault, refused } from './faults.js';
import { atLeast } from './microversion.js';
import { route, type ComputeRoute } from './routes.js';
import { checked } from './body.js';

/** _format_server_group before 2.64: policies as a one-item list, empty metadata, live members; project and user since 2.13. */
function groupView(c: Compute, call: ComputeCall, g: ServerGroup): Record<string, unknown> {
  const { inventory } = c.nova.cloud;
  const view: Record<string, unknown> = {
    id: g.uuid,
    name: g.name,
    policies: [g.policy],
    metadata: {},
    members: [...g.members].map((id) => inventory.servers[id]!).filter((s) => s.vmState !== 'deleted').map((s) => s.uuid),
  };
  if (atLeast(call.version, '2.13')) Object.assign(view, { project_id: inventory.projectName(g.project), user_id: c.records.groupUser(g.id) });
  return view;
}

/** The group the URL names, if the caller's project owns it (an admin sees every group). */
function visibleGroup(c: Compute, call: ComputeCall): ServerGroup | Reply {
  const id = call.params['id'] ?? '';
  const g = c.nova.cloud.inventory.groupByUuid(id);
  const visible = g !== undefined && (isAdmin(call.who) || c.nova.cloud.inventory.projectName(g.project) === call.who.project);
  return visible ? g : notFound(`Instance group ${id} could not be found.`);
}

function create(c: Compute, call: ComputeCall): Reply {
  if (!allows(call.who, 'member')) return policyFault('os_compute_api:os-server-groups:create');
  const policies = atLeast(call.version, '2.15') ? ['anti-affinity', 'affinity', 'soft-anti-affinity', 'soft-affinity'] : ['anti-affinity', 'affinity'];
  const result = checked(call, {
    type: 'object',
    properties: {
      server_group: {
        type: 'object',
        properties: { name: NAME, policies: { type: 'array', prefixItems: [{ type: 'string', enum: policies }], uniqueItems: true, minItems: 1, maxItems: 1 } },
        required: ['name', 'policies'],
        additionalProperties: false,
      },
    },
    required: ['server_group'],
    additionalProperties: false,
  });
  if ('fault' in result) return result.fault;
  const sg = result.body['server_group'] as { name: string; policies: string[] };
  const outcome = c.cloud.take({ action: 'create_server_group', project: call.who.project, name: sg.name, policy: sg.policies[0] });
  if ('refusal' in outcome) return refused(outcome.refusal);
  if (!('group' in outcome)) throw new Error('a server group create made no group');
  c.records.noteGroup(outcome.group.id, call.who.user);
  return reply(200, { server_group: groupView(c, call, outcome.group) });
}

/**
 * os-server-groups: list (a project's; an admin's with all_projects, every
 * project's), show and create. Deleting a group is not served: novasim's
 * groups live as long as the run.
 */
export function serverGroupRoutes(): ComputeRoute[] {
  return [
    route('GET', 'os-server-groups', (c, call) => {
      if (!allows(call.who, 'reader')) return policyFault('os_compute_api:os-server-groups:index');
      const all = call.query.has('all_projects') && isAdmin(call.who);
      const { inventory } = c.nova.cloud;
      const groups = inventory.groups.filter((g) => all || inventory.projectName(g.project) === call.who.project);
      const offset = Number(call.query.get('offset') ?? 0) || 0;
      const limit = Math.min(1000, Number(call.query.get('limit') ?? 1000) || 1000);
      return reply(200, { server_groups: groups.slice(offset, offset + limit).map((g) => groupView(c, call, g)) });
    }),
    route('POST', 'os-server-groups', create),
    route('GET', 'os-server-groups/:id', (c, call) => {
      if (!allows(call.who, 'reader')) return policyFault('os_compute_api:os-server-groups:show');
      const g = visibleGroup(c, call);
      return 'status' in g ? (g as Reply) : reply(200, { server_group: groupView(c, call, g) });
    }),
  ];
}
