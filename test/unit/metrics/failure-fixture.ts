import type { Flavor } from '../../../src/model/catalog.js';
import type { Host } from '../../../src/model/host.js';
import type { HostId, ProjectId } from '../../../src/model/ids.js';
import { Inventory } from '../../../src/model/inventory.js';
import type { Server } from '../../../src/model/server.js';
import { addHosts, placeOn } from '../../support/placement-cloud.js';

/** Two hosts of 16 vCPUs / 32768 MB / 400 GB and a flavor of 2 vCPUs / 4096 MB / 40 GB. */
export function failureCloud(): { inventory: Inventory; hosts: [Host, Host]; flavor: Flavor } {
  const inventory = new Inventory();
  const shape = { vcpus: 16, ramMb: 32768, diskGb: 400 };
  const hosts = addHosts(inventory, [shape, shape]) as [Host, Host];
  const flavor = inventory.addFlavor({ name: 'm1.medium', vcpus: 2, ramMb: 4096, diskGb: 40 });
  inventory.addProject('demo');
  return { inventory, hosts, flavor };
}

/** A server running on `host` (ACTIVE, power running), placed as the cloud would. */
export function runningOn(inventory: Inventory, host: HostId, flavor: Flavor): Server {
  const server = placeOn(inventory, host, flavor, 0 as ProjectId);
  server.vmState = 'active';
  server.taskState = null;
  server.powerState = 'running';
  return server;
}
