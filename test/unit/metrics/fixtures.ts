import { Bus } from '../../../src/engine/bus.js';
import type { HostAction, OperatorAction, Workflow } from '../../../src/cloud/fact-names.js';
import type { RunFact } from '../../../src/metrics/run-facts.js';
import type { HostFact, OperatorFact, Outcome, RefusedRequestFact, ServerAction, ServerFact } from '../../../src/cloud/facts.js';
import { tellInventoryChanges } from '../../../src/cloud/inventory-facts.js';
import { stateOf } from '../../../src/cloud/server-rows.js';
import type { HttpStatus } from '../../../src/lifecycle/refusal.js';
import type { ActionName } from '../../../src/lifecycle/requests.js';
import type { Status } from '../../../src/lifecycle/status.js';
import type { Flavor, Image } from '../../../src/model/catalog.js';
import { makeHost, type Host } from '../../../src/model/host.js';
import { Inventory } from '../../../src/model/inventory.js';
import type { FlavorId, HostId, ImageId, ProjectId, ServerId } from '../../../src/model/ids.js';
import { makeServer, type Server } from '../../../src/model/server.js';

export const small: Flavor = { id: 0 as FlavorId, name: 'm1.small', vcpus: 1, ramMb: 2048, diskGb: 20 };
export const cirros: Image = { id: 0 as ImageId, name: 'cirros', sizeGb: 1 };

/** A bus for a figure under test to listen on. */
export const factBus = (): Bus<RunFact> => new Bus<RunFact>();

/** A bus the inventory's changes go out on as the cloud sends them, stamped with `clock`'s time. */
export function inventoryFacts(inventory: Inventory, clock: { readonly now: number } = { now: 0 }): Bus<RunFact> {
  const facts = factBus();
  tellInventoryChanges(inventory, clock, facts);
  return facts;
}

export function server(id: number, name: string, now = 0): Server {
  return makeServer(id as ServerId, `uuid-${id}`, name, 0 as ProjectId, small, cirros, now);
}

export function host(id: number, name: string): Host {
  return makeHost(
    id as HostId,
    name,
    { vcpus: 8, ramMb: 16384, diskGb: 200 },
    { vcpus: 0, ramMb: 0, diskGb: 0 },
    { vcpus: 2, ramMb: 1, diskGb: 1 },
  );
}

/**
 * A server fact as the cloud would emit it, the server's state read from
 * its record; `status` defaults to `previous`, which defaults to ACTIVE.
 */
export function serverFact(
  time: number,
  s: Server,
  action: ServerAction,
  outcome: Outcome,
  statuses: { previous?: Status; status?: Status } = {},
  extra: Partial<Pick<ServerFact, 'reason' | 'elapsed' | 'httpStatus' | 'asAdmin'>> = {},
): ServerFact {
  const previous = statuses.previous ?? 'ACTIVE';
  const state = stateOf(s);
  return {
    type: 'server',
    time,
    server: s.id,
    name: s.name,
    action,
    outcome,
    ...state,
    status: statuses.status ?? previous,
    before: { ...state, status: previous },
    reason: extra.reason ?? '',
    httpStatus: extra.httpStatus ?? null,
    elapsed: extra.elapsed ?? 0,
    asAdmin: extra.asAdmin ?? false,
  };
}

/** A request refused before any server record answered for it (by default a 404). */
export function refusedFact(time: number, name: string, action: ActionName, reason = '', httpStatus: HttpStatus = 404): RefusedRequestFact {
  return { type: 'refused_request', time, name, action, reason, httpStatus, asAdmin: false };
}

export function hostFact(time: number, h: Host, action: HostAction, outcome: Outcome, reason = '', s: Server | null = null): HostFact {
  return { type: 'host', time, host: h.id, action, outcome, reason, server: s?.id ?? null };
}

export function operatorFact(
  time: number,
  h: Host,
  action: OperatorAction,
  outcome: Outcome,
  workflow: Workflow,
  detail = '',
  s: Server | null = null,
): OperatorFact {
  return { type: 'operator', time, host: h.id, action, outcome, workflow, detail, server: s?.id ?? null };
}

/** An inventory with hosts and (unplaced) servers of these names, for the writers that name what facts give by id. */
export function namedInventory(hostNames: readonly string[], serverNames: readonly string[]): { inventory: Inventory; hosts: Host[]; servers: Server[] } {
  const inventory = new Inventory();
  const hosts = hostNames.map((name) => inventory.addHost((id) => host(id, name)));
  const flavor = inventory.addFlavor({ name: small.name, vcpus: small.vcpus, ramMb: small.ramMb, diskGb: small.diskGb });
  const image = inventory.addImage({ name: cirros.name, sizeGb: cirros.sizeGb });
  const project = inventory.addProject('demo');
  const servers = serverNames.map((name) => inventory.addServer(name, project.id, flavor, image, 0));
  return { inventory, hosts, servers };
}
