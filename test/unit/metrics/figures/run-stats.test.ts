import { describe, expect, it } from 'vitest';
import { RunStats } from '../../../../src/metrics/figures/run-stats.js';
import { factBus, host, hostFact, refusedFact, server, serverFact } from '../fixtures.js';

describe('RunStats status counts', () => {
  it('counts a create from nothing into BUILD, then follows transitions', () => {
    const facts = factBus();
    const stats = new RunStats(facts);
    const a = server(0, 'a');
    const b = server(1, 'b');
    // The cloud reports BUILD -> BUILD on a create's accepted row.
    facts.emit(serverFact(0, a, 'create', 'accepted', { previous: 'BUILD' }));
    facts.emit(serverFact(0, b, 'create', 'accepted', { previous: 'BUILD' }));
    facts.emit(serverFact(1, a, 'create', 'transition', { previous: 'BUILD' }));
    expect(stats.statusCount('BUILD')).toBe(2);
    facts.emit(serverFact(5, a, 'create', 'completed', { previous: 'BUILD', status: 'ACTIVE' }, { elapsed: 5 }));
    facts.emit(serverFact(6, b, 'create', 'failed', { previous: 'BUILD', status: 'ERROR' }, { elapsed: 6 }));
    facts.emit(serverFact(7, a, 'reboot', 'accepted', { previous: 'ACTIVE', status: 'REBOOT' }));
    expect([stats.statusCount('BUILD'), stats.statusCount('REBOOT'), stats.statusCount('ERROR')]).toEqual([0, 1, 1]);
    facts.emit(serverFact(9, a, 'reboot', 'completed', { previous: 'REBOOT', status: 'ACTIVE' }, { elapsed: 2 }));
    expect(stats.statusCount('ACTIVE')).toBe(1);
    expect(stats.statusCount('REBOOT')).toBe(0);
  });

  it('ignores rejected requests, including creates and 404s that have no server', () => {
    const facts = factBus();
    const stats = new RunStats(facts);
    facts.emit(refusedFact(0, 'x', 'create', 'Flavor m1.huge could not be found.', 400));
    facts.emit(refusedFact(0, 'y', 'stop'));
    facts.emit(serverFact(0, server(0, 'a'), 'stop', 'rejected', { previous: 'SHUTOFF' }));
    expect(stats.statusCount('SHUTOFF')).toBe(0);
  });
});

describe('RunStats requests, durations and placements', () => {
  it('counts outcomes per action in sorted order', () => {
    const facts = factBus();
    const stats = new RunStats(facts);
    const a = server(0, 'a');
    facts.emit(serverFact(0, a, 'stop', 'accepted'));
    facts.emit(refusedFact(0, 'b', 'stop'));
    facts.emit(serverFact(1, a, 'stop', 'failed', {}, { elapsed: 1 }));
    facts.emit(serverFact(2, a, 'create', 'accepted', { previous: 'BUILD' }));
    facts.emit(serverFact(3, a, 'create', 'transition', { previous: 'BUILD' }));
    expect(stats.requests()).toEqual([
      ['create', { accepted: 1, rejected: 0, failed: 0 }],
      ['stop', { accepted: 1, rejected: 1, failed: 1 }],
    ]);
  });

  it('keeps the elapsed time of completed rows only', () => {
    const facts = factBus();
    const stats = new RunStats(facts);
    const a = server(0, 'a');
    facts.emit(serverFact(4, a, 'stop', 'completed', {}, { elapsed: 4 }));
    facts.emit(serverFact(5, a, 'stop', 'failed', {}, { elapsed: 100 }));
    facts.emit(serverFact(6, a, 'start', 'completed', {}, { elapsed: 2 }));
    facts.emit(serverFact(7, a, 'stop', 'completed', {}, { elapsed: 6 }));
    const d = Object.fromEntries(stats.durations().map(([k, v]) => [k, { count: v.count, mean: v.mean, p95: v.percentile(95), max: v.max }]));
    expect(Object.keys(d)).toEqual(['start', 'stop']);
    expect(d.stop).toEqual({ count: 2, mean: 5, p95: 6, max: 6 });
  });

  it('counts placements and failed placements', () => {
    const facts = factBus();
    const stats = new RunStats(facts);
    const a = server(0, 'a');
    facts.emit({ type: 'placement', time: 0, server: a.id, host: host(0, 'c0').id, reason: '', purpose: 'create', decision: null });
    facts.emit({ type: 'placement', time: 1, server: a.id, host: null, reason: 'No valid host was found.', purpose: 'create', decision: null });
    expect([stats.placements.attempted, stats.placements.failed]).toEqual([2, 1]);
  });

  it('counts a host down from service_down until an accepted recover_host', () => {
    const facts = factBus();
    const stats = new RunStats(facts);
    const h0 = host(0, 'c0');
    const h1 = host(1, 'c1');
    facts.emit(hostFact(0, h0, 'fail_host', 'accepted'));
    expect(stats.hostsDown).toBe(0); // Nova has not noticed yet
    facts.emit(hostFact(60, h0, 'service_down', 'transition'));
    facts.emit(hostFact(70, h0, 'recover_host', 'rejected'));
    expect(stats.hostsDown).toBe(1);
    // a host recovered before service_down_time never went down
    facts.emit(hostFact(71, h1, 'fail_host', 'accepted'));
    facts.emit(hostFact(72, h1, 'recover_host', 'accepted'));
    expect(stats.hostsDown).toBe(1);
    facts.emit(hostFact(80, h0, 'recover_host', 'accepted'));
    expect(stats.hostsDown).toBe(0);
  });

  it('counts a failed operator attempt on a host as a failed request', () => {
    const facts = factBus();
    const stats = new RunStats(facts);
    const h0 = host(0, 'c0');
    facts.emit(hostFact(0, h0, 'fence_host', 'failed', 'IPMI timeout'));
    facts.emit(hostFact(5, h0, 'fence_host', 'completed'));
    facts.emit(hostFact(5, h0, 'service_down', 'transition'));
    expect(stats.requests()).toEqual([['fence_host', { accepted: 0, rejected: 0, failed: 1 }]]);
  });
});
