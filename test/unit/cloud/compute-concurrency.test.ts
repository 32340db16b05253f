import { describe, expect, it } from 'vitest';
import type { NovaConfig } from '../../../src/cloud/config.js';
import type { Server } from '../../../src/model/server.js';
import { DEFAULT_HOST, tinyCloud, type TinyCloud } from '../../support/tiny-cloud.js';

const BIG = { name: 'compute-0', vcpus: 64, ramMb: 131072, diskGb: 2000 };

/** The times builds reached ACTIVE, in order. */
function activeTimes(c: TinyCloud, servers: readonly Server[]): number[] {
  return servers.map((s) => c.rowsOf(s).find((r) => r.action === 'create' && r.outcome === 'completed')!.time).sort((a, b) => a - b);
}

function burst(config: Partial<NovaConfig>, count: number): { c: TinyCloud; servers: Server[] } {
  const c = tinyCloud({ hosts: [BIG], config });
  const servers = Array.from({ length: count }, (_, i) => c.request(`vm-${i}`)!);
  c.runFor(1000);
  return { c, servers };
}

// A build (32 s with the default durations) holds one of the host's max_concurrent_builds slots from its claim
// (after 4 % scheduling and 1 % claim step: 1.28 s) to the end of its spawn; the rest of its path takes 30.72 s.
describe('max_concurrent_builds', () => {
  it('runs 10 builds at once by default: thirty at t=0 reach ACTIVE in three waves', () => {
    const { c, servers } = burst({}, 30);

    const times = activeTimes(c, servers);

    expect(times.slice(0, 10).every((t) => t === 32)).toBe(true);
    for (const t of times.slice(10, 20)) expect(t).toBeCloseTo(32 + 30.72, 9);
    for (const t of times.slice(20)) expect(t).toBeCloseTo(32 + 2 * 30.72, 9);
  });

  it('a queued build waits in BUILD with its placement made; the wait is in its create time', () => {
    const { c, servers } = burst({ max_concurrent_builds: 2 }, 3);
    const third = servers[2]!;

    const rows = c.rowsOf(third);

    expect(rows.map((r) => [r.time, r.outcome, r.taskState])).toEqual([
      [0, 'accepted', 'scheduling'],
      [1.28, 'transition', null], // placed and claimed; waiting for a slot until the first build ends at 32
      [expect.closeTo(32 + 0.32, 9), 'transition', 'networking'],
      [expect.closeTo(35.52, 9), 'transition', 'block_device_mapping'],
      [expect.closeTo(37.12, 9), 'transition', 'spawning'],
      [expect.closeTo(62.72, 9), 'completed', null],
    ]);
    expect(rows.at(-1)!.elapsed).toBeCloseTo(62.72, 9);
  });

  it.each([
    [0, 30, 0], // 0: unlimited
    [30, 30, 0],
    [29, 29, 1], // the 30th waits for the first to end
  ])('max_concurrent_builds %i: %i builds end at 32 s, %i later', (limit, first, later) => {
    const { c, servers } = burst({ max_concurrent_builds: limit }, 30);

    const times = activeTimes(c, servers);

    expect(times.filter((t) => t === 32)).toHaveLength(first);
    expect(times.filter((t) => t > 32)).toHaveLength(later);
  });

  it('a build deleted while it waits leaves the line, and the next one takes the slot', () => {
    const c = tinyCloud({ hosts: [BIG], config: { max_concurrent_builds: 1 } });
    const [a, b, d] = ['a', 'b', 'd'].map((n) => c.request(n)!);
    c.runTo(10);
    c.submit('delete', b!);
    c.runFor(1000);

    expect(activeTimes(c, [a!, d!]).map((t) => Math.round(t * 100) / 100)).toEqual([32, 62.72]);
  });

  it('a build waiting for a slot when its host crashes ends in ERROR at init_host, as a running one does', () => {
    const c = tinyCloud({ hosts: [BIG], config: { max_concurrent_builds: 1 } });
    const [a, b] = ['a', 'b'].map((n) => c.request(n)!);
    c.runTo(10);
    expect([a!.taskState, b!.taskState]).toEqual(['spawning', null]);
    c.failHost('compute-0');
    c.runTo(500);
    c.recoverHost('compute-0');
    c.runFor(100);

    expect([a!.vmState, b!.vmState]).toEqual(['error', 'error']);
    const third = c.request('c')!;
    c.settle(third);
    expect(third.vmState).toBe('active'); // the slots were given back
  });
});

// createImage: image_snapshot_pending 5 %, image_snapshot 15 %, image_pending_upload 5 %, image_uploading 75 % of
// 20 s + 1 s per flavor disk GB (20) = 40 s. The compute waits for a snapshot slot as image_snapshot begins (2 s in).
describe('max_concurrent_snapshots', () => {
  it('takes 5 snapshots at once by default; the sixth waits in image_snapshot for the first to end', () => {
    const c = tinyCloud({ hosts: [{ name: 'compute-0', ...DEFAULT_HOST }] });
    const servers = ['a', 'b', 'c', 'd', 'e', 'f'].map((n) => c.create(n));
    const start = c.now;
    for (const s of servers) c.submit('snapshot', s);
    c.runFor(1000);

    const ends = servers.map((s) => c.rowsOf(s).find((r) => r.action === 'snapshot' && r.outcome === 'completed')!.time - start);
    expect(ends.slice(0, 5).map((t) => Math.round(t * 1e6) / 1e6)).toEqual([40, 40, 40, 40, 40]);
    // waits from 2 s to 40 s in image_snapshot, then its 6 + 2 + 30 s
    expect(ends[5]).toBeCloseTo(78, 6);
    expect(c.rowsOf(servers[5]!).filter((r) => r.action === 'snapshot').map((r) => r.taskState)).toEqual([
      'image_snapshot_pending', 'image_snapshot', 'image_pending_upload', 'image_uploading', null,
    ]);
  });

  it('does not limit backups (Nova takes them without the semaphore)', () => {
    const c = tinyCloud({ hosts: [{ name: 'compute-0', ...DEFAULT_HOST }], config: { max_concurrent_snapshots: 1 } });
    const servers = ['a', 'b'].map((n) => c.create(n));
    const start = c.now;
    for (const s of servers) c.submit('backup', s, { backup_type: 'daily', rotation: 2 });
    c.runFor(1000);

    const ends = servers.map((s) => c.rowsOf(s).find((r) => r.action === 'backup' && r.outcome === 'completed')!.time - start);
    expect(ends[0]).toBeCloseTo(ends[1]!, 9);
  });
});
