import { describe, expect, it } from 'vitest';
import { CoLocation } from '../../../../src/metrics/figures/co-location.js';
import { Headroom } from '../../../../src/metrics/figures/headroom.js';
import { RunStats } from '../../../../src/metrics/figures/run-stats.js';
import { Sampler } from '../../../../src/metrics/writers/sampler.js';
import { SpareCapacity } from '../../../../src/metrics/figures/spare-capacity.js';
import { memorySink } from '../../../../src/metrics/writers/text-sink.js';
import { factBus, hostFact, inventoryFacts, serverFact } from '../fixtures.js';
import { smallCloud } from '../inventory-fixture.js';
import type { Inventory } from '../../../../src/model/inventory.js';

const HEADER =
  'time,ACTIVE,BUILD,DELETED,ERROR,HARD_REBOOT,MIGRATING,PASSWORD,PAUSED,REBOOT,REBUILD,RESCUE,RESIZE,' +
  'REVERT_RESIZE,SHELVED,SHELVED_OFFLOADED,SHUTOFF,SOFT_DELETED,SUSPENDED,UNKNOWN,VERIFY_RESIZE,' +
  'used_vcpus,free_vcpus,used_ram_mb,free_ram_mb,used_disk_gb,free_disk_gb,hosts_up,' +
  'headroom_m1.small,stranded_vcpus,stranded_ram_mb,stranded_disk_gb,project_shared_pairs,group_shared_pairs,' +
  'n1_host_spare_ram_mb,n1_host_spare_vcpus,n1_domain_spare_ram_mb,n1_domain_spare_vcpus\n';

const headroomOf = (inventory: Inventory): Headroom => new Headroom(inventoryFacts(inventory), inventory.hosts, [...inventory.flavors.values()]);

const spareOf = (inventory: Inventory, now = 0): SpareCapacity => new SpareCapacity(inventoryFacts(inventory, { now }), inventory.hosts, now);

const coLocationOf = (inventory: Inventory): CoLocation => new CoLocation(inventoryFacts(inventory), inventory);

describe('Sampler', () => {
  it('writes status counts, resource totals and hosts up per sample', () => {
    const { inventory, web, db } = smallCloud();
    const facts = factBus();
    const stats = new RunStats(facts);
    facts.emit(serverFact(0, web, 'create', 'accepted', { previous: 'BUILD' }));
    facts.emit(serverFact(3.25, db, 'create', 'accepted', { previous: 'BUILD' }));
    facts.emit(serverFact(12.5, web, 'create', 'completed', { previous: 'BUILD', status: 'ACTIVE' }, { elapsed: 12.5 }));
    facts.emit(hostFact(100, inventory.hosts[1]!, 'service_down', 'transition'));
    const sink = memorySink();
    const sampler = new Sampler(sink, headroomOf(inventory), coLocationOf(inventory), spareOf(inventory, 120.5));
    sampler.sample(120.5, inventory, stats);
    sampler.flush();
    const zeros18 = Array<string>(18).fill('0').join(',');
    // m1.small (2 / 4096 / 40) fits min(7, 3, 4) = 3 more times on compute-0 and min(8, 4, 5) = 4 on compute-1.
    // N+1: losing either host loses its 16384 MB / 16 vCPUs of capacity out of 28672 MB / 30 vCPUs free; no domains.
    expect(sink.text()).toBe(`${HEADER}120.5,1,1,${zeros18},2,30,4096,28672,40,360,1,7,0,0,0,0,0,12288,14,,\n`);
  });

  it('writes stranded capacity and the pairs of servers sharing a host per project and per group', () => {
    const { inventory, web, db } = smallCloud();
    const headroom = headroomOf(inventory);
    const h0 = inventory.hosts[0]!;
    inventory.claim(h0.id, { vcpus: 13, ramMb: 11264, diskGb: 150 }); // compute-0 free 1 / 1024 / 10: stranded
    const group = inventory.addGroup('spread', 'anti-affinity', web.project);
    inventory.joinGroup(db, group);
    inventory.joinGroup(web, group);
    h0.servers.delete(web.id); // the fixture placed web-1 without attach()
    inventory.attach(web, h0.id);
    inventory.attach(db, h0.id);
    const sink = memorySink();
    const sampler = new Sampler(sink, headroom, coLocationOf(inventory), spareOf(inventory));

    sampler.sample(0, inventory, new RunStats(factBus()));
    sampler.flush();

    expect(sink.text().split('\n')[1]!.split(',').slice(-10, -4)).toEqual(['4', '1', '1024', '10', '1', '1']);
  });

  it('integrates utilisation between samples as a step function', () => {
    const { inventory } = smallCloud(); // 2 of 32 vCPUs, 4096 of 32768 MB, 40 of 400 GB
    const stats = new RunStats(factBus());
    const sampler = new Sampler(memorySink(), headroomOf(inventory), coLocationOf(inventory), spareOf(inventory));
    expect(sampler.meanUtilisation()).toBeNull();
    sampler.sample(0, inventory, stats);
    expect(sampler.meanUtilisation()).toBeNull();
    inventory.claim(inventory.hosts[1]!.id, { vcpus: 14, ramMb: 12288, diskGb: 120 }); // now 16/32, 16384/32768, 160/400
    sampler.sample(10, inventory, stats);
    sampler.sample(40, inventory, stats);
    // vcpus: (2/32 * 10 + 16/32 * 30) / 40 = (0.625 + 15) / 40 = 0.390625
    // ram:   (0.125 * 10 + 0.5 * 30) / 40 = 16.25 / 40 = 0.40625
    // disk:  (0.1 * 10 + 0.4 * 30) / 40 = 13 / 40 = 0.325
    const mean = sampler.meanUtilisation()!;
    expect(mean.vcpus).toBeCloseTo(0.390625, 12);
    expect(mean.ram).toBeCloseTo(0.40625, 12);
    expect(mean.disk).toBeCloseTo(0.325, 12);
  });
});
