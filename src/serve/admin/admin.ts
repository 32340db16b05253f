import { isoTime } from '../../metrics/writers/iso-time.js';
import { checked } from '../compute/body.js';
import type { Compute, ComputeCall } from '../compute/context.js';
import { fault, notFound } from '../compute/faults.js';
import { route, type ComputeRoute } from '../compute/routes.js';
import { reply, type Reply } from '../http/exchange.js';

/** The host events an admin may inject, as the scenario's host commands name them. */
const HOST_EVENTS = { fail: 'fail_host', partition: 'partition_host', fence: 'fence_host', recover: 'recover_host' } as const;

const clockView = (c: Compute, now: number) => ({ clock: { now, time: isoTime(now), end: c.cloud.simulation.end } });

/**
 * novasim's own admin endpoint (/novasim/admin, admin role only): read
 * the simulated clock, advance it at once (every event up to the new time
 * is processed before the answer), and inject host events. Host events are
 * recorded as requests, like any the cloud takes; an advance needs no
 * record, as the times of later requests carry it.
 */
export function adminRoutes(): ComputeRoute[] {
  return [
    route('GET', 'clock', (c) => reply(200, clockView(c, c.cloud.catchUp()))),
    route('POST', 'clock', (c, call) => {
      const result = checked(call, { type: 'object', properties: { advance: { type: 'number', minimum: 0, maximum: 3.2e9 } }, required: ['advance'], additionalProperties: false });
      if ('fault' in result) return result.fault;
      c.cloud.clock.advance(Number(result.body['advance']));
      return reply(200, clockView(c, c.cloud.catchUp()));
    }),
    route('POST', 'hosts/:host/:event', (c, call: ComputeCall): Reply => {
      const event = call.params['event'] ?? '';
      if (!Object.hasOwn(HOST_EVENTS, event)) return fault(404, `No host event '${event}': expected one of ${Object.keys(HOST_EVENTS).join(', ')}`);
      const name = call.params['host'] ?? '';
      if (c.nova.cloud.inventory.hostNamed(name) === undefined) return notFound(`Compute host ${name} could not be found.`);
      c.cloud.take({ action: HOST_EVENTS[event as keyof typeof HOST_EVENTS], host: name });
      return reply(202, { host: name, event, ...clockView(c, c.cloud.catchUp()) });
    }),
  ];
}
