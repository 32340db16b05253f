import type { ServerLimits } from '../model/compute-limits.js';
import type { PendingFile } from '../model/server-details.js';
import { badRequest, forbidden, utf8Bytes, type Refusal } from './refusal.js';

/** One file of a request's `personality`: where to write it and its contents in base64. */
export interface PersonalityItem {
  readonly path: string;
  readonly contents: string;
}

/** Whole base64 quads, then an optional padded tail: the strict check the v2 API made before decoding. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The 400s of a personality body, and the files it asks for (path and
 * decoded size). Contents that are not base64 get the API's text
 * (nova/api/openstack/compute/servers.py, v2: "Personality content for %s
 * cannot be decoded"). Decoded contents must be text, because the seed
 * allows text files only ("You cannot inject binary or zip files"): valid
 * UTF-8 without NUL bytes. Nova itself does not check this.
 */
export function decodePersonality(items: readonly PersonalityItem[]): Refusal | PendingFile[] {
  const files: PendingFile[] = [];
  for (const { path, contents } of items) {
    const compact = contents.replace(/\s/g, '');
    if (!BASE64.test(compact)) return badRequest(`Personality content for ${path} cannot be decoded`);
    const bytes = Buffer.from(compact, 'base64');
    if (!isText(bytes)) return badRequest(`Personality content for ${path} is not text: only text files can be injected`);
    files.push({ path, sizeBytes: bytes.length });
  }
  return files;
}

function isText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * The 403s, in Nova's order (nova/compute/api.py `_check_injected_file_quota`):
 * too many files (OnsetFileLimitExceeded), then the longest path over
 * injected_file_path_length (OnsetFilePathLimitExceeded, reported before
 * the content), then the largest file over maxPersonalitySize
 * (OnsetFileContentLimitExceeded). Sizes are decoded bytes, as the seed
 * says; Nova measures the base64 text, a third larger. -1 means no limit.
 */
export function personalityLimitRefusal(files: readonly PendingFile[], limits: ServerLimits): Refusal | null {
  if (files.length === 0) return null;
  if (over(files.length, limits.maxPersonality)) return forbidden('Personality file limit exceeded');
  const longestPath = Math.max(...files.map((f) => utf8Bytes(f.path)));
  if (over(longestPath, limits.injectedFilePathLength))
    return forbidden(`Personality file path exceeds maximum ${limits.injectedFilePathLength}`);
  const largest = Math.max(...files.map((f) => f.sizeBytes));
  if (over(largest, limits.maxPersonalitySize)) return forbidden(`Personality file content exceeds maximum ${limits.maxPersonalitySize}`);
  return null;
}

const over = (value: number, limit: number): boolean => limit >= 0 && value > limit;
