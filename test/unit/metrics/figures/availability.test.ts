import { describe, expect, it } from 'vitest';
import { Availability } from '../../../../src/metrics/figures/availability.js';
import type { Server } from '../../../../src/model/server.js';
import { failureCloud, runningOn } from '../failure-fixture.js';
import { factBus, hostFact, serverFact } from '../fixtures.js';

/** A server that became ACTIVE at 10 on host-0, watched from its create's completion. */
function launched() {
  const cloud = failureCloud();
  const server = runningOn(cloud.inventory, cloud.hosts[0].id, cloud.flavor);
  const facts = factBus();
  const availability = new Availability(facts, cloud.inventory);
  facts.emit(serverFact(10, server, 'create', 'completed', { previous: 'BUILD', status: 'ACTIVE' }));
  return { ...cloud, server, availability, facts };
}

function set(server: Server, change: Partial<Pick<Server, 'vmState' | 'taskState' | 'powerState' | 'host'>>): Server {
  return Object.assign(server, change);
}

describe('Availability', () => {
  it('counts a whole life of running as availability 1 and no downtime', () => {
    const { server, availability } = launched();
    expect(availability.of(server.id, 1000)).toEqual({ downtime: 0, availability: 1 });
  });

  it('counts the zombie period on a dead host and the rebuild as downtime until the evacuation completes', () => {
    const { hosts, server, availability, facts } = launched();
    hosts[0].alive = false;
    facts.emit(hostFact(100, hosts[0], 'fail_host', 'accepted'));
    set(server, { taskState: 'rebuilding' });
    facts.emit(serverFact(200, server, 'evacuate', 'accepted'));
    set(server, { host: hosts[1].id, taskState: 'rebuild_spawning' }); // alive host, power still running: being rebuilt
    facts.emit(serverFact(210, server, 'evacuate', 'transition'));
    set(server, { taskState: null });
    facts.emit(serverFact(300, server, 'evacuate', 'completed'));
    // life 10..1000 = 990 s; running 10..100 and 300..1000 = 790 s; down 100..300 = 200 s
    const a = availability.of(server.id, 1000);
    expect(a.downtime).toBe(200);
    expect(a.availability).toBeCloseTo(790 / 990, 12);
  });

  it('keeps the guests of a partitioned host running', () => {
    const { hosts, server, availability, facts } = launched();
    hosts[0].reporting = false;
    facts.emit(hostFact(100, hosts[0], 'partition_host', 'accepted'));
    facts.emit(hostFact(160, hosts[0], 'service_down', 'transition'));
    expect(availability.of(server.id, 1000)).toEqual({ downtime: 0, availability: 1 });
  });

  it('keeps a server evacuated off a partitioned host running while its old incarnation runs, until it is fenced', () => {
    const { hosts, server, availability, facts } = launched();
    hosts[0].reporting = false;
    facts.emit(hostFact(100, hosts[0], 'partition_host', 'accepted'));
    set(server, { taskState: 'rebuilding' });
    facts.emit(serverFact(200, server, 'evacuate', 'accepted'));
    set(server, { host: hosts[1].id, taskState: 'rebuild_spawning' });
    facts.emit(serverFact(210, server, 'evacuate', 'transition'));
    hosts[0].alive = false; // fenced: the old incarnation dies (host-0 still lists the server), the new one is not up yet
    facts.emit(hostFact(250, hosts[0], 'fence_host', 'completed'));
    set(server, { taskState: null });
    facts.emit(serverFact(300, server, 'evacuate', 'completed'));
    expect(availability.of(server.id, 1000).downtime).toBe(50);
  });

  it('does not count a server its owner stopped as downtime, though it is not running', () => {
    const { server, availability, facts } = launched();
    set(server, { taskState: 'powering-off' });
    facts.emit(serverFact(100, server, 'stop', 'accepted'));
    set(server, { vmState: 'stopped', taskState: null, powerState: 'shutdown' });
    facts.emit(serverFact(110, server, 'stop', 'completed', { status: 'SHUTOFF' }));
    // running 10..110 = 100 s of 990
    const a = availability.of(server.id, 1000);
    expect(a.downtime).toBe(0);
    expect(a.availability).toBeCloseTo(100 / 990, 12);
  });

  it('counts a server stopped by the power sync after its host rebooted as down until someone acts on it', () => {
    const { hosts, server, availability, facts } = launched();
    hosts[0].alive = false;
    facts.emit(hostFact(100, hosts[0], 'fail_host', 'accepted'));
    hosts[0].alive = true;
    facts.emit(hostFact(500, hosts[0], 'recover_host', 'accepted', 'booted'));
    set(server, { vmState: 'stopped', powerState: 'shutdown' });
    facts.emit(serverFact(500, server, 'sync_power_state', 'completed', { status: 'SHUTOFF' }));
    set(server, { taskState: 'powering-on' });
    facts.emit(serverFact(700, server, 'start', 'accepted', { previous: 'SHUTOFF' }));
    set(server, { vmState: 'active', taskState: null, powerState: 'running' });
    facts.emit(serverFact(720, server, 'start', 'completed', { previous: 'SHUTOFF', status: 'ACTIVE' }));
    // down 100..700 = 600 s (the start itself, 700..720, is the owner's); running 10..100 and 720..1000 = 370 s
    const a = availability.of(server.id, 1000);
    expect(a.downtime).toBe(600);
    expect(a.availability).toBeCloseTo(370 / 990, 12);
  });

  it('counts an ERROR server on a fenced host as down, and ends the life at deletion', () => {
    const { hosts, server, availability, facts } = launched();
    set(server, { vmState: 'error' });
    facts.emit(serverFact(50, server, 'evacuate', 'failed', { status: 'ERROR' }));
    hosts[0].alive = false;
    facts.emit(hostFact(60, hosts[0], 'fence_host', 'completed'));
    set(server, { vmState: 'deleted', powerState: 'pending' });
    facts.emit(serverFact(90, server, 'delete', 'completed', { previous: 'ERROR', status: 'DELETED' }));
    // life 10..90; running 10..60 (an ERROR guest on a live host still runs); down 60..90
    const a = availability.of(server.id, 1000);
    expect(a.downtime).toBe(30);
    expect(a.availability).toBeCloseTo(50 / 80, 12);
  });

  it('gives a server that never became ACTIVE no downtime and availability 1', () => {
    const { inventory, hosts, flavor } = failureCloud();
    const server = runningOn(inventory, hosts[0].id, flavor);
    const facts = factBus();
    const availability = new Availability(facts, inventory);
    set(server, { vmState: 'error', powerState: 'pending' });
    facts.emit(serverFact(5, server, 'create', 'failed', { previous: 'BUILD', status: 'ERROR' }));
    expect(availability.of(server.id, 100)).toEqual({ downtime: 0, availability: 1 });
  });

  it('updates only the servers on the host named by a host fact', () => {
    const { inventory, hosts, flavor, server, availability, facts } = launched();
    const other = runningOn(inventory, hosts[1].id, flavor);
    facts.emit(serverFact(10, other, 'create', 'completed', { previous: 'BUILD', status: 'ACTIVE' }));
    hosts[0].alive = false;
    hosts[1].alive = false; // not announced: host-1's servers are not looked at
    facts.emit(hostFact(100, hosts[0], 'fail_host', 'accepted'));
    expect(availability.of(server.id, 200).downtime).toBe(100);
    expect(availability.of(other.id, 200).downtime).toBe(0);
  });
});
