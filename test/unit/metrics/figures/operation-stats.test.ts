import { describe, expect, it } from 'vitest';
import type { Workflow } from '../../../../src/cloud/fact-names.js';
import type { Outcome, ServerAction, ServerFact } from '../../../../src/cloud/facts.js';
import type { Bus } from '../../../../src/engine/bus.js';
import type { RunFact } from '../../../../src/metrics/run-facts.js';
import { OperationStats } from '../../../../src/metrics/figures/operation-stats.js';
import type { Host } from '../../../../src/model/host.js';
import type { Server } from '../../../../src/model/server.js';
import { failureCloud, runningOn } from '../failure-fixture.js';
import { factBus, hostFact, operatorFact, serverFact } from '../fixtures.js';

const move = (time: number, server: Server, action: ServerAction, outcome: Outcome, asAdmin = true): ServerFact =>
  serverFact(time, server, action, outcome, {}, { asAdmin });

/** A drain of `host` for `purpose` that live-migrates `server` in 30 s. */
function drainOf(facts: Bus<RunFact>, time: number, host: Host, server: Server, purpose: Workflow): void {
  facts.emit(operatorFact(time, host, 'drain_start', 'accepted', purpose, 'service disabled'));
  facts.emit(move(time, server, 'live_migrate', 'accepted'));
  facts.emit(move(time + 30, server, 'live_migrate', 'completed'));
  facts.emit(operatorFact(time + 30, host, 'drained', 'completed', purpose, '...'));
}

describe('OperationStats', () => {
  it('counts a drain’s moves by kind, its blocked servers, its duration and when it stalled', () => {
    const { inventory, hosts: [a, b], flavor } = failureCloud();
    const [s1, s2, s3] = [0, 1, 2].map(() => runningOn(inventory, a.id, flavor));
    const facts = factBus();
    const stats = new OperationStats(facts, inventory);

    facts.emit(operatorFact(100, a, 'drain_start', 'accepted', 'maintenance', 'service disabled; 3 servers on the host'));
    facts.emit(move(100, s1!, 'live_migrate', 'accepted'));
    inventory.detach(s1!, a.id);
    s1!.host = b.id;
    facts.emit(move(130, s1!, 'live_migrate', 'completed'));
    facts.emit(move(130, s2!, 'migrate', 'accepted'));
    inventory.detach(s2!, a.id);
    facts.emit(move(200, s2!, 'migrate', 'completed'));
    facts.emit(move(200, s3!, 'live_migrate', 'accepted'));
    facts.emit(move(201, s3!, 'live_migrate', 'failed'));
    facts.emit(operatorFact(100, a, 'drain_blocked', 'transition', 'maintenance', 'vm_state suspended', s3));
    facts.emit(operatorFact(300, a, 'drain_stalled', 'failed', 'maintenance', 'nothing more can move now'));
    facts.emit(operatorFact(1000, a, 'drained', 'completed', 'maintenance', '...'));

    const m = stats.summary().maintenance;
    expect(m).toMatchObject({ drains: 1, migrations: 2, live: 1, cold: 1, offloaded: 0, failed_moves: 1, blocked: 1, duration_s: { p50: 900, max: 900 } });
    expect(m.hosts).toEqual([
      { host: 'host-0', start_s: 100, duration_s: 900, outcome: 'drained', stalled_after_s: 200, migrations: 2, failed_moves: 1, blocked: 1, left_on_host: 1 },
    ]);
  });

  it('leaves out moves of servers on hosts not being drained, and a member’s own requests', () => {
    const { inventory, hosts: [a], flavor } = failureCloud();
    const s = runningOn(inventory, a.id, flavor);
    const facts = factBus();
    const stats = new OperationStats(facts, inventory);

    facts.emit(move(0, s, 'live_migrate', 'accepted'));
    facts.emit(move(10, s, 'live_migrate', 'completed'));
    facts.emit(operatorFact(20, a, 'drain_start', 'accepted', 'maintenance', 'x'));
    facts.emit(move(20, s, 'migrate', 'accepted', false));
    facts.emit(move(30, s, 'migrate', 'completed', false));

    expect(stats.summary().maintenance).toMatchObject({ migrations: 0, failed_moves: 0 });
  });

  it('gives the rolling update its own drains, its hosts updated and its duration', () => {
    const { inventory, hosts: [a, b], flavor } = failureCloud();
    const s = runningOn(inventory, a.id, flavor);
    const facts = factBus();
    const stats = new OperationStats(facts, inventory);

    facts.emit(operatorFact(50, a, 'rolling_update_start', 'accepted', 'rolling update', 'pool of 1'));
    drainOf(facts, 50, a, s, 'rolling update');
    facts.emit(operatorFact(1880, a, 'updated', 'completed', 'rolling update', 'host updated'));
    facts.emit(operatorFact(1880, b, 'drain_start', 'accepted', 'rolling update', 'service disabled'));
    facts.emit(operatorFact(1890, b, 'drained', 'completed', 'rolling update', '...'));
    facts.emit(operatorFact(3690, b, 'updated', 'completed', 'rolling update', 'host updated'));
    facts.emit(operatorFact(3690, b, 'rolling_update_done', 'completed', 'rolling update', '2 hosts updated'));

    const summary = stats.summary();
    expect(summary.rolling_update).toMatchObject({ hosts: 2, updated: 2, start_s: 50, duration_s: 3640, migrations: 1, live: 1, drain_s: { max: 30 } });
    expect(summary.maintenance.drains).toBe(0);
  });

  it('counts an optimisation run’s consolidation moves, spread moves and power-offs, and the power-ons of the headroom rule', () => {
    const { inventory, hosts: [a, b], flavor } = failureCloud();
    const s1 = runningOn(inventory, a.id, flavor);
    const s2 = runningOn(inventory, b.id, flavor);
    const facts = factBus();
    const stats = new OperationStats(facts, inventory);

    facts.emit(operatorFact(7200, a, 'optimise_start', 'accepted', 'optimisation', 'consolidate run 1'));
    drainOf(facts, 7200, a, s1, 'consolidation');
    facts.emit(hostFact(7230, a, 'power_off_host', 'completed', ''));
    facts.emit(operatorFact(7230, b, 'rebalance', 'accepted', 'optimisation', 'spread', s2));
    facts.emit(move(7230, s2, 'migrate', 'accepted'));
    facts.emit(move(7300, s2, 'migrate', 'failed'));
    facts.emit(operatorFact(7300, a, 'optimise_end', 'completed', 'optimisation', '...'));
    facts.emit(operatorFact(9000, a, 'wake_host', 'accepted', 'consolidation', 'headroom'));
    facts.emit(hostFact(9000, a, 'power_on_host', 'completed', ''));

    const { optimisation, power } = stats.summary();
    expect(optimisation).toMatchObject({ runs: 1, migrations: 1, live: 1, failed_moves: 1, hosts_powered_off: 1, hosts_powered_on: 1 });
    expect(optimisation!.runs_detail[0]).toMatchObject({ start_s: 7200, duration_s: 100, migrations: 1, failed_moves: 1, hosts_powered_off: 1 });
    expect(power).toEqual({ powered_off: 1, powered_on: 1, hosts_off_at_end: 0 });
  });

  it('reports null for the workflows that did not run', () => {
    const { inventory } = failureCloud();

    const summary = new OperationStats(factBus(), inventory).summary();

    expect([summary.rolling_update, summary.optimisation, summary.maintenance.drains]).toEqual([null, null, 0]);
  });
});
