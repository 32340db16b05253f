import { renderLimitsJson } from '../../metrics/writers/limits-json.js';
import { reply, type Reply } from '../http/exchange.js';
import { isAdmin, type Compute, type ComputeCall } from './context.js';
import { notFound, policyFault } from './faults.js';
import { atLeast } from './microversion.js';
import { route, type ComputeRoute } from './routes.js';

/**
 * GET /limits: the project's quota and usage now, as limits.json renders
 * them (the file's view is the 2.56 one); before 2.39 maxImageMeta too
 * (metadata_items). An admin may ask for another project with tenant_id.
 */
function limits(c: Compute, call: ComputeCall): Reply {
  const other = call.query.get('tenant_id');
  if (other !== null && !isAdmin(call.who)) return policyFault('os_compute_api:limits:other_project');
  c.cloud.catchUp();
  const { inventory } = c.nova.cloud;
  const { extras } = c.nova;
  const name = other ?? call.who.project;
  const project = inventory.projects.get(name);
  // Nova shows the default quota of a project Keystone may know and it does not; novasim knows only the scenario's.
  if (project === undefined) return notFound(`Project ${name} could not be found.`);
  const serverGroups = inventory.groups.reduce((n, g) => n + (g.project === project.id ? 1 : 0), 0);
  const projectLimits = { project: name, quota: extras.quotas.quota(project.id), usage: extras.quotas.usage(project.id), serverGroups };
  const all = JSON.parse(renderLimitsJson([projectLimits], extras.limits, c.nova.cloud.config.server_group_members)) as Record<
    string,
    { limits: { rate: unknown[]; absolute: Record<string, number> } }
  >;
  const view = all[name]!;
  if (!atLeast(call.version, '2.39')) view.limits.absolute = { ...view.limits.absolute, maxImageMeta: extras.limits.maxServerMeta };
  return reply(200, view);
}

export const limitRoutes = (): ComputeRoute[] => [route('GET', 'limits', limits)];
