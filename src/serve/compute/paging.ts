import { badRequest } from './faults.js';
import type { Reply } from '../http/exchange.js';

/** nova.conf [api] max_limit: the most items one page holds. */
export const MAX_LIMIT = 1000;

/** limit and marker as common.get_limit_and_marker reads them, or the query schema's 400. */
export function pageOf(query: URLSearchParams): { limit: number; marker: string | undefined } | Reply {
  const limit = query.get('limit');
  if (limit !== null && !/^[0-9]+$/.test(limit))
    return badRequest(`Invalid input for query parameters limit. Value: ${limit}. '${limit}' does not match '^[0-9]*$'`);
  return { limit: Math.min(MAX_LIMIT, limit === null ? MAX_LIMIT : Number(limit)), marker: query.get('marker') ?? undefined };
}

/**
 * The "next" link a full page carries (common.ViewBuilder._get_collection_links):
 * the same query with the last item as the marker.
 */
export function nextLinks(origin: string, collection: string, query: URLSearchParams, limit: number, ids: readonly string[]): { href: string; rel: string }[] {
  if (limit === 0 || ids.length !== limit) return [];
  const params = new URLSearchParams(query);
  params.set('marker', ids.at(-1)!);
  return [{ href: `${origin}/compute/v2.1/${collection}?${params.toString()}`, rel: 'next' }];
}
