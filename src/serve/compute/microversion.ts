import type { IncomingHttpHeaders } from 'node:http';

/**
 * Compute API microversions (nova/api/openstack/api_version_request.py):
 * a request asks for one with `OpenStack-API-Version: compute X.Y` (or the
 * legacy X-OpenStack-Nova-API-Version header), `latest` is the maximum,
 * and no header means 2.1. novasim serves 2.1 to 2.56: the versions whose
 * changes to the resources it serves it follows (2.56 is the last with
 * personality files and the one its servers.json shows).
 */
export interface Microversion {
  readonly major: number;
  readonly minor: number;
}

export const MIN_VERSION: Microversion = { major: 2, minor: 1 };
export const MAX_VERSION: Microversion = { major: 2, minor: 56 };

export const versionText = (v: Microversion): string => `${v.major}.${v.minor}`;

/** The request's version is `version` or later (Nova's api_version_request.is_supported). */
export function atLeast(v: Microversion, version: string): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return v.major > major || (v.major === major && v.minor >= minor);
}

/** What a bad version header gets: 400 for a malformed one, 406 for one out of range, with Nova's texts. */
export type VersionProblem = { readonly status: 400 | 406; readonly message: string };

/** The version a request asks for, or Nova's refusal of its header (microversion_parse's reading of the headers). */
export function requestedVersion(headers: IncomingHttpHeaders): Microversion | VersionProblem {
  const asked = fromHeaders(headers);
  if (asked === undefined) return MIN_VERSION;
  if (asked === 'latest') return MAX_VERSION;
  const match = /^([1-9]\d*)\.([1-9]\d*|0)$/.exec(asked);
  if (!match) return { status: 400, message: `API Version String ${asked} is of invalid format. Must be of format MajorNum.MinorNum.` };
  const v = { major: Number(match[1]), minor: Number(match[2]) };
  if (!atLeast(v, versionText(MIN_VERSION)) || atLeast(v, `${MAX_VERSION.major}.${MAX_VERSION.minor + 1}`))
    return {
      status: 406,
      message: `Version ${versionText(v)} is not supported by the API. Minimum is ${versionText(MIN_VERSION)} and maximum is ${versionText(MAX_VERSION)}.`,
    };
  return v;
}

/** `compute X.Y` in OpenStack-API-Version (a comma-separated list of `service version`), else the legacy header. */
function fromHeaders(headers: IncomingHttpHeaders): string | undefined {
  const header = headers['openstack-api-version'];
  for (const part of (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',')) {
    const [service, version, ...rest] = part.trim().split(/\s+/);
    if (service?.toLowerCase() === 'compute' && version !== undefined && rest.length === 0) return version;
  }
  const legacy = headers['x-openstack-nova-api-version'];
  return typeof legacy === 'string' ? legacy.trim() : undefined;
}
