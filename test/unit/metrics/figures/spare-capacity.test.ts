import { describe, expect, it } from 'vitest';
import { inventoryFacts } from '../fixtures.js';
import { SpareCapacity } from '../../../../src/metrics/figures/spare-capacity.js';
import { Inventory } from '../../../../src/model/inventory.js';
import type { HostId } from '../../../../src/model/ids.js';
import { addHosts } from '../../../support/placement-cloud.js';

const inRack = (rack: string | null) => ({ aggregates: [], buildFailureProbability: 0, failureDomain: rack });

/**
 * host-0: 16 vCPUs / 16384 MB, 12 / 12288 used, rack-a
 * host-1: 32 vCPUs / 32768 MB,  4 /  4096 used, rack-a
 * host-2: 16 vCPUs / 16384 MB, nothing used,    rack-b (or no rack)
 */
function cloud(racks: readonly (string | null)[] = ['rack-a', 'rack-a', 'rack-b']) {
  const inventory = new Inventory();
  const hosts = addHosts(inventory, [
    { vcpus: 16, ramMb: 16384, diskGb: 100, placement: inRack(racks[0]!) },
    { vcpus: 32, ramMb: 32768, diskGb: 100, placement: inRack(racks[1]!) },
    { vcpus: 16, ramMb: 16384, diskGb: 100, placement: inRack(racks[2]!) },
  ]);
  inventory.claim(0 as HostId, { vcpus: 12, ramMb: 12288, diskGb: 0 });
  inventory.claim(1 as HostId, { vcpus: 4, ramMb: 4096, diskGb: 0 });
  const clock = { now: 0 };
  const facts = inventoryFacts(inventory, clock);
  const spare = new SpareCapacity(facts, inventory.hosts);
  const sample = (): void => facts.emit({ type: 'sample', time: clock.now });
  return { inventory, hosts, spare, sample, at: (t: number) => (clock.now = t) };
}

describe('SpareCapacity', () => {
  it('takes the loss of the host that costs most: its used capacity plus the free capacity it takes along', () => {
    const { spare } = cloud();
    // Free: 4096 + 28672 + 16384 = 49152 MB and 4 + 28 + 16 = 48 vCPUs.
    // Losing host-1 (the largest, not the fullest) leaves 4096 + 16384 = 20480 MB for its 4096 used: 16384 spare.
    // Losing the fullest, host-0, would leave 45056 MB for 12288: it is not the worst case.
    // Racks: rack-a loses 16384 + 32768 = 49152 of the 49152 free: 0 spare, as for vCPUs (48 - 48).
    expect(spare.current()).toEqual({ hostRamMb: 16384, hostVcpus: 16, domainRamMb: 0, domainVcpus: 0 });
  });

  it('counts only the used capacity of a disabled host, and nothing of a host already down', () => {
    const { inventory, hosts, spare, at } = cloud();
    hosts[1]!.enabled = false;
    inventory.hostChanged(hosts[1]!);
    // Free 4096 + 16384 = 20480; losses 16384 (host-0), 4096 (host-1 used), 16384 (host-2).
    expect(spare.current()).toMatchObject({ hostRamMb: 4096, hostVcpus: 4 });
    hosts[2]!.downSince = 60;
    at(60);
    inventory.hostChanged(hosts[2]!);
    // Free 4096 only; losing host-0 needs 12288 elsewhere: 4096 - 16384.
    expect(spare.current()).toMatchObject({ hostRamMb: -12288, hostVcpus: -12 });
    // rack-a: losses 16384 + 4096 against 4096 free; rack-b is down.
    expect(spare.current()).toMatchObject({ domainRamMb: 4096 - 20480, domainVcpus: 4 - 20 });
  });

  it('follows claims and releases', () => {
    const { inventory, spare } = cloud();
    inventory.claim(2 as HostId, { vcpus: 16, ramMb: 16384, diskGb: 0 }); // host-2 full
    // Free 4096 + 28672 = 32768; losing host-1 leaves 4096 for 4096: 0. rack-a: 32768 - 49152.
    expect(spare.current()).toEqual({ hostRamMb: 0, hostVcpus: 0, domainRamMb: -16384, domainVcpus: -16 });
    inventory.release(2 as HostId, { vcpus: 16, ramMb: 16384, diskGb: 0 });
    expect(spare.current()).toMatchObject({ hostRamMb: 16384 });
  });

  it('has no domain spare when no host names a domain', () => {
    const { spare, sample } = cloud([null, null, null]);
    expect(spare.current()).toEqual({ hostRamMb: 16384, hostVcpus: 16, domainRamMb: null, domainVcpus: null });
    sample();
    expect(spare.summary()).toMatchObject({ n1_domain_spare_ram_mb: null, n1_domain_spare_vcpus: null });
  });

  it('summarises the minimum over the samples and the fraction of samples at or above zero', () => {
    const { inventory, hosts, spare, sample, at } = cloud();
    sample(); // 16384, 16, 0, 0
    hosts[2]!.downSince = 60;
    at(60);
    inventory.hostChanged(hosts[2]!);
    sample(); // 4096 + 28672 - 32768 = 0, 32 - 32 = 0, rack-a: 32768 - 49152, 32 - 48
    hosts[1]!.enabled = false;
    inventory.hostChanged(hosts[1]!);
    sample(); // 4096 - 16384, 4 - 16, rack-a: 4096 - 16384, 4 - 16
    expect(spare.summary()).toEqual({
      n1_host_spare_ram_mb: { min: -12288, fraction_non_negative: 0.6667 },
      n1_host_spare_vcpus: { min: -12, fraction_non_negative: 0.6667 },
      n1_domain_spare_ram_mb: { min: -16384, fraction_non_negative: 0.3333 },
      n1_domain_spare_vcpus: { min: -16, fraction_non_negative: 0.3333 },
    });
  });
});
