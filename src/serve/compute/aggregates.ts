import type { Aggregate } from '../../model/aggregate.js';
import { isoTime } from '../../metrics/writers/iso-time.js';
import { reply } from '../http/exchange.js';
import { allows, type Compute, type ComputeCall } from './context.js';
import { notFound, policyFault } from './faults.js';
import { idOf } from './ids.js';
import { atLeast } from './microversion.js';
import { route, type ComputeRoute } from './routes.js';

/** An aggregate as nova/api/openstack/compute/aggregates.py shows it; the scenario's, made at the start of the run. */
function aggregateView(c: Compute, call: ComputeCall, a: Aggregate): Record<string, unknown> {
  const hosts = c.nova.cloud.inventory.hosts.filter((h) => h.aggregates.includes(a)).map((h) => h.name);
  const view: Record<string, unknown> = {
    availability_zone: a.metadata['availability_zone'] ?? null,
    created_at: isoTime(0, true),
    deleted: false,
    deleted_at: null,
    hosts,
    id: a.id + 1,
    metadata: { ...a.metadata },
    name: a.name,
    updated_at: null,
  };
  if (atLeast(call.version, '2.41')) view['uuid'] = idOf('aggregate', a.id);
  return view;
}

/** os-aggregates, read only (admin by default policy): the scenario's aggregates and their hosts. */
export function aggregateRoutes(): ComputeRoute[] {
  return [
    route('GET', 'os-aggregates', (c, call) =>
      allows(call.who, 'admin') ? reply(200, { aggregates: c.nova.cloud.inventory.aggregates.map((a) => aggregateView(c, call, a)) }) : policyFault('os_compute_api:os-aggregates:index'),
    ),
    route('GET', 'os-aggregates/:id', (c, call) => {
      if (!allows(call.who, 'admin')) return policyFault('os_compute_api:os-aggregates:show');
      const id = call.params['id'] ?? '';
      const found = /^[0-9]+$/.test(id) ? c.nova.cloud.inventory.aggregates[Number(id) - 1] : undefined;
      return found === undefined ? notFound(`Aggregate ${id} could not be found.`) : reply(200, { aggregate: aggregateView(c, call, found) });
    }),
  ];
}
