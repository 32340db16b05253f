/**
 * GET /servers' filters, as Nova applies them (nova/api/openstack/compute/
 * servers.py _get_servers and compute/api.py get_all), on any listing of
 * servers: the served API's live servers and `novasim servers`' rows read
 * back from a results folder use the same rules.
 */
import { STATUSES, type Status } from './status.js';

/** What the filters read of one server. */
export interface ServerListing {
  readonly name: string;
  readonly status: string;
  readonly flavor: string;
  readonly image: string;
  /** null when the server has no host. */
  readonly host: string | null;
  readonly project: string;
  /** Simulated seconds of the last change (Nova's updated_at). */
  readonly updated: number;
  readonly deleted: boolean;
}

export interface ServerQuery {
  /** status=...: any of these API statuses. */
  readonly statuses?: readonly string[] | undefined;
  /** name=...: a regular expression matched anywhere in the name. */
  readonly name?: string | undefined;
  readonly flavor?: string | undefined;
  readonly image?: string | undefined;
  /** host=... (admin only in Nova). */
  readonly host?: string | undefined;
  readonly project?: string | undefined;
  /** changes-since=...: servers changed at or after this time, deleted ones included. */
  readonly changesSince?: number | undefined;
  /** deleted=true (admin only in Nova): deleted servers only. */
  readonly deleted?: boolean | undefined;
}

/**
 * The name and ip filters are regular expressions, matched anywhere (the
 * database's REGEXP); a bad one matches nothing. A quantified group, whose
 * backtracking could hold a process for minutes on a crafted name, is
 * matched as plain text instead.
 */
export function nameFilter(text: string): RegExp | null {
  if (/\)[*+?{]/.test(text)) return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  try {
    return new RegExp(text);
  } catch {
    return null;
  }
}

/** The statuses of a status filter that Nova knows (upper-cased); unknown ones match nothing. */
export const knownStatuses = (values: readonly string[]): Status[] =>
  values.map((v) => v.toUpperCase()).filter((v): v is Status => (STATUSES as readonly string[]).includes(v));

/**
 * The query as a test on one server. Without `deleted` or `changesSince`
 * deleted servers are left out, as Nova lists them only when asked for
 * deleted ones or for changes since a time.
 */
export function matcher(query: ServerQuery): (s: ServerListing) => boolean {
  const tests: ((s: ServerListing) => boolean)[] = [];
  if (query.deleted === true) tests.push((s) => s.deleted);
  else if (query.changesSince === undefined) tests.push((s) => !s.deleted);
  if (query.changesSince !== undefined) {
    const since = query.changesSince;
    tests.push((s) => s.updated >= since);
  }
  if (query.statuses !== undefined && query.statuses.length > 0) {
    const wanted = new Set<string>(knownStatuses(query.statuses));
    tests.push((s) => wanted.has(s.status));
  }
  if (query.name !== undefined) {
    const pattern = nameFilter(query.name);
    tests.push((s) => pattern !== null && pattern.test(s.name));
  }
  const exact = (value: string | undefined, of: (s: ServerListing) => string | null): void => {
    if (value !== undefined) tests.push((s) => of(s) === value);
  };
  exact(query.flavor, (s) => s.flavor);
  exact(query.image, (s) => s.image);
  exact(query.host, (s) => s.host);
  exact(query.project, (s) => s.project);
  return (s) => tests.every((t) => t(s));
}
