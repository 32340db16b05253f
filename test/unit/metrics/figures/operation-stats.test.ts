import { describe, expect, it } from 'vitest';
import { OperationStats } from '../../../../src/metrics/figures/operation-stats.js';
import type { Host } from '../../../../src/model/host.js';
import type { Server } from '../../../../src/model/server.js';
import type { HostFact, Outcome, ServerFact } from '../../../../src/model/telemetry.js';
import { failureCloud, runningOn } from '../failure-fixture.js';

const hostFact = (time: number, host: Host, action: string, outcome: Outcome, reason: string, server?: Server): HostFact =>
  server === undefined ? { time, host, action, outcome, reason } : { time, host, action, outcome, reason, server };

const move = (time: number, server: Server, action: string, outcome: Outcome, asAdmin = true): ServerFact => ({
  time, server, serverName: server.name, action, outcome, status: '', previousStatus: '', reason: '', httpStatus: null, elapsed: 0, asAdmin,
});

/** A drain of `host` for `purpose` that live-migrates `server` in 30 s. */
function drainOf(stats: OperationStats, time: number, host: Host, server: Server, purpose: string): void {
  stats.host(hostFact(time, host, 'drain_start', 'accepted', `${purpose}: service disabled`));
  stats.server(move(time, server, 'live_migrate', 'accepted'));
  stats.server(move(time + 30, server, 'live_migrate', 'completed'));
  stats.host(hostFact(time + 30, host, 'drained', 'completed', `${purpose}: ...`));
}

describe('OperationStats', () => {
  it('counts a drain’s moves by kind, its blocked servers, its duration and when it stalled', () => {
    const { inventory, hosts: [a, b], flavor } = failureCloud();
    const [s1, s2, s3] = [0, 1, 2].map(() => runningOn(inventory, a.id, flavor));
    const stats = new OperationStats(inventory);

    stats.host(hostFact(100, a, 'drain_start', 'accepted', 'maintenance: service disabled; 3 servers on the host'));
    stats.server(move(100, s1!, 'live_migrate', 'accepted'));
    inventory.detach(s1!, a.id);
    s1!.host = b.id;
    stats.server(move(130, s1!, 'live_migrate', 'completed'));
    stats.server(move(130, s2!, 'migrate', 'accepted'));
    inventory.detach(s2!, a.id);
    stats.server(move(200, s2!, 'migrate', 'completed'));
    stats.server(move(200, s3!, 'live_migrate', 'accepted'));
    stats.server(move(201, s3!, 'live_migrate', 'failed'));
    stats.host(hostFact(100, a, 'drain_blocked', 'transition', 'maintenance: vm_state suspended', s3));
    stats.host(hostFact(300, a, 'drain_stalled', 'failed', 'maintenance: nothing more can move now'));
    stats.host(hostFact(1000, a, 'drained', 'completed', 'maintenance: ...'));

    const m = stats.summary().maintenance;
    expect(m).toMatchObject({ drains: 1, migrations: 2, live: 1, cold: 1, offloaded: 0, failed_moves: 1, blocked: 1, duration_s: { p50: 900, max: 900 } });
    expect(m.hosts).toEqual([
      { host: 'host-0', start_s: 100, duration_s: 900, outcome: 'drained', stalled_after_s: 200, migrations: 2, failed_moves: 1, blocked: 1, left_on_host: 1 },
    ]);
  });

  it('leaves out moves of servers on hosts not being drained, and a member’s own requests', () => {
    const { inventory, hosts: [a], flavor } = failureCloud();
    const s = runningOn(inventory, a.id, flavor);
    const stats = new OperationStats(inventory);

    stats.server(move(0, s, 'live_migrate', 'accepted'));
    stats.server(move(10, s, 'live_migrate', 'completed'));
    stats.host(hostFact(20, a, 'drain_start', 'accepted', 'maintenance: x'));
    stats.server(move(20, s, 'migrate', 'accepted', false));
    stats.server(move(30, s, 'migrate', 'completed', false));

    expect(stats.summary().maintenance).toMatchObject({ migrations: 0, failed_moves: 0 });
  });

  it('gives the rolling update its own drains, its hosts updated and its duration', () => {
    const { inventory, hosts: [a, b], flavor } = failureCloud();
    const s = runningOn(inventory, a.id, flavor);
    const stats = new OperationStats(inventory);

    stats.host(hostFact(50, a, 'rolling_update_start', 'accepted', 'rolling update: pool of 1'));
    drainOf(stats, 50, a, s, 'rolling update');
    stats.host(hostFact(1880, a, 'updated', 'completed', 'rolling update: host updated'));
    stats.host(hostFact(1880, b, 'drain_start', 'accepted', 'rolling update: service disabled'));
    stats.host(hostFact(1890, b, 'drained', 'completed', 'rolling update: ...'));
    stats.host(hostFact(3690, b, 'updated', 'completed', 'rolling update: host updated'));
    stats.host(hostFact(3690, b, 'rolling_update_done', 'completed', 'rolling update: 2 hosts updated'));

    const summary = stats.summary();
    expect(summary.rolling_update).toMatchObject({ hosts: 2, updated: 2, start_s: 50, duration_s: 3640, migrations: 1, live: 1, drain_s: { max: 30 } });
    expect(summary.maintenance.drains).toBe(0);
  });

  it('counts an optimisation run’s consolidation moves, spread moves and power-offs, and the power-ons of the headroom rule', () => {
    const { inventory, hosts: [a, b], flavor } = failureCloud();
    const s1 = runningOn(inventory, a.id, flavor);
    const s2 = runningOn(inventory, b.id, flavor);
    const stats = new OperationStats(inventory);

    stats.host(hostFact(7200, a, 'optimise_start', 'accepted', 'optimisation: consolidate run 1'));
    drainOf(stats, 7200, a, s1, 'consolidation');
    stats.host(hostFact(7230, a, 'power_off_host', 'completed', ''));
    stats.host(hostFact(7230, b, 'rebalance', 'accepted', 'optimisation: spread', s2));
    stats.server(move(7230, s2, 'migrate', 'accepted'));
    stats.server(move(7300, s2, 'migrate', 'failed'));
    stats.host(hostFact(7300, a, 'optimise_end', 'completed', 'optimisation: ...'));
    stats.host(hostFact(9000, a, 'wake_host', 'accepted', 'consolidation: headroom'));
    stats.host(hostFact(9000, a, 'power_on_host', 'completed', ''));

    const { optimisation, power } = stats.summary();
    expect(optimisation).toMatchObject({ runs: 1, migrations: 1, live: 1, failed_moves: 1, hosts_powered_off: 1, hosts_powered_on: 1 });
    expect(optimisation!.runs_detail[0]).toMatchObject({ start_s: 7200, duration_s: 100, migrations: 1, failed_moves: 1, hosts_powered_off: 1 });
    expect(power).toEqual({ powered_off: 1, powered_on: 1, hosts_off_at_end: 0 });
  });

  it('reports null for the workflows that did not run', () => {
    const { inventory } = failureCloud();

    const summary = new OperationStats(inventory).summary();

    expect([summary.rolling_update, summary.optimisation, summary.maintenance.drains]).toEqual([null, null, 0]);
  });
});
