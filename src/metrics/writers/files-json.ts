import type { Inventory } from '../../model/inventory.js';
import type { ServerDetailsTable, ServerFile } from '../../model/server-details.js';
import { rounded } from '../format.js';
import type { RenderedFile } from './output-file.js';

/**
 * files.json: each server's file tree as injection left it, for the
 * servers not deleted that have one (a deleted server's disk is gone, so
 * names are unique): server name -> its files in path order (code units).
 * A personality file shows its decoded size, owner, group, mode and when
 * it was written (simulated seconds); an image's own file shows its path
 * only; a file moved aside shows the path it came from and when.
 * Contents are never kept.
 */
export function renderFilesJson(inventory: Inventory, details: ServerDetailsTable): string {
  const out: Record<string, unknown> = {};
  for (const s of inventory.servers) {
    const files = details.peek(s.id)?.files;
    if (s.vmState === 'deleted' || files === undefined || files.size === 0) continue;
    out[s.name] = [...files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).map(fileView);
  }
  return `${JSON.stringify(out, null, 2)}\n`;
}

export const filesJson = {
  kind: 'rendered',
  name: 'files.json',
  stable: true,
  render: (end) => renderFilesJson(end.inventory, end.details),
} as const satisfies RenderedFile;

const fileView = (f: ServerFile): Record<string, unknown> => ({
  path: f.path,
  source: f.source,
  size_bytes: f.sizeBytes,
  owner: f.owner,
  group: f.group,
  mode: f.mode,
  injected_at: f.injectedAt === null ? null : rounded(f.injectedAt, 3),
  renamed_from: f.renamedFrom,
  renamed_at: f.renamedAt === null ? null : rounded(f.renamedAt, 3),
});
