import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeRng } from '../../../src/engine/random.js';
import { inService } from '../../../src/model/capacity.js';
import { Inventory } from '../../../src/model/inventory.js';
import { InServiceList } from '../../../src/operator/in-service-list.js';
import { addHosts } from '../../support/placement-cloud.js';

describe('InServiceList', () => {
  it('answers what filtering the list at each ask would, through claims, disables, forced downs and services going down later', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 30 }), (seed, hostCount) => {
        const rng = makeRng(String(seed));
        const inventory = new Inventory();
        const hosts = addHosts(inventory, Array.from({ length: hostCount }, () => ({ vcpus: 8, ramMb: 8192, diskGb: 100 })));
        const flavor = inventory.addFlavor({ name: 'small', vcpus: 1, ramMb: 512, diskGb: 1 });
        const list = new InServiceList(inventory);
        let lists = [hosts.filter(() => rng.next() < 0.8)];
        let now = 0;
        for (let step = 0; step < 40; step++) {
          now += rng.int(20);
          const host = hosts[rng.int(hostCount)]!;
          const roll = rng.next();
          // Changes go through the inventory's observers, as the cloud makes them.
          if (roll < 0.3) inventory.claim(host.id, flavor);
          else if (roll < 0.45) host.enabled = !host.enabled;
          else if (roll < 0.55) host.forcedDown = !host.forcedDown;
          else if (roll < 0.7) host.downSince = now + rng.int(30); // fails now, counted down a little later
          else if (roll < 0.8) host.downSince = Number.POSITIVE_INFINITY;
          else if (roll < 0.85) lists = [hosts.filter(() => rng.next() < 0.8)];
          if (roll < 0.8) inventory.hostChanged(host);
          const asked = lists[0]!;
          expect(list.of(asked, now).map((h) => h.id)).toEqual(asked.filter((h) => inService(h, now)).map((h) => h.id));
        }
      }),
      { numRuns: 100 },
    );
  });
});
