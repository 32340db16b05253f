import type { ServerLimits } from '../model/compute-limits.js';
import { badRequest, forbidden, utf8Bytes, type Refusal } from './refusal.js';

/** Metadata keys and values are stored in 255-wide columns (nova/compute/api.py `_check_metadata_properties_quota`). */
export const METADATA_ITEM_BYTES = 255;

/**
 * The 400s a metadata body can earn: an empty key, or a key or value over
 * 255 bytes. Nova's texts (InvalidMetadata / InvalidMetadataSize, from
 * `_check_metadata_properties_quota`) say "characters"; the seed says
 * bytes, and novasim counts UTF-8 bytes, so "é" counts twice. Nothing is
 * ever truncated: the whole request is refused.
 */
export function metadataSizeRefusal(metadata: Readonly<Record<string, string>>): Refusal | null {
  for (const [key, value] of Object.entries(metadata)) {
    if (key.length === 0) return badRequest('Invalid metadata: Metadata property key blank');
    if (utf8Bytes(key) > METADATA_ITEM_BYTES) return badRequest('Invalid metadata size: Metadata property key greater than 255 characters');
    if (utf8Bytes(value) > METADATA_ITEM_BYTES) return badRequest('Invalid metadata size: Metadata property value greater than 255 characters');
  }
  return null;
}

/** 403 MetadataLimitExceeded when a server would hold more than maxServerMeta pairs (-1: no limit). */
export function metadataCountRefusal(count: number, limits: ServerLimits): Refusal | null {
  const allowed = limits.maxServerMeta;
  return allowed >= 0 && count > allowed ? forbidden(`Maximum number of metadata items exceeds ${allowed}`) : null;
}
