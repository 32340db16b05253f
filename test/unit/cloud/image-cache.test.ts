import { describe, expect, it } from 'vitest';
import type { NovaConfig } from '../../../src/cloud/config.js';
import type { Server } from '../../../src/model/server.js';
import { DEFAULT_HOST, tinyCloud, type TinyCloud } from '../../support/tiny-cloud.js';

/** One host with a 1 Gb/s link: cirros (1 GB) downloads in 8 s, ubuntu (3 GB) in 24 s. */
function linked(config: Partial<NovaConfig> = {}): TinyCloud {
  return tinyCloud({ hosts: [{ name: 'compute-0', ...DEFAULT_HOST, linkGbps: 1 }], config });
}

const activeAt = (c: TinyCloud, s: Server): number => c.rowsOf(s).find((r) => r.action === 'create' && r.outcome === 'completed')!.time;

// A cirros build: 30 s + 2 s per image GB = 32 s, spawning from 6.4 s for 25.6 s, plus the download when the host lacks the image.
describe('the image cache', () => {
  it('the first build of an image on a host downloads it; a later one skips the download', () => {
    const c = linked();
    const first = c.create('a');
    expect(activeAt(c, first)).toBeCloseTo(40, 9);
    const start = c.now;

    const second = c.create('b');

    expect(activeAt(c, second) - start).toBeCloseTo(32, 9);
    expect(c.nova.images.has(c.host('compute-0').id, c.image.id)).toBe(true);
  });

  it('builds of one image at once share one download (the image lock), then all use the cache', () => {
    const c = linked();
    const servers = ['a', 'b', 'c'].map((n) => c.request(n)!);
    c.runFor(100);

    expect(servers.map((s) => activeAt(c, s))).toEqual([40, 40, 40].map((t) => expect.closeTo(t, 9)));
  });

  it('downloads of different images share the link equally', () => {
    const c = linked();
    const cirros = c.request('a')!; // spawning at 6.4: 8 Gbit to fetch
    const ubuntu = c.request('b', { image: 'ubuntu' })!; // 36 s build, spawning at 7.2: 24 Gbit to fetch
    c.runFor(200);

    // 6.4-7.2: cirros alone (0.8 Gbit); then 0.5 Gb/s each: cirros' 7.2 Gbit left take 14.4 s (to 21.6),
    // while ubuntu gets 7.2 Gbit; its 16.8 left take 16.8 s alone (to 38.4). Spawns: 25.6 s and 28.8 s.
    expect(activeAt(c, cirros)).toBeCloseTo(21.6 + 25.6, 9);
    expect(activeAt(c, ubuntu)).toBeCloseTo(38.4 + 28.8, 9);
  });

  it('a volume-backed build downloads nothing and caches nothing', () => {
    const c = linked();
    const server = c.create('a', { bootFromVolume: true });
    expect(activeAt(c, server)).toBe(32);
    expect(c.nova.images.has(c.host('compute-0').id, c.image.id)).toBe(false);
  });
});

// _run_image_cache_manager_pass runs every manager_interval from the service's start and removes an unused
// image whose base file is at least remove_unused_original_minimum_age_seconds old (age >= maxage).
describe('image cache aging', () => {
  const config = { image_cache_manager_interval: 600, remove_unused_original_minimum_age_seconds: 3600, reclaim_instance_interval: 0 };

  it('an image no server uses goes at the first pass at least the minimum age after its last touch', () => {
    const c = linked(config);
    const server = c.create('a'); // downloaded 6.4-14.4 s: touched at 14.4
    c.act('delete', server); // unused from 45 s
    const host = c.host('compute-0').id;

    c.runTo(3600 - 0.001);
    expect(c.nova.images.has(host, c.image.id)).toBe(true);
    c.runTo(3600); // passes at 600, 1200, ...: the first at or after 14.4 + 3600 is 4200
    expect(c.nova.images.has(host, c.image.id)).toBe(true);
    c.runTo(4199.999);
    expect(c.nova.images.has(host, c.image.id)).toBe(true);
    c.runTo(4200);
    expect(c.nova.images.has(host, c.image.id)).toBe(false);
  });

  it('a pass that finds the image in use touches it: the age counts from the last such pass', () => {
    const c = linked(config);
    const server = c.create('a');
    c.runTo(2000);
    c.act('delete', server); // unused from 2005; the pass at 1800 saw it in use
    const host = c.host('compute-0').id;

    c.runTo(5399.999); // 1800 + 3600 = 5400, itself a pass
    expect(c.nova.images.has(host, c.image.id)).toBe(true);
    c.runTo(5400);
    expect(c.nova.images.has(host, c.image.id)).toBe(false);
  });

  it('an image in use is never removed; remove_unused_base_images false keeps unused ones too', () => {
    const used = linked(config);
    used.create('a');
    used.runTo(1e6);
    expect(used.nova.images.has(used.host('compute-0').id, used.image.id)).toBe(true);

    const kept = linked({ ...config, remove_unused_base_images: false });
    kept.act('delete', kept.create('a'));
    kept.runTo(1e6);
    expect(kept.nova.images.has(kept.host('compute-0').id, kept.image.id)).toBe(true);
  });

  it('a build after the removal downloads the image again', () => {
    const c = linked(config);
    c.act('delete', c.create('a'));
    c.runTo(5000);
    const start = c.now;

    const again = c.create('b');

    expect(activeAt(c, again) - start).toBeCloseTo(40, 9);
  });
});
