import { describe, expect, it } from 'vitest';
import { Availability } from '../../../../src/metrics/figures/availability.js';
import { renderServersCsv } from '../../../../src/metrics/writers/servers-csv.js';
import { factBus, hostFact, serverFact } from '../fixtures.js';
import { smallCloud } from '../inventory-fixture.js';

describe('servers.csv', () => {
  it('lists every server with names, derived status and times', () => {
    const { inventory, db } = smallCloud();
    db.taskState = 'networking';
    expect(renderServersCsv(inventory, 60, new Availability(factBus(), inventory), null)).toBe(
      'server,id,project,host,host_id,status,vm_state,task_state,power_state,flavor,image,progress,locked,created,updated,launched,deleted,' +
        'host_status,downtime_s,availability,ephemeral_lost_gb,addresses,access_ip_v4,access_ip_v6,cost\n' +
        'web-1,00000000-0000-4000-8000-000000000000,demo,compute-0,edfabae84a69de68fce2750619e5f38cae7a3b809452e70a8854f66b,' +
        'ACTIVE,active,,running,m1.small,cirros,100,true,0,12.5,12.5,,UP,0,1,0,,,,\n' +
        'db-1,00000000-0000-4000-8000-000000000001,demo,,,BUILD,building,networking,pending,m1.small,cirros,0,false,3.25,3.25,,,,0,1,0,,,,\n',
    );
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
    const row = (end: number): string[] => renderServersCsv(inventory, end, availability, null).split('\n')[1]!.split(',').slice(-8, -4);
    // running 12.5..42.5, then a zombie on a dead host; Nova counts its service down from 72.5
    expect(row(112.5)).toEqual(['UNKNOWN', '70', '0.3', '40']);
    expect(row(60)).toEqual(['UP', '17.5', '0.6316', '40']);
    h0.enabled = false;
    expect(row(112.5)[0]).toBe('MAINTENANCE');
  });
});

