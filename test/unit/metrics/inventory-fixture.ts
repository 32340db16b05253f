import { makeHost } from '../../../src/model/host.js';
import { Inventory } from '../../../src/model/inventory.js';
import type { Server } from '../../../src/model/server.js';

/**
 * Two hosts of 16 vCPU / 16384 MB / 200 GB Placement capacity each (8 cores
 * at cpu_allocation_ratio 2), and two servers: `web-1` active on compute-0,
 * `db-1` still building with no host.
 */
export function smallCloud(): { inventory: Inventory; web: Server; db: Server } {
  const inventory = new Inventory();
  for (const name of ['compute-0', 'compute-1']) {
    inventory.addHost((id) =>
      makeHost(id, name, { vcpus: 8, ramMb: 16384, diskGb: 200 }, { vcpus: 0, ramMb: 0, diskGb: 0 }, { vcpus: 2, ramMb: 1, diskGb: 1 }),
    );
  }
  const flavor = inventory.addFlavor({ name: 'm1.small', vcpus: 2, ramMb: 4096, diskGb: 40 });
  const image = inventory.addImage({ name: 'cirros', sizeGb: 1 });
  inventory.addProject('admin');
  const demo = inventory.addProject('demo');

  const web = inventory.addServer('web-1', demo.id, flavor, image, 0);
  const h0 = inventory.hosts[0]!;
  inventory.claim(h0.id, flavor);
  h0.servers.add(web.id);
  web.host = h0.id;
  web.vmState = 'active';
  web.taskState = null;
  web.powerState = 'running';
  web.progress = 100;
  web.updatedAt = 12.5;
  web.launchedAt = 12.5;
  web.locked = true;

  const db = inventory.addServer('db-1', demo.id, flavor, image, 3.25);
  return { inventory, web, db };
}
