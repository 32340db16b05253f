import { describe, expect, it } from 'vitest';
import { MigrationStats } from '../../../../src/metrics/figures/migration-stats.js';
import { MigrationLog } from '../../../../src/metrics/writers/migrations-csv.js';
import { memorySink } from '../../../../src/metrics/writers/text-sink.js';
import type { MoveFact } from '../../../../src/cloud/facts.js';
import { factBus, namedInventory } from '../fixtures.js';

const { inventory, hosts: [c0, c1], servers: [vm] } = namedInventory(['compute-0', 'compute-1'], ['web-1']);

const fact = (more: Partial<MoveFact>): MoveFact => ({
  type: 'move',
  time: 10,
  server: vm!.id,
  kind: 'live-migration',
  source: c0!.id,
  destination: c1!.id,
  start: 5.5,
  durationS: 4.5,
  downtimeS: 0.0321234,
  dataMb: 4064,
  rounds: 6,
  outcome: 'completed',
  ...more,
});

describe('MigrationLog', () => {
  it('writes the header, then one row per move with numbers to 3 decimals', () => {
    const sink = memorySink();
    const facts = factBus();
    const log = new MigrationLog(facts, sink, inventory);

    facts.emit(fact({}));
    facts.emit(fact({ kind: 'migration', destination: null, outcome: 'failed', durationS: 0, downtimeS: 0, dataMb: 0, rounds: 0 }));
    log.flush();

    expect(sink.text()).toBe(
      'server,kind,source,destination,start,end,duration_s,downtime_s,data_mb,rounds,outcome\n' +
        'web-1,live-migration,compute-0,compute-1,5.5,10,4.5,0.032,4064,6,completed\n' +
        'web-1,migration,compute-0,,5.5,10,0,0,0,0,failed\n',
    );
  });

  it('writes the header alone when nothing moved', () => {
    const sink = memorySink();
    new MigrationLog(factBus(), sink, inventory).flush();

    expect(sink.text()).toBe('server,kind,source,destination,start,end,duration_s,downtime_s,data_mb,rounds,outcome\n');
  });
});

describe('MigrationStats', () => {
  it('counts every kind and outcome, and spreads the moves that landed', () => {
    const facts = factBus();
    const stats = new MigrationStats(facts);

    for (const d of [1, 2, 3, 4]) facts.emit(fact({ durationS: d, downtimeS: d / 10, dataMb: 1000 }));
    facts.emit(fact({ outcome: 'aborted', durationS: 1600, dataMb: 1_600_000 }));
    facts.emit(fact({ kind: 'resize', outcome: 'reverted', durationS: 40, downtimeS: 55, dataMb: 20480 }));
    facts.emit(fact({ kind: 'evacuation', outcome: 'failed', destination: null, durationS: 0, dataMb: 0 }));
    const s = stats.summary();

    expect(s).toMatchObject({ count: 7, failed: 1, aborted: 1, data_mb: 1_624_480 });
    expect(Object.keys(s.by_kind)).toEqual(['live-migration', 'migration', 'resize', 'evacuation']);
    expect(s.by_kind['live-migration']).toEqual({
      count: 5,
      outcomes: { completed: 4, aborted: 1, failed: 0, confirmed: 0, reverted: 0, open: 0 },
      duration_s: { p50: 2, p95: 4, max: 4 },
      downtime_s: { p50: 0.2, p95: 0.4, max: 0.4 },
      data_mb: 1_604_000,
    });
    expect(s.by_kind.resize.duration_s).toEqual({ p50: 40, p95: 40, max: 40 });
    expect(s.by_kind.evacuation).toMatchObject({ count: 1, duration_s: { p50: 0, p95: 0, max: 0 } });
    expect(s.by_kind.migration.count).toBe(0);
  });
});
