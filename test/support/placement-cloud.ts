/**
 * A bare inventory for scheduler tests: hosts, flavors, projects, groups and
 * aggregates, with helpers that put a server on a host the way the cloud
 * layer does (claim plus membership), without the simulator.
 */
import type { Flavor } from '../../src/model/catalog.js';
import { makeHost, type Host, type HostPlacement } from '../../src/model/host.js';
import type { HostId, ProjectId } from '../../src/model/ids.js';
import { Inventory } from '../../src/model/inventory.js';
import type { Server } from '../../src/model/server.js';
import type { ServerGroup } from '../../src/model/server-group.js';
import type { PlacementRequest } from '../../src/scheduling/types.js';

export interface HostShape {
  readonly vcpus: number;
  readonly ramMb: number;
  readonly diskGb: number;
  readonly reserved?: { vcpus: number; ramMb: number; diskGb: number };
  readonly ratios?: { vcpus: number; ramMb: number; diskGb: number };
  readonly placement?: HostPlacement;
}

export function addHosts(inventory: Inventory, shapes: readonly HostShape[]): Host[] {
  return shapes.map((s, i) =>
    inventory.addHost((id) =>
      makeHost(
        id,
        `host-${i}`,
        { vcpus: s.vcpus, ramMb: s.ramMb, diskGb: s.diskGb },
        s.reserved ?? { vcpus: 0, ramMb: 0, diskGb: 0 },
        s.ratios ?? { vcpus: 1, ramMb: 1, diskGb: 1 },
        s.placement,
      ),
    ),
  );
}

const image = { id: 0, name: 'cirros', sizeGb: 1 } as never;

/** A server placed on `host` as the cloud layer would: claim and membership. */
export function placeOn(inventory: Inventory, host: HostId, flavor: Flavor, project: ProjectId, group: ServerGroup | null = null): Server {
  const server = inventory.addServer(`s${inventory.servers.length}`, project, flavor, image, 0);
  if (group !== null) inventory.joinGroup(server, group);
  inventory.claim(host, flavor);
  inventory.attach(server, host);
  server.host = host;
  return server;
}

/** Takes a placed server off its host. */
export function removeServer(inventory: Inventory, server: Server): void {
  if (server.host === null) return;
  inventory.release(server.host, server.flavor);
  inventory.detach(server, server.host);
  server.host = null;
}

export function request(flavor: Flavor, project: ProjectId, extra: Partial<PlacementRequest> = {}): PlacementRequest {
  return {
    server: 1_000_000 as never,
    flavor,
    project,
    group: null,
    availabilityZone: null,
    ignoreHosts: [],
    onlyHosts: null,
    alternates: 0,
    ...extra,
  };
}
