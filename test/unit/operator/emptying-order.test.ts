import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeRng } from '../../../src/engine/random.js';
import type { Server } from '../../../src/model/server.js';
import { Inventory } from '../../../src/model/inventory.js';
import { cheapestToEmpty, EmptyingOrder } from '../../../src/operator/emptying-order.js';
import { addHosts, placeOn, removeServer } from '../../support/placement-cloud.js';

describe('EmptyingOrder', () => {
  it('keeps the hosts that hold servers in the order a full sort gives, through random creates and deletes between asks', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 40 }), (seed, hostCount) => {
        const rng = makeRng(String(seed));
        const inventory = new Inventory();
        const hosts = addHosts(inventory, Array.from({ length: hostCount }, () => ({ vcpus: 64, ramMb: 65_536, diskGb: 2_000 })));
        const flavors = [
          inventory.addFlavor({ name: 'small', vcpus: 1, ramMb: 2_048, diskGb: 20 }),
          inventory.addFlavor({ name: 'large', vcpus: 4, ramMb: 16_384, diskGb: 80 }),
        ];
        const project = inventory.addProject('p').id;
        const order = new EmptyingOrder(inventory);
        const placed: Server[] = [];
        for (let round = 0; round < 8; round++) {
          // Asked once with nothing tracked (a full sort), then after changes (a merge), as a consolidation run asks.
          const changes = round === 0 ? 0 : rng.int(3 * hostCount);
          for (let i = 0; i < changes; i++) {
            if (placed.length > 0 && rng.next() < 0.45) removeServer(inventory, placed.splice(rng.int(placed.length), 1)[0]!);
            else placed.push(placeOn(inventory, hosts[rng.int(hostCount)]!.id, flavors[rng.int(2)]!, project));
          }
          const expected = inventory.hosts.filter((h) => h.servers.size > 0).sort(cheapestToEmpty);
          expect(order.hosts().map((h) => h.id)).toEqual(expected.map((h) => h.id));
        }
        order.forget();
      }),
      { numRuns: 60 },
    );
  });
});
