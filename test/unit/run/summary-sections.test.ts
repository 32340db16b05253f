import { describe, expect, it } from 'vitest';
import { STATUSES } from '../../../src/lifecycle/status.js';
import { followFigures } from '../../../src/metrics/figures/run-figures.js';
import type { RunEnd } from '../../../src/metrics/run-end.js';
import { NOVA_SERVER_LIMITS } from '../../../src/model/compute-limits.js';
import { ServerDetailsTable } from '../../../src/model/server-details.js';
import { summaryText } from '../../../src/run/outputs/summary-json.js';
import { summaryOf } from '../../../src/run/outputs/summary-sections.js';
import { hostFact, inventoryFacts, refusedFact, serverFact } from '../metrics/fixtures.js';
import { smallCloud } from '../metrics/inventory-fixture.js';

/**
 * A run that ends at 100: web-1 built and stopped, db-1 found no host, a
 * request for a server that does not exist, compute-1's service down
 * since 50, both servers in one anti-affinity group on compute-0.
 */
function scenario(seed: string | number = 1) {
  const { inventory, web, db } = smallCloud();
  const group = inventory.addGroup('web-spread', 'anti-affinity', web.project);
  inventory.joinGroup(web, group);
  inventory.joinGroup(db, group);
  inventory.hosts[0]!.servers.delete(web.id); // the fixture placed web-1 without attach()
  inventory.attach(web, inventory.hosts[0]!.id);
  inventory.attach(db, inventory.hosts[0]!.id);
  inventory.addGroup('aaa-empty', 'soft-affinity', web.project);
  const clock = { now: 0 };
  const facts = inventoryFacts(inventory, clock);
  const figures = followFigures(facts, inventory, { powerModels: null, chargingRates: null });
  facts.emit(serverFact(0, web, 'create', 'accepted', { previous: 'BUILD' }));
  facts.emit({ type: 'placement', time: 0, server: web.id, host: inventory.hosts[0]!.id, reason: '', purpose: 'create', decision: null });
  facts.emit(serverFact(12.5, web, 'create', 'completed', { previous: 'BUILD', status: 'ACTIVE' }, { elapsed: 12.5 }));
  facts.emit(serverFact(3.25, db, 'create', 'accepted', { previous: 'BUILD' }));
  facts.emit({ type: 'placement', time: 3.25, server: db.id, host: null, reason: 'No valid host was found.', purpose: 'create', decision: null });
  facts.emit(refusedFact(3.3, 'ghost', 'stop'));
  facts.emit(serverFact(20, web, 'stop', 'accepted', { previous: 'ACTIVE', status: 'ACTIVE' }));
  facts.emit(serverFact(30, web, 'stop', 'completed', { previous: 'ACTIVE', status: 'SHUTOFF' }, { elapsed: 10.00049 }));
  facts.emit(hostFact(50, inventory.hosts[1]!, 'service_down', 'transition'));
  inventory.hosts[1]!.downSince = 50;
  clock.now = 100;
  inventory.hostChanged(inventory.hosts[1]!); // at the end, compute-1's service is down: only compute-0 counts
  const end = (): RunEnd => ({
    scenario: 'quickstart', seed, end: 100, events: 0, inventory, figures, details: new ServerDetailsTable(), projects: [],
    limits: NOVA_SERVER_LIMITS, serverGroupMembers: 10,
  });
  return { inventory, facts, end };
}

