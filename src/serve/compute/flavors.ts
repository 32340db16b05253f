import type { Flavor } from '../../model/catalog.js';
import { reply, type Reply } from '../http/exchange.js';
import { allows, type Compute, type ComputeCall } from './context.js';
import { badRequest, notFound, policyFault } from './faults.js';
import { atLeast } from './microversion.js';
import { nextLinks, pageOf } from './paging.js';
import { route, type ComputeRoute } from './routes.js';
import { computeLinks } from './server-view.js';

/** The scenario's flavors, sorted by id (flavorid, Nova's default sort key): a flavor's id is its name. */
const flavorsOf = (c: Compute): Flavor[] => [...c.nova.cloud.inventory.flavors.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

/** nova/api/openstack/compute/views/flavors.py: the basic and the detailed entry, at the request's version. */
function flavorView(f: Flavor, call: ComputeCall, detail: boolean): Record<string, unknown> {
  const view: Record<string, unknown> = { id: f.name, name: f.name, links: computeLinks(call.origin, 'flavors', f.name) };
  if (detail)
    Object.assign(view, {
      ram: f.ramMb,
      disk: f.diskGb,
      vcpus: f.vcpus,
      'OS-FLV-EXT-DATA:ephemeral': 0,
      'OS-FLV-DISABLED:disabled': false,
      swap: '', // '' until 2.75 made it 0
      rxtx_factor: 1.0,
      'os-flavor-access:is_public': true,
    });
  if (atLeast(call.version, '2.55')) view['description'] = null;
  return view;
}

function list(c: Compute, call: ComputeCall, detail: boolean): Reply {
  const page = pageOf(call.query);
  if ('status' in page) return page;
  const minRam = Number(call.query.get('minRam') ?? 0);
  const minDisk = Number(call.query.get('minDisk') ?? 0);
  let flavors = flavorsOf(c).filter((f) => f.ramMb >= minRam && f.diskGb >= minDisk);
  if (page.marker !== undefined) {
    const at = flavors.findIndex((f) => f.name === page.marker);
    if (at < 0) return badRequest(`marker [${page.marker}] not found`);
    flavors = flavors.slice(at + 1);
  }
  flavors = flavors.slice(0, page.limit);
  const links = nextLinks(call.origin, detail ? 'flavors/detail' : 'flavors', call.query, page.limit, flavors.map((f) => f.name));
  return reply(200, { flavors: flavors.map((f) => flavorView(f, call, detail)), ...(links.length > 0 ? { flavors_links: links } : {}) });
}

const flavorNamed = (c: Compute, call: ComputeCall): Flavor | Reply =>
  c.nova.cloud.inventory.flavors.get(call.params['id'] ?? '') ?? notFound(`Flavor ${call.params['id']} could not be found.`);

/** Flavors and their extra specs, read only: the scenario's catalogue (flavors are not created or deleted through the API). */
export function flavorRoutes(): ComputeRoute[] {
  const specsOf = (c: Compute, call: ComputeCall): { readonly specs: Readonly<Record<string, string>> } | { readonly fault: Reply } => {
    if (!allows(call.who, 'reader')) return { fault: policyFault('os_compute_api:os-flavor-extra-specs:index') };
    const flavor = flavorNamed(c, call);
    return 'status' in flavor ? { fault: flavor as Reply } : { specs: flavor.extraSpecs ?? {} };
  };
  return [
    route('GET', 'flavors', (c, call) => list(c, call, false)),
    route('GET', 'flavors/detail', (c, call) => list(c, call, true)),
    route('GET', 'flavors/:id', (c, call) => {
      const flavor = flavorNamed(c, call);
      return 'status' in flavor ? (flavor as Reply) : reply(200, { flavor: flavorView(flavor, call, true) });
    }),
    route('GET', 'flavors/:id/os-extra_specs', (c, call) => {
      const found = specsOf(c, call);
      return 'fault' in found ? found.fault : reply(200, { extra_specs: found.specs });
    }),
    route('GET', 'flavors/:id/os-extra_specs/:key', (c, call) => {
      const found = specsOf(c, call);
      if ('fault' in found) return found.fault;
      const key = call.params['key'] ?? '';
      return Object.hasOwn(found.specs, key) ? reply(200, { [key]: found.specs[key] }) : notFound(`Flavor ${call.params['id']} has no extra specs with key ${key}.`);
    }),
  ];
}
