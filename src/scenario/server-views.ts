import type { Nova } from '../cloud/nova.js';
import { filesJson, limitsJson, serversJson } from '../metrics/index.js';
import type { Inventory } from '../model/inventory.js';
import type { Scenario } from './schema.js';
import { serverLimitsOf } from './server-settings.js';

/** The API-shaped outputs of a run: servers.json, limits.json, files.json. */
export interface ServerViews {
  readonly serversJson: string;
  readonly limitsJson: string;
  readonly filesJson: string;
}

/**
 * Settles the progress of builds still spawning at `end` (servers.csv
 * reads it too, so call this first), then renders the three views.
 */
export function serverViews(nova: Nova, inventory: Inventory, scenario: Scenario, end: number): ServerViews {
  const { extras } = nova;
  extras.progress.settle(inventory.servers, end);
  const groupsOf = new Map<number, number>();
  for (const g of inventory.groups) groupsOf.set(g.project, (groupsOf.get(g.project) ?? 0) + 1);
  const projects = [...inventory.projects.values()].map((p) => ({
    project: p.name,
    quota: extras.quotas.quota(p.id),
    usage: extras.quotas.usage(p.id),
    serverGroups: groupsOf.get(p.id) ?? 0,
  }));
  return {
    serversJson: serversJson(inventory, extras.details),
    limitsJson: limitsJson(projects, serverLimitsOf(scenario.limits), nova.cloud.config.server_group_members),
    filesJson: filesJson(inventory, extras.details),
  };
}
