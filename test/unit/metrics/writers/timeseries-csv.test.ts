import { describe, expect, it } from 'vitest';
import { followFigures } from '../../../../src/metrics/figures/run-figures.js';
import { memorySink } from '../../../../src/metrics/writers/text-sink.js';
import { Timeseries } from '../../../../src/metrics/writers/timeseries-csv.js';
import type { Inventory } from '../../../../src/model/inventory.js';
import { hostFact, inventoryFacts, serverFact } from '../fixtures.js';
import { smallCloud } from '../inventory-fixture.js';

const HEADER =
  'time,ACTIVE,BUILD,DELETED,ERROR,HARD_REBOOT,MIGRATING,PASSWORD,PAUSED,REBOOT,REBUILD,RESCUE,RESIZE,' +
  'REVERT_RESIZE,SHELVED,SHELVED_OFFLOADED,SHUTOFF,SOFT_DELETED,SUSPENDED,UNKNOWN,VERIFY_RESIZE,' +
  'used_vcpus,free_vcpus,used_ram_mb,free_ram_mb,used_disk_gb,free_disk_gb,hosts_up,' +
  'headroom_m1.small,stranded_vcpus,stranded_ram_mb,stranded_disk_gb,project_shared_pairs,group_shared_pairs,' +
  'n1_host_spare_ram_mb,n1_host_spare_vcpus,n1_domain_spare_ram_mb,n1_domain_spare_vcpus,power_w,hosts_powered_on,cost\n';

/** timeseries.csv of a cloud with no power models, its figures following the facts from now on. */
function timeseries(inventory: Inventory) {
  const facts = inventoryFacts(inventory);
  const figures = followFigures(facts, inventory, { powerModels: null, chargingRates: null });
  const sink = memorySink();
  const writer = new Timeseries(facts, sink, inventory, figures);
  return { facts, sink, writer };
}

describe('timeseries.csv', () => {
  it('writes status counts, resource totals and hosts up at each strike of the sample clock', () => {
    const { inventory, web, db } = smallCloud();
    const { facts, sink, writer } = timeseries(inventory);
    facts.emit(serverFact(0, web, 'create', 'accepted', { previous: 'BUILD' }));
    facts.emit(serverFact(3.25, db, 'create', 'accepted', { previous: 'BUILD' }));
    facts.emit(serverFact(12.5, web, 'create', 'completed', { previous: 'BUILD', status: 'ACTIVE' }, { elapsed: 12.5 }));
    facts.emit(hostFact(100, inventory.hosts[1]!, 'service_down', 'transition'));

    facts.emit({ type: 'sample', time: 120.5 });
    writer.flush();

    const zeros18 = Array<string>(18).fill('0').join(',');
    // m1.small (2 / 4096 / 40) fits min(7, 3, 4) = 3 more times on compute-0 and min(8, 4, 5) = 4 on compute-1.
    // N+1: losing either host loses its 16384 MB / 16 vCPUs of capacity out of 28672 MB / 30 vCPUs free; no domains.
    // No power model: no draw; both hosts switched on. No charging rates: no cost.
    expect(sink.text()).toBe(`${HEADER}120.5,1,1,${zeros18},2,30,4096,28672,40,360,1,7,0,0,0,0,0,12288,14,,,,2,\n`);
  });

  it('writes stranded capacity and the pairs of servers sharing a host per project and per group', () => {
    const { inventory, web, db } = smallCloud();
    const h0 = inventory.hosts[0]!;
    inventory.claim(h0.id, { vcpus: 13, ramMb: 11264, diskGb: 150 }); // compute-0 free 1 / 1024 / 10: stranded
    const group = inventory.addGroup('spread', 'anti-affinity', web.project);
    inventory.joinGroup(db, group);
    inventory.joinGroup(web, group);
    h0.servers.delete(web.id); // the fixture placed web-1 without attach()
    inventory.attach(web, h0.id);
    inventory.attach(db, h0.id);
    const { facts, sink, writer } = timeseries(inventory);

    facts.emit({ type: 'sample', time: 0 });
    writer.flush();

    expect(sink.text().split('\n')[1]!.split(',').slice(-13, -7)).toEqual(['4', '1', '1024', '10', '1', '1']);
  });
});
