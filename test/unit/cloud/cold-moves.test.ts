import { describe, expect, it } from 'vitest';
import type { NovaConfig } from '../../../src/cloud/config.js';
import { claimOf, DEFAULT_HOST, expectedClaims, LARGE, tinyCloud, type HostSpec, type TinyCloud } from '../../support/tiny-cloud.js';

const ZERO = { vcpus: 0, ramMb: 0, diskGb: 0 };
const us = (seconds: number): number => Math.round(seconds * 1e6) / 1e6;

/** Two hosts with local disks and 1250 MB/s links: m1.small's 20 GB disk (20480 MB) copies in 16.384 s. */
function cloud(config: Partial<NovaConfig> = {}, more: Partial<HostSpec> = {}, count = 2): TinyCloud {
  const hosts = Array.from({ length: count }, (_, i) => ({ name: `compute-${i}`, ...DEFAULT_HOST, migrationBandwidthMbS: 1250, linkGbps: 10, ...more }));
  return tinyCloud({ hosts, config });
}

function expectConsistent(c: TinyCloud): void {
  const claims = expectedClaims(c.inventory);
  c.inventory.hosts.forEach((h, i) => expect(h.used, h.name).toEqual(claims[i]));
}

// The default resize/migrate duration is 20 s: resize_prep 1, resize_migrating 15, resize_migrated 1, resize_finish 3.
const COPY = 16.384;

describe('cold migration', () => {
  it('copies the disk in resize_migrating, holding both hosts until the confirm', () => {
    const c = cloud();
    const server = c.create('vm');
    const start = c.now;

    const rows = c.act('migrate', server, {}, true);

    expect(rows.map((r) => [r.taskState, us(r.time - start)])).toEqual([
      ['resize_prep', 0],
      ['resize_migrating', 1],
      ['resize_migrated', 1 + 15 + COPY],
      ['resize_finish', 2 + 15 + COPY],
      [null, 20 + COPY],
    ]);
    const [small, src, dst] = [claimOf(c.small), 0, 1];
    expect(rows[0]!.hostsUsed[src]).toEqual(small);
    expect(rows[0]!.hostsUsed[dst]).toEqual(ZERO);
    for (const r of rows.slice(1)) expect([r.hostsUsed[src], r.hostsUsed[dst]]).toEqual([small, small]);
    expect(c.migrations).toEqual([]); // the move ends at the confirm

    c.runFor(100);
    c.act('confirm_resize', server);

    expect([c.host('compute-0').used, c.host('compute-1').used]).toEqual([ZERO, small]);
    const fact = c.migrations[0]!;
    expect(fact).toMatchObject({ kind: 'migration', outcome: 'confirmed', dataMb: 20480, rounds: 0, start });
    expect([fact.source.name, fact.destination?.name]).toEqual(['compute-0', 'compute-1']);
    expect(us(fact.durationS)).toBe(20 + COPY); // to VERIFY_RESIZE, not to the confirm
    expect(us(fact.time - start)).toBe(us(20 + COPY + 100 + 5));
    // the guest is off from migrate_disk_and_power_off (resize_migrating) to finish_resize
    expect(us(fact.downtimeS)).toBe(19 + COPY);
    expectConsistent(c);
  });

  it('a revert frees the destination; the guest is off again while it runs', () => {
    const c = cloud();
    const server = c.create('vm');
    c.act('migrate', server, {}, true);

    c.act('revert_resize', server);

    expect([c.host('compute-0').used, c.host('compute-1').used]).toEqual([claimOf(c.small), ZERO]);
    expect(c.migrations[0]).toMatchObject({ outcome: 'reverted', dataMb: 20480 });
    expect(us(c.migrations[0]!.downtimeS)).toBe(19 + COPY + 20);
    expectConsistent(c);
  });

  it('is confirmed by the periodic task after resize_confirm_window', () => {
    const c = cloud({ resize_confirm_window: 60 });
    const server = c.create('vm');
    c.act('migrate', server, {}, true);

    c.runFor(200);

    expect(server.vmState).toBe('active');
    // VERIFY_RESIZE at 32 + 36.384; the task's first run after the window is at 180; confirm takes 5 s
    expect(c.migrations[0]).toMatchObject({ outcome: 'confirmed', time: 185 });
  });

  it.each([
    ['on shared storage', { sharedStorage: true }, false],
    ['for a volume-backed server', {}, true],
  ] as const)('copies nothing %s', (_label, hosts, bootFromVolume) => {
    const c = cloud({}, hosts);
    const server = c.create('vm', { bootFromVolume });
    const start = c.now;

    const rows = c.act('migrate', server, {}, true);
    c.act('confirm_resize', server);

    expect(us(rows.at(-1)!.time - start)).toBe(20);
    expect(c.migrations[0]).toMatchObject({ outcome: 'confirmed', dataMb: 0 });
  });

  it('a stopped server has no downtime', () => {
    const c = cloud();
    const server = c.serverIn('stopped', 'vm');

    c.act('migrate', server, {}, true);
    c.act('confirm_resize', server);

    expect(c.migrations[0]).toMatchObject({ outcome: 'confirmed', downtimeS: 0 });
    expect(server.vmState).toBe('stopped');
  });

  it('with no other host fails at once, with no destination', () => {
    const c = cloud({}, {}, 1);
    const server = c.create('vm');

    c.act('migrate', server, {}, true);

    expect(c.migrations[0]).toMatchObject({ outcome: 'failed', destination: null, durationS: 0, dataMb: 0 });
    expect(server.vmState).toBe('active');
  });
});

