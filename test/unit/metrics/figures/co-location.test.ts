import { describe, expect, it } from 'vitest';
import { inventoryFacts } from '../fixtures.js';
import { makeRng } from '../../../../src/engine/random.js';
import { CoLocation } from '../../../../src/metrics/figures/co-location.js';
import type { HostId } from '../../../../src/model/ids.js';
import { Inventory } from '../../../../src/model/inventory.js';
import type { Server } from '../../../../src/model/server.js';
import { addHosts, placeOn } from '../../../support/placement-cloud.js';

function cloud() {
  const inventory = new Inventory();
  const hosts = addHosts(inventory, [0, 1, 2, 3].map(() => ({ vcpus: 64, ramMb: 65536, diskGb: 1000 })));
  const flavor = inventory.addFlavor({ name: 'f', vcpus: 1, ramMb: 512, diskGb: 1 });
  const projects = ['a', 'b'].map((name) => inventory.addProject(name).id);
  const groups = [inventory.addGroup('g', 'anti-affinity', projects[0]!), inventory.addGroup('h', 'soft-affinity', projects[1]!)];
  return { inventory, hosts, flavor, projects, groups };
}

/** The pairs sharing a host, counted from the hosts' lists. */
function recount(inventory: Inventory, same: (a: Server, b: Server) => boolean): number {
  let pairs = 0;
  for (const host of inventory.hosts) {
    const servers = [...host.servers].map((id) => inventory.servers[id]!);
    servers.forEach((a, i) => servers.slice(i + 1).forEach((b) => (pairs += same(a, b) ? 1 : 0)));
  }
  return pairs;
}

describe('CoLocation', () => {
  it('counts the pairs of a project and of a group on one host, a moving server on both hosts', () => {
    const { inventory, hosts, flavor, projects, groups } = cloud();
    const coLocation = new CoLocation(inventoryFacts(inventory), inventory);
    const [x, y, z] = [0, 0, 1].map((h) => placeOn(inventory, hosts[h]!.id, flavor, projects[0]!, groups[0]!));

    inventory.attach(z!, hosts[0]!.id); // z moving to host-0: it counts there too until the move ends

    expect([coLocation.projectPairs(projects[0]!), coLocation.groupPairs(groups[0]!.id)]).toEqual([3, 3]);
    inventory.detach(x!, hosts[0]!.id);
    inventory.detach(y!, hosts[0]!.id);
    expect([coLocation.projectTotal, coLocation.groupTotal]).toEqual([0, 0]);
  });

  it('matches a recount of the hosts after random attaches and detaches, also when made midway', () => {
    const { inventory, hosts, flavor, projects, groups } = cloud();
    const early = new CoLocation(inventoryFacts(inventory), inventory);
    const rng = makeRng('co-location');
    const placed: Server[] = [];
    let late: CoLocation | null = null;
    for (let step = 0; step < 400; step++) {
      if (step === 150) late = new CoLocation(inventoryFacts(inventory), inventory);
      const host = hosts[rng.int(hosts.length)]!.id as HostId;
      if (placed.length > 0 && rng.next() < 0.4) {
        const server = placed[rng.int(placed.length)]!;
        for (const h of hosts) if (h.servers.has(server.id) && rng.next() < 0.5) inventory.detach(server, h.id);
      } else if (placed.length > 0 && rng.next() < 0.3) {
        inventory.attach(placed[rng.int(placed.length)]!, host);
      } else {
        const p = rng.int(2);
        placed.push(placeOn(inventory, host, flavor, projects[p]!, rng.next() < 0.5 ? groups[p]! : null));
      }
    }

    const projectPairs = recount(inventory, (a, b) => a.project === b.project);
    const groupPairs = recount(inventory, (a, b) => a.group !== null && a.group === b.group);
    expect(projectPairs * groupPairs).toBeGreaterThan(0);
    for (const figure of [early, late!]) expect([figure.projectTotal, figure.groupTotal]).toEqual([projectPairs, groupPairs]);
  });
});
