import type { IncomingHttpHeaders } from 'node:http';

/** A body that is not JSON: each service answers it with its own 400. */
export const MALFORMED = Symbol('malformed body');

/** One request as the services see it: read whole, its JSON parsed, nothing about the socket. */
export interface Call {
  readonly method: string;
  /** The path, percent-decoded segment by segment, without the query. */
  readonly segments: readonly string[];
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  /** The parsed JSON body; undefined when there is none; MALFORMED when it is not JSON. */
  readonly body: unknown;
  /** Where the client reached the server (scheme, host and port), for the links and the catalog. */
  readonly origin: string;
  /** X-Openstack-Request-Id: req-<uuid>, as every OpenStack service answers. */
  readonly requestId: string;
}

/** An answer: status, JSON body (if any) and extra headers. */
export interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string | string[]>>;
}

export const reply = (status: number, body?: unknown, headers?: Reply['headers']): Reply => ({
  status,
  ...(body === undefined ? {} : { body }),
  ...(headers === undefined ? {} : { headers }),
});

/** The first value of a header. */
export function header(call: Call, name: string): string | undefined {
  const value = call.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
