import { describe, expect, it } from 'vitest';
import { RunStats } from '../../../../src/metrics/figures/run-stats.js';
import type { HostId } from '../../../../src/model/ids.js';
import type { FilterCount, PlacementDecision } from '../../../../src/model/placement-decision.js';
import type { PlacementPurpose } from '../../../../src/cloud/fact-names.js';
import type { PlacementFact } from '../../../../src/cloud/facts.js';
import { factBus, host, server } from '../fixtures.js';

const c0 = host(0, 'c0');
const vm = server(0, 'web-1');

function decision(filters: FilterCount[], chosen: number | null): PlacementDecision {
  return { policy: 'filter_scheduler', hosts: 10, filters, top: [], chosen: chosen as HostId | null, alternates: [] };
}

function placed(purpose: PlacementPurpose, filters: FilterCount[]): PlacementFact {
  return { type: 'placement', time: 1, server: vm.id, host: c0.id, reason: '', purpose, decision: decision(filters, 0) };
}

function noValidHost(purpose: PlacementPurpose, filters: FilterCount[]): PlacementFact {
  return { type: 'placement', time: 2, server: vm.id, host: null, reason: 'No valid host was found.', purpose, decision: decision(filters, null) };
}

describe('RunStats placement counters', () => {
  it('counts attempts and failures overall and by purpose, purposes sorted', () => {
    const facts = factBus();
    const stats = new RunStats(facts);

    facts.emit(placed('migrate', []));
    facts.emit(placed('create', []));
    facts.emit(noValidHost('create', []));
    facts.emit({ type: 'placement', time: 3, server: vm.id, host: c0.id, reason: '', purpose: 'reschedule', decision: null });

    const s = stats.placements.summary();
    expect([s.attempted, s.succeeded, s.failed]).toEqual([4, 3, 1]);
    expect(s.by_purpose).toEqual({
      create: { attempted: 2, failed: 1 },
      migrate: { attempted: 1, failed: 0 },
      reschedule: { attempted: 1, failed: 0 },
    });
    expect(Object.keys(s.by_purpose)).toEqual(['create', 'migrate', 'reschedule']);
  });

  it('sums the hosts each filter removed and names the filter that left none', () => {
    const facts = factBus();
    const stats = new RunStats(facts);

    facts.emit(placed('create', [
      { filter: 'Placement', before: 10, after: 8 },
      { filter: 'RamFilter', before: 8, after: 5 },
    ]));
    facts.emit(noValidHost('create', [
      { filter: 'Placement', before: 10, after: 4 },
      { filter: 'ComputeFilter', before: 4, after: 3 },
      { filter: 'RamFilter', before: 3, after: 0 },
    ]));
    facts.emit(noValidHost('evacuate', [{ filter: 'Placement', before: 10, after: 0 }]));
    facts.emit(noValidHost('create', [])); // a policy that reports no filter counts

    const s = stats.placements.summary();
    expect(s.hosts_removed_by_filter).toEqual({ ComputeFilter: 1, Placement: 18, RamFilter: 6 });
    expect(Object.keys(s.hosts_removed_by_filter)).toEqual(['ComputeFilter', 'Placement', 'RamFilter']);
    expect(s.failed_by_filter).toEqual({ Placement: 1, RamFilter: 1 });
    expect(s.failed).toBe(3);
  });

  it('counts build failures, and the rescheduled ones as reschedules', () => {
    const facts = factBus();
    const stats = new RunStats(facts);

    facts.emit({ type: 'build_failure', time: 5, server: vm.id, host: c0.id, rescheduled: true });
    facts.emit({ type: 'build_failure', time: 9, server: vm.id, host: c0.id, rescheduled: true });
    facts.emit({ type: 'build_failure', time: 12, server: vm.id, host: c0.id, rescheduled: false });

    expect(stats.placements.summary()).toMatchObject({ reschedules: 2, build_failures: 3 });
  });

  it('keeps summary keys in the documented order', () => {
    expect(Object.keys(new RunStats(factBus()).placements.summary())).toEqual([
      'attempted', 'succeeded', 'failed', 'by_purpose', 'failed_by_filter', 'hosts_removed_by_filter', 'reschedules', 'build_failures',
    ]);
  });
});