describe('resize', () => {
  it("copies the old flavor's disk and reports the confirm", () => {
    const c = cloud();
    const server = c.create('vm');

    c.act('resize', server, { flavor: LARGE });
    c.act('confirm_resize', server);

    expect(c.migrations[0]).toMatchObject({ kind: 'resize', outcome: 'confirmed', dataMb: 20480 });
    expect(c.host('compute-1').used).toEqual(claimOf(c.large));
  });

  it('a delete while awaiting confirmation confirms it (Nova _confirm_resize_on_deleting)', () => {
    const c = cloud();
    const server = c.create('vm');
    c.act('resize', server, { flavor: LARGE });

    c.act('delete', server);

    expect(c.migrations[0]).toMatchObject({ kind: 'resize', outcome: 'confirmed' });
    expect(c.inventory.used).toEqual(ZERO);
  });

  it('a resize awaiting confirmation at the end of the run is reported open', () => {
    const c = cloud();
    const server = c.create('vm');
    c.act('resize', server, { flavor: LARGE });

    c.nova.cloud.moves.closeOpen();

    expect(c.migrations[0]).toMatchObject({ kind: 'resize', outcome: 'open' });
    expect(us(c.migrations[0]!.durationS)).toBe(20 + COPY);
  });
});

describe('evacuation', () => {
  it('reports the rebuild elsewhere, the guest down throughout', () => {
    const c = cloud();
    const server = c.create('vm');
    c.failHost('compute-0');
    c.runFor(100);
    const start = c.now;

    c.act('evacuate', server, {}, true);

    // evacuate: 30 s + 2 s per image GB (cirros: 1 GB); no data crosses from the dead host
    expect(c.migrations[0]).toMatchObject({ kind: 'evacuation', outcome: 'completed', dataMb: 0, start });
    expect(us(c.migrations[0]!.durationS)).toBe(32);
    expect(us(c.migrations[0]!.downtimeS)).toBe(32);
  });
});

describe('shelve', () => {
  it("uploads the snapshot over the host's link in shelving_image_uploading", () => {
    const c = cloud({ shelved_offload_time: -1 });
    const server = c.create('vm');
    const start = c.now;

    const rows = c.act('shelve', server);

    // shelve: 20 s (2, 1, 17) + 20 GB x 8 / 10 Gb/s = 16 s of upload
    expect(rows.map((r) => [r.taskState, us(r.time - start)])).toEqual([
      ['shelving', 0],
      ['shelving_image_pending_upload', 2],
      ['shelving_image_uploading', 3],
      [null, 36],
    ]);
  });

  it('a volume-backed server uploads nothing', () => {
    const c = cloud({ shelved_offload_time: -1 });
    const server = c.create('vm', { bootFromVolume: true });
    const start = c.now;

    const rows = c.act('shelve', server);

    expect(us(rows.filter((r) => r.action === 'shelve').at(-1)!.time - start)).toBe(20);
  });
});
