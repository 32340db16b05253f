import { describe, expect, it } from 'vitest';
import { EventLog } from '../../../../src/metrics/writers/events-csv.js';
import { memorySink, type TextSink } from '../../../../src/metrics/writers/text-sink.js';
import type { HostId } from '../../../../src/model/ids.js';
import { host, hostFact, server, serverFact } from '../fixtures.js';

const HEADER = 'time,server,host,action,outcome,status,vm_state,task_state,power_state,reason,http_status\n';
const names = ['compute-0', 'compute-1'];
const hostName = (id: HostId): string => names[id]!;

describe('EventLog', () => {
  it('writes the header then one row per fact, with the state at that moment', () => {
    const sink = memorySink();
    const log = new EventLog(sink, hostName);
    const vm = server(0, 'web-1');
    log.server(serverFact(0, vm, 'create', 'accepted', { previous: 'BUILD' }));
    vm.host = 1 as HostId;
    vm.taskState = 'spawning';
    log.server(serverFact(1.25, vm, 'create', 'transition', { previous: 'BUILD' }));
    vm.vmState = 'active';
    vm.taskState = null;
    vm.powerState = 'running';
    log.server(serverFact(12.5, vm, 'create', 'completed', { previous: 'BUILD', status: 'ACTIVE' }, { elapsed: 12.5 }));
    log.flush();
    expect(sink.text()).toBe(
      HEADER +
        '0,web-1,,create,accepted,BUILD,building,scheduling,pending,,\n' +
        '1.25,web-1,compute-1,create,transition,BUILD,building,spawning,pending,,\n' +
        '12.5,web-1,compute-1,create,completed,ACTIVE,active,,running,,\n',
    );
  });

  it('logs requests for missing servers and host facts with empty state columns', () => {
    const sink = memorySink();
    const log = new EventLog(sink, hostName);
    log.server(
      serverFact(3.0004, null, 'reboot', 'rejected', {}, { serverName: 'ghost', reason: 'Instance ghost could not be found.', httpStatus: 404 }),
    );
    log.host(hostFact(60.1, host(0, 'compute-0'), 'fail_host', 'accepted', 'last heartbeat at 60s'));
    log.flush();
    expect(sink.text()).toBe(
      HEADER +
        '3,ghost,,reboot,rejected,,,,,Instance ghost could not be found.,404\n' +
        '60.1,,compute-0,fail_host,accepted,,,,,last heartbeat at 60s,\n',
    );
  });

  it('quotes reasons containing commas, quotes and newlines', () => {
    const sink = memorySink();
    const log = new EventLog(sink, hostName);
    const vm = server(0, 'db,primary');
    log.server(serverFact(1, vm, 'resize', 'rejected', {}, { reason: 'Flavor "m1.huge" is too big, sorry', httpStatus: 400 }));
    log.server(serverFact(2, vm, 'stop', 'rejected', {}, { reason: 'line one\nline two', httpStatus: 409 }));
    log.flush();
    expect(sink.text()).toBe(
      HEADER +
        '1,"db,primary",,resize,rejected,ACTIVE,building,scheduling,pending,"Flavor ""m1.huge"" is too big, sorry",400\n' +
        '2,"db,primary",,stop,rejected,ACTIVE,building,scheduling,pending,"line one\nline two",409\n',
    );
  });

  it('writes in batches and gives the same text whatever the batch size', () => {
    const writes: string[] = [];
    const counting: TextSink = { write: (t) => writes.push(t) };
    const small = new EventLog(counting, hostName, 2);
    const whole = memorySink();
    const big = new EventLog(whole, hostName);
    const vm = server(0, 'a');
    for (let i = 0; i < 5; i++) {
      const fact = serverFact(i, vm, 'reboot', 'rejected');
      small.server(fact);
      big.server(fact);
    }
    // header + 5 rows = 6 rows: batches of 2 are written as the rows arrive, none left for flush
    expect(writes).toHaveLength(3);
    small.flush();
    expect(writes).toHaveLength(3);
    big.flush();
    expect(writes.join('')).toBe(whole.text());
  });

  it('writes just the header when nothing happened', () => {
    const sink = memorySink();
    new EventLog(sink, hostName).flush();
    expect(sink.text()).toBe(HEADER);
  });
});
