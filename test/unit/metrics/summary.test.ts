import { describe, expect, it } from 'vitest';
import { RunStats } from '../../../src/metrics/run-stats.js';
import { summarize, summaryJson } from '../../../src/metrics/summary.js';
import { STATUSES } from '../../../src/lifecycle/status.js';
import { hostFact, serverFact } from './fixtures.js';
import { smallCloud } from './inventory-fixture.js';

function scenario() {
  const { inventory, web, db } = smallCloud();
  const stats = new RunStats();
  stats.server(serverFact(0, web, 'create', 'accepted', { previous: 'BUILD' }));
  stats.placement({ time: 0, server: web, host: inventory.hosts[0]!, reason: '', purpose: 'create', decision: null });
  stats.server(serverFact(12.5, web, 'create', 'completed', { previous: 'BUILD', status: 'ACTIVE' }, { elapsed: 12.5 }));
  stats.server(serverFact(3.25, db, 'create', 'accepted', { previous: 'BUILD' }));
  stats.placement({ time: 3.25, server: db, host: null, reason: 'No valid host was found.', purpose: 'create', decision: null });
  stats.server(serverFact(3.3, null, 'stop', 'rejected', {}, { serverName: 'ghost' }));
  stats.server(serverFact(20, web, 'stop', 'accepted', { previous: 'ACTIVE', status: 'ACTIVE' }));
  stats.server(serverFact(30, web, 'stop', 'completed', { previous: 'ACTIVE', status: 'SHUTOFF' }, { elapsed: 10.00049 }));
  stats.host(hostFact(50, inventory.hosts[1]!, 'service_down', 'transition'));
  inventory.hosts[1]!.downSince = 50;
  return { inventory, stats };
}

describe('summarize', () => {
  it('builds the summary with stable key order and rounded numbers', () => {
    const { inventory, stats } = scenario();
    const summary = summarize(stats, inventory, 100, {
      scenario: 'quickstart',
      seed: 42,
      duration: 100,
      meanUtilisation: { vcpus: 1 / 3, ram: 0.5, disk: 0.123456 },
    });
    expect(Object.keys(summary)).toEqual([
      'scenario',
      'seed',
      'duration',
      'servers_by_status',
      'requests',
      'action_durations',
      'placements',
      'hosts',
      'utilisation',
      'mean_utilisation',
    ]);
    expect(Object.keys(summary.servers_by_status)).toEqual(STATUSES);
    expect(summary.servers_by_status.SHUTOFF).toBe(1);
    expect(summary.servers_by_status.BUILD).toBe(1);
    expect(summary.servers_by_status.ACTIVE).toBe(0);
    expect(summary.requests).toEqual({
      create: { accepted: 2, rejected: 0, failed: 0 },
      stop: { accepted: 1, rejected: 1, failed: 0 },
    });
    expect(Object.keys(summary.requests)).toEqual(['create', 'stop']);
    expect(summary.action_durations).toEqual({
      create: { count: 1, mean_s: 12.5, p95_s: 12.5, max_s: 12.5 },
      stop: { count: 1, mean_s: 10, p95_s: 10, max_s: 10 },
    });
    expect(summary.placements).toEqual({ attempted: 2, failed: 1 });
    expect(summary.hosts).toEqual({ total: 2, up: 1 });
    expect(summary.utilisation).toEqual({ vcpus: 0.0625, ram: 0.125, disk: 0.1 });
    expect(summary.mean_utilisation).toEqual({ vcpus: 0.3333, ram: 0.5, disk: 0.1235 });
  });

  it('gives null mean utilisation when not sampled and byte-identical JSON for equal runs', () => {
    const a = scenario();
    const b = scenario();
    const meta = { scenario: 's', seed: 'abc', duration: 100 };
    const textA = summaryJson(summarize(a.stats, a.inventory, 100, meta));
    expect(textA).toBe(summaryJson(summarize(b.stats, b.inventory, 100, meta)));
    expect(JSON.parse(textA).mean_utilisation).toBeNull();
    expect(textA.endsWith('}\n')).toBe(true);
    expect(textA.startsWith('{\n  "scenario": "s",\n  "seed": "abc",\n  "duration": 100,\n  "servers_by_status": {\n    "ACTIVE": 0,\n')).toBe(true);
  });
});
