import { describe, expect, it } from 'vitest';
import type { HostId, ImageId, ServerId } from '../../../../src/model/ids.js';
import { Bus } from '../../../../src/engine/bus.js';
import { BuildStats } from '../../../../src/metrics/figures/build-stats.js';
import type { RunFact } from '../../../../src/metrics/run-facts.js';

const host = 0 as HostId;

describe('BuildStats', () => {
  it('counts the builds that waited for a slot and spreads every wait, then the image downloads', () => {
    const facts = new Bus<RunFact>();
    const stats = new BuildStats(facts);

    for (const [i, waitedS] of [0, 0, 30.72, 61.44].entries()) facts.emit({ type: 'build_started', time: waitedS, server: i as ServerId, host, waitedS });
    facts.emit({ type: 'image_download', time: 14.4, host, image: 0 as ImageId, seconds: 8, builds: 3 });

    expect(stats.summary()).toEqual({
      started: 4,
      queued: 2,
      queue_wait_s: { mean: 23.04, p50: 0, p95: 61.44, max: 61.44 },
      image_downloads: 1,
      image_download_s: { p50: 8, p95: 8, max: 8 },
    });
  });
});
