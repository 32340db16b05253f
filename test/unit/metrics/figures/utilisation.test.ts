import { describe, expect, it } from 'vitest';
import { MeanUtilisation } from '../../../../src/metrics/figures/utilisation.js';
import { inventoryFacts } from '../fixtures.js';
import { smallCloud } from '../inventory-fixture.js';

describe('MeanUtilisation', () => {
  it('holds each sample until the next and takes the time-weighted mean', () => {
    const { inventory } = smallCloud(); // 2 of 32 vCPUs, 4096 of 32768 MB, 40 of 400 GB
    const facts = inventoryFacts(inventory);
    const utilisation = new MeanUtilisation(facts, inventory);
    expect(utilisation.mean()).toBeNull();
    facts.emit({ type: 'sample', time: 0 });
    expect(utilisation.mean()).toBeNull();

    inventory.claim(inventory.hosts[1]!.id, { vcpus: 14, ramMb: 12288, diskGb: 120 }); // now 16/32, 16384/32768, 160/400
    facts.emit({ type: 'sample', time: 10 });
    facts.emit({ type: 'sample', time: 40 });

    // vcpus: (2/32 * 10 + 16/32 * 30) / 40 = (0.625 + 15) / 40 = 0.390625
    // ram:   (0.125 * 10 + 0.5 * 30) / 40 = 16.25 / 40 = 0.40625
    // disk:  (0.1 * 10 + 0.4 * 30) / 40 = 13 / 40 = 0.325
    const mean = utilisation.mean()!;
    expect(mean.vcpus).toBeCloseTo(0.390625, 12);
    expect(mean.ram).toBeCloseTo(0.40625, 12);
    expect(mean.disk).toBeCloseTo(0.325, 12);
  });

  it('keeps the highest sample of each class as the peak', () => {
    const { inventory } = smallCloud();
    const facts = inventoryFacts(inventory);
    const utilisation = new MeanUtilisation(facts, inventory);
    expect(utilisation.peak()).toBeNull();

    facts.emit({ type: 'sample', time: 0 });
    inventory.claim(inventory.hosts[1]!.id, { vcpus: 14, ramMb: 12288, diskGb: 120 });
    facts.emit({ type: 'sample', time: 10 });
    inventory.release(inventory.hosts[1]!.id, { vcpus: 14, ramMb: 12288, diskGb: 120 });
    facts.emit({ type: 'sample', time: 20 });

    expect(utilisation.peak()).toEqual({ vcpus: 0.5, ram: 0.5, disk: 0.4 });
  });
});
