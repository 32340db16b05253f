import { adminRoutes } from './admin/admin.js';
import { aggregateRoutes } from './compute/aggregates.js';
import { isAdmin, type Compute, type ComputeCall, type Principal } from './compute/context.js';
import { fault, notFound } from './compute/faults.js';
import { flavorRoutes } from './compute/flavors.js';
import { hypervisorRoutes } from './compute/hypervisors.js';
import { instanceActionRoutes } from './compute/instance-actions.js';
import { limitRoutes } from './compute/limits.js';
import { metadataRoutes } from './compute/metadata.js';
import { MIN_VERSION, requestedVersion, versionText, type Microversion } from './compute/microversion.js';
import { migrationRoutes } from './compute/migrations.js';
import type { NetworkIds } from './compute/networks.js';
import type { ComputeHandler, ComputeRoute } from './compute/routes.js';
import { serverGroupRoutes } from './compute/server-groups.js';
import { serverRoutes } from './compute/servers.js';
import { serviceRoutes } from './compute/services.js';
import { computeVersion, computeVersions } from './compute/versions.js';
import { zoneRoutes } from './compute/zones.js';
import { header, type Call, type Reply } from './http/exchange.js';
import { Router } from './http/router.js';
import { unauthorized } from './identity/errors.js';
import { identityNotFound, identityRoutes } from './identity/keystone.js';
import type { Directory } from './identity/directory.js';
import type { Tokens } from './identity/tokens.js';
import { imageRoutes } from './image/glance.js';

const routerOf = (routes: readonly ComputeRoute[]): Router<ComputeHandler> => routes.reduce((r, x) => r.add(x.method, x.path, x.handler), new Router<ComputeHandler>());

/** Nova's answer to a method a resource does not have. */
const badMethod = (allowed: readonly string[]): Reply => ({ ...fault(405, 'The method specified is not allowed for this resource.'), headers: { allow: allowed.join(', ') } });

/**
 * The served cloud's HTTP surface on one port: Keystone under /identity,
 * the Compute API under /compute, Image v2 under /image and novasim's
 * admin endpoint under /novasim/admin. Every request but version
 * discovery and token issue needs a valid token.
 */
export function servedApp(compute: Compute, directory: Directory, tokens: Tokens, networks: NetworkIds): (call: Call) => Reply {
  const identity = identityRoutes(directory, tokens);
  const images = imageRoutes(compute.nova.cloud.inventory);
  const api = routerOf([
    ...serverRoutes(networks), ...metadataRoutes(), ...instanceActionRoutes(), ...flavorRoutes(), ...limitRoutes(), ...serverGroupRoutes(),
    ...hypervisorRoutes(), ...serviceRoutes(), ...zoneRoutes(), ...migrationRoutes(), ...aggregateRoutes(),
  ]);
  const admin = routerOf(adminRoutes());
  const principal = (call: Call): Principal | undefined => {
    const user = tokens.valid(header(call, 'x-auth-token'))?.user;
    return user === undefined ? undefined : { user: user.name, project: user.project, role: user.role };
  };

  /** keystonemiddleware's token check first, then Nova's microversion, then the route. */
  const computeCall = (call: Call, segments: readonly string[], router: Router<ComputeHandler>, versioned: boolean): Reply => {
    const who = principal(call);
    if (who === undefined) return unauthorized(call.origin);
    const version = versioned ? requestedVersion(call.headers) : MIN_VERSION;
    if ('status' in version) return fault(version.status, version.message);
    const answer = dispatch(call, segments, router, version, who);
    return versioned ? withVersion(answer, version) : answer;
  };
  const dispatch = (call: Call, segments: readonly string[], router: Router<ComputeHandler>, version: Microversion, who: Principal): Reply => {
    const match = router.match(call.method, segments);
    if (match === undefined) return notFound();
    if ('allowed' in match) return badMethod(match.allowed);
    const full: ComputeCall = { ...call, params: match.params, version, who };
    return match.handler(compute, full);
  };

  return (call) => {
    const [service, ...rest] = call.segments;
    switch (service) {
      case 'identity': {
        const match = identity.match(call.method, rest);
        if (match === undefined) return identityNotFound();
        return 'allowed' in match ? identityNotFound() : match.handler(call, match.params);
      }
      case 'compute': {
        if (rest.length === 0) return call.method === 'GET' ? computeVersions(call.origin) : notFound();
        if (rest[0] !== 'v2.1') return notFound();
        if (rest.length === 1) return call.method === 'GET' ? computeVersion(call.origin) : notFound();
        return computeCall(call, rest.slice(1), api, true);
      }
      case 'image': {
        if (rest.length > 0 && principal(call) === undefined) return unauthorized(call.origin);
        const match = images.match(call.method, rest);
        return match === undefined || 'allowed' in match ? notFound() : match.handler(call, match.params);
      }
      case 'novasim': {
        if (rest[0] !== 'admin') return notFound();
        const who = principal(call);
        if (who !== undefined && !isAdmin(who)) return fault(403, 'The novasim admin endpoint needs an admin token.');
        return computeCall(call, rest.slice(1), admin, false);
      }
      default:
        return notFound();
    }
  };
}

/** The microversion headers Nova adds to every versioned answer. */
function withVersion(answer: Reply, version: Microversion): Reply {
  const text = versionText(version);
  return {
    ...answer,
    headers: {
      ...answer.headers,
      'openstack-api-version': `compute ${text}`,
      'x-openstack-nova-api-version': text,
      vary: 'OpenStack-API-Version, X-OpenStack-Nova-API-Version',
    },
  };
}
