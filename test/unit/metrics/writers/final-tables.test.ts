import { describe, expect, it } from 'vitest';
import { Availability } from '../../../../src/metrics/figures/availability.js';
import { hostsCsv, serversCsv } from '../../../../src/metrics/writers/final-tables.js';
import { Headroom } from '../../../../src/metrics/figures/headroom.js';
import { hostIdOf } from '../../../../src/model/host-id.js';
import { factBus, hostFact, inventoryFacts, serverFact } from '../fixtures.js';
import { smallCloud } from '../inventory-fixture.js';

describe('servers.csv', () => {
  it('lists every server with names, derived status and times', () => {
    const { inventory, db } = smallCloud();
    db.taskState = 'networking';
    expect(serversCsv(inventory, 60, new Availability(factBus(), inventory))).toBe(
      'server,id,project,host,host_id,status,vm_state,task_state,power_state,flavor,image,progress,locked,created,updated,launched,deleted,' +
        'host_status,downtime_s,availability,ephemeral_lost_gb,addresses,access_ip_v4,access_ip_v6,cost\n' +
        'web-1,00000000-0000-4000-8000-000000000000,demo,compute-0,edfabae84a69de68fce2750619e5f38cae7a3b809452e70a8854f66b,' +
        'ACTIVE,active,,running,m1.small,cirros,100,true,0,12.5,12.5,,UP,0,1,0,,,,\n' +
        'db-1,00000000-0000-4000-8000-000000000001,demo,,,BUILD,building,networking,pending,m1.small,cirros,0,false,3.25,3.25,,,,0,1,0,,,,\n',
    );
  });

  it('takes a project-name lookup', () => {
    const { inventory } = smallCloud();
    const text = serversCsv(inventory, 0, new Availability(factBus(), inventory), (id) => `p${id}`);
    expect(text.split('\n')[1]).toContain(`,p1,compute-0,${hostIdOf('compute-0', 'p1')},`);
  });

  it('adds the host status the API shows, downtime, availability and local disk lost', () => {
    const { inventory, web } = smallCloud();
    const h0 = inventory.hosts[0]!;
    const facts = factBus();
    const availability = new Availability(facts, inventory);
    facts.emit(serverFact(12.5, web, 'create', 'completed', { previous: 'BUILD', status: 'ACTIVE' }));
    h0.alive = false;
    h0.reporting = false;
    h0.downSince = 72.5;
    facts.emit(hostFact(12.5 + 30, h0, 'fail_host', 'accepted'));
    web.ephemeralLostGb = 40;
    const row = (end: number): string[] => serversCsv(inventory, end, availability).split('\n')[1]!.split(',').slice(-8, -4);
    // running 12.5..42.5, then a zombie on a dead host; Nova counts its service down from 72.5
    expect(row(112.5)).toEqual(['UNKNOWN', '70', '0.3', '40']);
    expect(row(60)).toEqual(['UP', '17.5', '0.6316', '40']);
    h0.enabled = false;
    expect(row(112.5)[0]).toBe('MAINTENANCE');
  });
});

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
    expect(hostsCsv(inventory, 60, headroom)).toBe(
      header + 'compute-0,true,true,up,16,2,16384,4096,200,40,1,0,0,0,\n' + 'compute-1,false,false,up,16,0,16384,0,200,0,0,0,0,0,\n',
    );
    expect(hostsCsv(inventory, 90, headroom).split('\n')[2]).toBe('compute-1,false,false,down,16,0,16384,0,200,0,0,0,0,0,');
  });

  it('shows the capacity stranded on a host that no flavor fits', () => {
    const { inventory } = smallCloud();
    const headroom = new Headroom(inventoryFacts(inventory), inventory.hosts, [...inventory.flavors.values()]);

    inventory.claim(inventory.hosts[0]!.id, { vcpus: 13, ramMb: 11264, diskGb: 150 });

    expect(hostsCsv(inventory, 0, headroom).split('\n')[1]).toBe('compute-0,true,true,up,16,15,16384,15360,200,190,1,1,1024,10,');
  });
});
