import { header, MALFORMED, reply, type Call, type Reply } from '../http/exchange.js';
import { Router, type Params } from '../http/router.js';
import { DOMAIN, impliedRoles, type Directory } from './directory.js';
import { badRequest, keystoneError, notFound, unauthorized } from './errors.js';
import type { Token, Tokens } from './tokens.js';

export type IdentityHandler = (call: Call, params: Params) => Reply;

/** Keystone's version record (keystone/api/discovery.py). */
const version = (origin: string) => ({
  id: 'v3.14',
  status: 'stable',
  updated: '2020-04-07T00:00:00Z',
  links: [{ rel: 'self', href: `${origin}/identity/v3/` }],
  'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.identity-v3+json' }],
});

/** Keystone's time format: ISO 8601 in UTC with microseconds. */
export const keystoneTime = (ms: number): string => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');

/** The service catalog: identity, compute (v2.1, no project in the URL since 2.18) and image, one region. */
function catalog(origin: string) {
  const service = (type: string, name: string, url: string) => ({
    endpoints: ['public', 'internal', 'admin'].map((iface) => ({ id: `${name}-${iface}`, interface: iface, region: 'RegionOne', region_id: 'RegionOne', url })),
    id: name,
    type,
    name,
  });
  return [service('identity', 'keystone', `${origin}/identity`), service('compute', 'nova', `${origin}/compute/v2.1`), service('image', 'glance', `${origin}/image`)];
}

/** A project-scoped token as keystone/common/render_token.py renders it. */
export function tokenBody(token: Token, origin: string, withCatalog: boolean) {
  const { user } = token;
  return {
    token: {
      methods: ['password'],
      user: { domain: { ...DOMAIN }, id: user.name, name: user.name, password_expires_at: null },
      audit_ids: [token.auditId],
      expires_at: keystoneTime(token.expiresAt),
      issued_at: keystoneTime(token.issuedAt),
      project: { domain: { ...DOMAIN }, id: user.project, name: user.project },
      is_domain: false,
      roles: impliedRoles(user.role).map((r) => ({ id: r, name: r })),
      ...(withCatalog ? { catalog: catalog(origin) } : {}),
    },
  };
}

/**
 * The part of Keystone v3 that clients need: version discovery, password
 * authentication scoped to the user's project, token validation and
 * revocation. Users and roles come from the scenario's projects.
 */
export function identityRoutes(directory: Directory, tokens: Tokens): Router<IdentityHandler> {
  const issue: IdentityHandler = (call) => {
    const credentials = passwordCredentials(call.body);
    if (typeof credentials === 'string') return badRequest(credentials);
    const user = directory.authenticate(credentials.name, credentials.password);
    // A project other than the user's own: no role there, so no token (Keystone answers 401 alike).
    if (user === undefined || (credentials.project !== undefined && credentials.project !== user.project)) return unauthorized(call.origin);
    const token = tokens.issue(user);
    return reply(201, tokenBody(token, call.origin, !call.query.has('nocatalog')), { 'x-subject-token': token.id });
  };
  const subject = (call: Call): Token | Reply => {
    if (tokens.valid(header(call, 'x-auth-token')) === undefined) return unauthorized(call.origin);
    return tokens.valid(header(call, 'x-subject-token')) ?? notFound('Failed to validate token');
  };
  return new Router<IdentityHandler>()
    .add('GET', '', (call) => reply(300, { versions: { values: [version(call.origin)] } }, { location: `${call.origin}/identity/v3/` }))
    .add('GET', 'v3', (call) => reply(200, { version: version(call.origin) }))
    .add('POST', 'v3/auth/tokens', issue)
    .add('GET', 'v3/auth/tokens', (call) => {
      const token = subject(call);
      return 'status' in token ? token : reply(200, tokenBody(token, call.origin, !call.query.has('nocatalog')), { 'x-subject-token': token.id });
    })
    .add('HEAD', 'v3/auth/tokens', (call) => {
      const token = subject(call);
      return 'status' in token ? token : reply(200, undefined, { 'x-subject-token': token.id });
    })
    .add('DELETE', 'v3/auth/tokens', (call) => {
      const token = subject(call);
      if ('status' in token) return token;
      tokens.revoke(token.id);
      return reply(204);
    });
}

interface Credentials {
  readonly name: string;
  readonly password: string;
  /** The project the token is to be scoped to; undefined: the user's own (Keystone's default project). */
  readonly project: string | undefined;
}

/** The password method's user and the scope, or Keystone's 400 text for a body without them. */
function passwordCredentials(body: unknown): Credentials | string {
  if (body === MALFORMED) return 'Expecting to find valid JSON in request body. The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.';
  const auth = field(body, 'auth');
  const identity = field(auth, 'identity');
  if (identity === undefined) return "Invalid input for field 'auth': 'identity' is a required property";
  const methods = field(identity, 'methods');
  if (!Array.isArray(methods)) return "Invalid input for field 'identity': 'methods' is a required property";
  const user = field(field(identity, 'password'), 'user');
  const name = field(user, 'name') ?? field(user, 'id');
  const password = field(user, 'password');
  if (!methods.includes('password') || typeof name !== 'string' || typeof password !== 'string')
    return 'Invalid input for field identity/password/user: id or name must be present.';
  const project = field(field(field(auth, 'scope'), 'project'), 'name') ?? field(field(field(auth, 'scope'), 'project'), 'id');
  return { name, password, project: typeof project === 'string' ? project : undefined };
}

const field = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;

/** Keystone's answer to a path it has no route for. */
export const identityNotFound = (): Reply => keystoneError(404, 'Not Found', 'The resource could not be found.');
