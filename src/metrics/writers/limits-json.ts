import type { ServerLimits } from '../../model/compute-limits.js';
import type { ProjectLimits } from '../run-end.js';
import type { RenderedFile } from './output-file.js';

/**
 * limits.json: per project, what its users would see from GET /limits at
 * the end of the run (microversion 2.56: the last to show maxPersonality
 * and maxPersonalitySize, after 2.36 dropped the network limits and 2.39
 * maxImageMeta). Names as nova/api/openstack/compute/views/limits.py maps
 * the quotas (metadata_items -> maxServerMeta, injected_files ->
 * maxPersonality, injected_file_content_bytes -> maxPersonalitySize, ...)
 * and as the used limits add them (totalInstancesUsed, ...); -1 is
 * unlimited. Projects in scenario order, keys in a fixed order.
 */
export function renderLimitsJson(projects: readonly ProjectLimits[], limits: ServerLimits, serverGroupMembers: number): string {
  const out: Record<string, unknown> = {};
  for (const p of projects) {
    out[p.project] = {
      limits: {
        rate: [],
        absolute: {
          maxServerMeta: limits.maxServerMeta,
          maxPersonality: limits.maxPersonality,
          maxPersonalitySize: limits.maxPersonalitySize,
          maxTotalInstances: p.quota.instances,
          maxTotalCores: p.quota.cores,
          maxTotalRAMSize: p.quota.ram,
          maxTotalKeypairs: p.quota.keyPairs,
          maxServerGroups: p.quota.serverGroups,
          maxServerGroupMembers: serverGroupMembers,
          totalInstancesUsed: p.usage.instances,
          totalCoresUsed: p.usage.cores,
          totalRAMUsed: p.usage.ram,
          totalServerGroupsUsed: p.serverGroups,
        },
      },
    };
  }
  return `${JSON.stringify(out, null, 2)}\n`;
}

export const limitsJson = {
  kind: 'rendered',
  name: 'limits.json',
  stable: true,
  render: (end) => renderLimitsJson(end.projects, end.limits, end.serverGroupMembers),
} as const satisfies RenderedFile;
