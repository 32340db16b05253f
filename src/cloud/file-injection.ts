import type { Image } from '../model/catalog.js';
import type { PendingFile, ServerDetails, ServerFile } from '../model/server-details.js';
import { SIM_EPOCH_UNIX } from '../model/sim-epoch.js';

/** The seed: injected files belong to root and the root group, readable by them only (octal 440). */
export const INJECTED_OWNER = 'root';
export const INJECTED_GROUP = 'root';
export const INJECTED_MODE = '0440';

/**
 * Where an existing file goes when an injection overwrites it: the seed's
 * `<path>.bak.<timestamp>` (its example `/etc/passwd.bak.1246036261.5785`),
 * the timestamp being Unix seconds with four decimals of the simulated
 * instant, counted from SIM_EPOCH_UNIX. A second file moved aside from the
 * same path at the same instant gets `.1`, `.2`, ... appended.
 */
export function backupPath(files: ReadonlyMap<string, ServerFile>, path: string, now: number): string {
  const base = `${path}.bak.${(SIM_EPOCH_UNIX + now).toFixed(4)}`;
  let candidate = base;
  for (let n = 1; files.has(candidate); n++) candidate = `${base}.${n}`;
  return candidate;
}

/** A disk fresh from `image` (a build, or a rebuild, which removes all data): the image's own files only. */
export function freshDisk(details: ServerDetails, image: Image): void {
  details.files.clear();
  for (const path of image.files ?? []) {
    details.files.set(path, {
      path, source: 'image', sizeBytes: null, owner: null, group: null, mode: null, injectedAt: null, renamedFrom: null, renamedAt: null,
    });
  }
}

/**
 * Writes the personality files in request order at `now`. A file already
 * at the same path (the image's, or one written earlier in the same
 * request) is first renamed to its backup path; nothing is lost.
 */
export function injectFiles(details: ServerDetails, files: readonly PendingFile[], now: number): void {
  for (const { path, sizeBytes } of files) {
    const existing = details.files.get(path);
    if (existing !== undefined) {
      const moved = backupPath(details.files, path, now);
      details.files.delete(path);
      details.files.set(moved, { ...existing, path: moved, renamedFrom: path, renamedAt: now });
    }
    details.files.set(path, {
      path,
      source: 'personality',
      sizeBytes,
      owner: INJECTED_OWNER,
      group: INJECTED_GROUP,
      mode: INJECTED_MODE,
      injectedAt: now,
      renamedFrom: null,
      renamedAt: null,
    });
  }
}