describe('summary.json sections', () => {
  it('builds the summary with stable key order and rounded numbers', () => {
    const { facts, end } = scenario();
    facts.emit({ type: 'sample', time: 0 });
    facts.emit({ type: 'sample', time: 100 });

    const summary = summaryOf(end());

    expect(Object.keys(summary)).toEqual([
      'scenario',
      'seed',
      'duration',
      'servers_by_status',
      'requests',
      'refusals',
      'action_durations',
      'placements',
      'builds',
      'hosts',
      'utilisation',
      'mean_utilisation',
      'peak_utilisation',
      'headroom',
      'fragmentation',
      'anti_affinity',
      'failures',
      'spare_capacity',
      'energy',
      'sla',
      'trace_servers',
      'cost',
      'operations',
      'migrations',
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
    expect(summary.refusals).toMatchObject({ total: 1, top_reasons: [{ action: 'stop', count: 1 }], other: 0 });
    expect(summary.action_durations).toEqual({
      create: { count: 1, mean_s: 12.5, p95_s: 12.5, max_s: 12.5 },
      stop: { count: 1, mean_s: 10, p95_s: 10, max_s: 10 },
    });
    expect(summary.placements).toMatchObject({ attempted: 2, succeeded: 1, failed: 1, by_purpose: { create: { attempted: 2, failed: 1 } } });
    expect(summary.hosts).toEqual({ total: 2, up: 1, shutdowns: 0 });
    // No utilisation-driven servers: no SLA figures and no trace servers.
    expect(summary.sla).toBeNull();
    expect(summary.trace_servers).toBeNull();
    expect(summary.utilisation).toEqual({ vcpus: 0.0625, ram: 0.125, disk: 0.1 });
    expect(summary.mean_utilisation).toEqual({ vcpus: 0.0625, ram: 0.125, disk: 0.1 });
    expect(summary.peak_utilisation).toEqual({ vcpus: 0.0625, ram: 0.125, disk: 0.1 });
  });

  it('reports headroom, fragmentation and shared pairs at the end', () => {
    const { inventory, end } = scenario();
    const h0 = inventory.hosts[0]!;
    inventory.claim(h0.id, { vcpus: 13, ramMb: 11264, diskGb: 150 }); // compute-0 free 1 / 1024 / 10

    const summary = summaryOf(end());

    expect(summary.headroom).toEqual({ 'm1.small': 0 });
    expect(summary.fragmentation).toEqual({
      stranded_vcpus: 1,
      stranded_ram_mb: 1024,
      stranded_disk_gb: 10,
      stranded_fraction_vcpus: 1,
      stranded_fraction_ram: 1,
      stranded_fraction_disk: 1,
    });
    expect(summary.anti_affinity).toEqual({
      projects: { admin: 0, demo: 1 },
      groups: {
        'aaa-empty': { policy: 'soft-affinity', members: 0, shared_pairs: 0 },
        'web-spread': { policy: 'anti-affinity', members: 2, shared_pairs: 1 },
      },
    });
    expect(Object.keys(summary.anti_affinity.groups)).toEqual(['aaa-empty', 'web-spread']);
  });

  it('gives a stranded fraction of the free capacity of usable hosts', () => {
    const { inventory, end } = scenario();
    const h0 = inventory.hosts[0]!;
    inventory.hosts[1]!.downSince = Number.POSITIVE_INFINITY;
    inventory.hostChanged(inventory.hosts[1]!); // compute-1 back: free 16 / 16384 / 200, fits
    inventory.claim(h0.id, { vcpus: 13, ramMb: 11264, diskGb: 150 });

    const f = summaryOf(end()).fragmentation;

    // 1 of 17 vCPUs, 1024 of 17408 MB, 10 of 210 GB.
    expect(f).toMatchObject({ stranded_fraction_vcpus: 0.0588, stranded_fraction_ram: 0.0588, stranded_fraction_disk: 0.0476 });
  });

  it('gives null mean utilisation when not sampled and byte-identical JSON for equal runs', () => {
    const textA = summaryText(summaryOf(scenario('abc').end()));
    expect(textA).toBe(summaryText(summaryOf(scenario('abc').end())));
    expect(JSON.parse(textA).mean_utilisation).toBeNull();
    expect(textA.endsWith('}\n')).toBe(true);
    expect(textA.startsWith('{\n  "scenario": "quickstart",\n  "seed": "abc",\n  "duration": 100,\n  "servers_by_status": {\n    "ACTIVE": 0,\n')).toBe(true);
  });

  it('reports zeros for failures when no host failed, and no domain spare when no host names a domain', () => {
    const summary = summaryOf(scenario().end());
    const none = { p50: 0, p95: 0, max: 0 };
    expect(summary.failures).toEqual({
      count: 0,
      by_kind: { crash: 0, partition: 0 },
      servers_affected: 0,
      detect_s: none,
      fence_s: { ...none, fenced: 0 },
      evacuate_s: { ...none, evacuated: 0 },
      not_evacuated: 0,
      ephemeral_lost_gb: 0,
      split_brain: { intervals: 0, seconds: 0, data_at_risk_gb: 0 },
      repair_s: none,
    });
    expect(summary.spare_capacity).toEqual({
      n1_host_spare_ram_mb: { min: 0, fraction_non_negative: 0 },
      n1_host_spare_vcpus: { min: 0, fraction_non_negative: 0 },
      n1_domain_spare_ram_mb: null,
      n1_domain_spare_vcpus: null,
    });
  });
});
