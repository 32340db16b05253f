import { describe, expect, it } from 'vitest';
import { Energy } from '../../../../src/metrics/figures/energy.js';
import { Headroom } from '../../../../src/metrics/figures/headroom.js';
import { renderHostsCsv } from '../../../../src/metrics/writers/hosts-csv.js';
import { factBus, inventoryFacts } from '../fixtures.js';
import { smallCloud } from '../inventory-fixture.js';

/** The energy figure of a cloud with no power models: hosts.csv's energy column stays empty. */
const noPower = (inventory: ReturnType<typeof smallCloud>['inventory']): Energy => new Energy(factBus(), inventory.hosts, null);

describe('hosts.csv', () => {
  it('lists Placement capacity, usage and the service state at the end time', () => {
    const { inventory } = smallCloud();
    const h1 = inventory.hosts[1]!;
    h1.alive = false;
    h1.reporting = false;
    h1.downSince = 90;
    h1.enabled = false;
    const headroom = new Headroom(factBus(), inventory.hosts, [...inventory.flavors.values()], 60);
    const header =
      'host,enabled,alive,service,vcpus,vcpus_used,ram_mb,ram_mb_used,disk_gb,disk_gb_used,servers,' +
      'stranded_vcpus,stranded_ram_mb,stranded_disk_gb,energy_kwh\n';
    expect(renderHostsCsv(inventory, 60, headroom, noPower(inventory))).toBe(
      header + 'compute-0,true,true,up,16,2,16384,4096,200,40,1,0,0,0,\n' + 'compute-1,false,false,up,16,0,16384,0,200,0,0,0,0,0,\n',
    );
    expect(renderHostsCsv(inventory, 90, headroom, noPower(inventory)).split('\n')[2]).toBe('compute-1,false,false,down,16,0,16384,0,200,0,0,0,0,0,');
  });

  it('shows the capacity stranded on a host that no flavor fits', () => {
    const { inventory } = smallCloud();
    const headroom = new Headroom(inventoryFacts(inventory), inventory.hosts, [...inventory.flavors.values()]);

    inventory.claim(inventory.hosts[0]!.id, { vcpus: 13, ramMb: 11264, diskGb: 150 });

    expect(renderHostsCsv(inventory, 0, headroom, noPower(inventory)).split('\n')[1]).toBe('compute-0,true,true,up,16,15,16384,15360,200,190,1,1,1024,10,');
  });
});
