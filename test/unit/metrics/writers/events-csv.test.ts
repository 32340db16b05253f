import { describe, expect, it } from 'vitest';
import { csvEventLog } from '../../../../src/metrics/writers/events-csv.js';
import { memorySink, type TextSink } from '../../../../src/metrics/writers/text-sink.js';
import { factBus, hostFact, namedInventory, operatorFact, refusedFact, serverFact } from '../fixtures.js';

const HEADER = 'time,server,host,action,outcome,status,vm_state,task_state,power_state,reason,http_status\n';

/** An event log of a cloud with hosts compute-0 and compute-1 and one server named `name`. */
function logOf(sink: TextSink, name = 'web-1', batchRows?: number) {
  const { inventory, hosts, servers } = namedInventory(['compute-0', 'compute-1'], [name]);
  const facts = factBus();
  const log = csvEventLog(facts, sink, inventory, 'full', batchRows);
  return { facts, log, hosts, vm: servers[0]! };
}

describe('EventLog', () => {
  it('writes the header then one row per fact, with the state at that moment', () => {
    const sink = memorySink();
    const { facts, log, hosts, vm } = logOf(sink);
    facts.emit(serverFact(0, vm, 'create', 'accepted', { previous: 'BUILD' }));
    vm.host = hosts[1]!.id;
    vm.taskState = 'spawning';
    facts.emit(serverFact(1.25, vm, 'create', 'transition', { previous: 'BUILD' }));
    vm.vmState = 'active';
    vm.taskState = null;
    vm.powerState = 'running';
    facts.emit(serverFact(12.5, vm, 'create', 'completed', { previous: 'BUILD', status: 'ACTIVE' }, { elapsed: 12.5 }));
    log.flush();
    expect(sink.text()).toBe(
      HEADER +
        '0,web-1,,create,accepted,BUILD,building,scheduling,pending,,\n' +
        '1.25,web-1,compute-1,create,transition,BUILD,building,spawning,pending,,\n' +
        '12.5,web-1,compute-1,create,completed,ACTIVE,active,,running,,\n',
    );
  });

  it('logs requests for missing servers, host facts and operator steps with empty state columns', () => {
    const sink = memorySink();
    const { facts, log, hosts, vm } = logOf(sink);
    facts.emit(refusedFact(3.0004, 'ghost', 'reboot', 'Instance ghost could not be found.', 404));
    facts.emit(hostFact(60.1, hosts[0]!, 'fail_host', 'accepted', 'last heartbeat at 60s'));
    facts.emit(operatorFact(70, hosts[1]!, 'drain_blocked', 'transition', 'maintenance', 'vm_state suspended', vm));
    log.flush();
    expect(sink.text()).toBe(
      HEADER +
        '3,ghost,,reboot,rejected,,,,,Instance ghost could not be found.,404\n' +
        '60.1,,compute-0,fail_host,accepted,,,,,last heartbeat at 60s,\n' +
        '70,web-1,compute-1,drain_blocked,transition,,,,,maintenance: vm_state suspended,\n',
    );
  });

  it('quotes reasons containing commas, quotes and newlines', () => {
    const sink = memorySink();
    const { facts, log, vm } = logOf(sink, 'db,primary');
    facts.emit(serverFact(1, vm, 'resize', 'rejected', {}, { reason: 'Flavor "m1.huge" is too big, sorry', httpStatus: 400 }));
    facts.emit(serverFact(2, vm, 'stop', 'rejected', {}, { reason: 'line one\nline two', httpStatus: 409 }));
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
    const small = logOf(counting, 'a', 2);
    const whole = memorySink();
    const big = logOf(whole, 'a');
    for (let i = 0; i < 5; i++) {
      const fact = serverFact(i, small.vm, 'reboot', 'rejected');
      small.facts.emit(fact);
      big.facts.emit(fact);
    }
    // header + 5 rows = 6 rows: batches of 2 are written as the rows arrive, none left for flush
    expect(writes).toHaveLength(3);
    small.log.flush();
    expect(writes).toHaveLength(3);
    big.log.flush();
    expect(writes.join('')).toBe(whole.text());
  });

  it('writes just the header when nothing happened', () => {
    const sink = memorySink();
    logOf(sink).log.flush();
    expect(sink.text()).toBe(HEADER);
  });
});
