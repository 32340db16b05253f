import { describe, expect, it } from 'vitest';
import { RunStats } from '../../../../src/metrics/figures/run-stats.js';
import { host, hostFact, server, serverFact } from '../fixtures.js';

describe('RunStats status counts', () => {
  it('counts a create from nothing into BUILD, then follows transitions', () => {
    const stats = new RunStats();
    const a = server(0, 'a');
    const b = server(1, 'b');
    // The cloud reports BUILD -> BUILD on a create's accepted row.
    stats.server(serverFact(0, a, 'create', 'accepted', { previous: 'BUILD' }));
    stats.server(serverFact(0, b, 'create', 'accepted', { previous: 'BUILD' }));
    stats.server(serverFact(1, a, 'create', 'transition', { previous: 'BUILD' }));
    expect(stats.statusCount('BUILD')).toBe(2);
    stats.server(serverFact(5, a, 'create', 'completed', { previous: 'BUILD', status: 'ACTIVE' }, { elapsed: 5 }));
    stats.server(serverFact(6, b, 'create', 'failed', { previous: 'BUILD', status: 'ERROR' }, { elapsed: 6 }));
    stats.server(serverFact(7, a, 'reboot', 'accepted', { previous: 'ACTIVE', status: 'REBOOT' }));
    expect([stats.statusCount('BUILD'), stats.statusCount('REBOOT'), stats.statusCount('ERROR')]).toEqual([0, 1, 1]);
    stats.server(serverFact(9, a, 'reboot', 'completed', { previous: 'REBOOT', status: 'ACTIVE' }, { elapsed: 2 }));
    expect(stats.statusCount('ACTIVE')).toBe(1);
    expect(stats.statusCount('REBOOT')).toBe(0);
  });

  it('ignores rejected requests, including creates and 404s that have no server', () => {
    const stats = new RunStats();
    stats.server(serverFact(0, null, 'create', 'rejected', {}, { serverName: 'x' }));
    stats.server(serverFact(0, null, 'stop', 'rejected', {}, { serverName: 'y' }));
    stats.server(serverFact(0, server(0, 'a'), 'stop', 'rejected', { previous: 'SHUTOFF' }));
    expect(stats.statusCount('')).toBe(0);
    expect(stats.statusCount('SHUTOFF')).toBe(0);
  });
});

describe('RunStats requests, durations and placements', () => {
  it('counts outcomes per action in sorted order', () => {
    const stats = new RunStats();
    const a = server(0, 'a');
    stats.server(serverFact(0, a, 'stop', 'accepted'));
    stats.server(serverFact(0, null, 'stop', 'rejected'));
    stats.server(serverFact(1, a, 'stop', 'failed', {}, { elapsed: 1 }));
    stats.server(serverFact(2, a, 'create', 'accepted', { previous: 'BUILD' }));
    stats.server(serverFact(3, a, 'create', 'transition', { previous: 'BUILD' }));
    expect(stats.requests()).toEqual([
      ['create', { accepted: 1, rejected: 0, failed: 0 }],
      ['stop', { accepted: 1, rejected: 1, failed: 1 }],
    ]);
  });

  it('keeps the elapsed time of completed rows only', () => {
    const stats = new RunStats();
    const a = server(0, 'a');
    stats.server(serverFact(4, a, 'stop', 'completed', {}, { elapsed: 4 }));
    stats.server(serverFact(5, a, 'stop', 'failed', {}, { elapsed: 100 }));
    stats.server(serverFact(6, a, 'start', 'completed', {}, { elapsed: 2 }));
    stats.server(serverFact(7, a, 'stop', 'completed', {}, { elapsed: 6 }));
    const d = Object.fromEntries(stats.durations().map(([k, v]) => [k, { count: v.count, mean: v.mean, p95: v.percentile(95), max: v.max }]));
    expect(Object.keys(d)).toEqual(['start', 'stop']);
    expect(d.stop).toEqual({ count: 2, mean: 5, p95: 6, max: 6 });
  });

  it('counts placements and failed placements', () => {
    const stats = new RunStats();
    const a = server(0, 'a');
    stats.placement({ time: 0, server: a, host: host(0, 'c0'), reason: '', purpose: 'create', decision: null });
    stats.placement({ time: 1, server: a, host: null, reason: 'No valid host was found.', purpose: 'create', decision: null });
    expect([stats.placements.attempted, stats.placements.failed]).toEqual([2, 1]);
  });

  it('counts a host down from service_down until an accepted recover_host', () => {
    const stats = new RunStats();
    const h0 = host(0, 'c0');
    const h1 = host(1, 'c1');
    stats.host(hostFact(0, h0, 'fail_host', 'accepted'));
    expect(stats.hostsDown).toBe(0); // Nova has not noticed yet
    stats.host(hostFact(60, h0, 'service_down', 'transition'));
    stats.host(hostFact(70, h0, 'recover_host', 'rejected'));
    expect(stats.hostsDown).toBe(1);
    // a host recovered before service_down_time never went down
    stats.host(hostFact(71, h1, 'fail_host', 'accepted'));
    stats.host(hostFact(72, h1, 'recover_host', 'accepted'));
    expect(stats.hostsDown).toBe(1);
    stats.host(hostFact(80, h0, 'recover_host', 'accepted'));
    expect(stats.hostsDown).toBe(0);
  });

  it('counts a failed operator attempt on a host as a failed request', () => {
    const stats = new RunStats();
    const h0 = host(0, 'c0');
    stats.host(hostFact(0, h0, 'fence_host', 'failed', 'IPMI timeout'));
    stats.host(hostFact(5, h0, 'fence_host', 'completed'));
    stats.host(hostFact(5, h0, 'service_down', 'transition'));
    expect(stats.requests()).toEqual([['fence_host', { accepted: 0, rejected: 0, failed: 1 }]]);
  });
});
