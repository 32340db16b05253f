/**
 * The operator workflows' scenarios, end to end through the built CLI:
 * maintenance (one drain), rolling-update at three pool sizes, and
 * consolidation against none. What the workflows guarantee is asserted
 * exactly (every host updated once, the host emptied, groups kept, the
 * budget kept, only empty hosts switched off); the figures the headers
 * quote, which a cost model may move, by their direction.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliAsync, ensureBuilt, pooled, read, readCsv, tempDir } from './helpers.js';

type Row = Record<string, string>;
interface Moves {
  migrations: number;
  live: number;
  cold: number;
  failed_moves: number;
}
interface Summary {
  anti_affinity: { groups: Record<string, { shared_pairs: number; members: number }> };
  placements: { failed: number };
  energy: { total_kwh: number | null; hosts_powered_on: { mean: number } };
  operations: {
    maintenance: Moves & { drains: number; emptied: number; blocked: number; hosts: { host: string; outcome: string; stalled_after_s: number | null; duration_s: number }[] };
    rolling_update: (Moves & { hosts: number; updated: number; duration_s: number; servers_moved: number }) | null;
    optimisation: (Moves & { runs: number; hosts_powered_off: number; runs_detail: { migrations: number }[] }) | null;
    power: { powered_off: number; powered_on: number };
  };
}

const POOLS = [1, 2, 4] as const;
const RUNS: Record<string, { file: string; extra: string[] }> = {
  maintenance: { file: 'scenarios/maintenance.yaml', extra: [] },
  ...Object.fromEntries(POOLS.map((p) => [`pool-${p}`, { file: 'scenarios/rolling-update.yaml', extra: ['--set', `operator.rolling_update.pool_size=${p}`, '--set', 'expect='] }])),
  consolidate: { file: 'scenarios/consolidation.yaml', extra: [] },
  none: { file: 'scenarios/consolidation.yaml', extra: ['--set', 'operator.optimisation.mode=none', '--set', 'expect='] },
};

let dir: string;
const outs: Record<string, string> = {};
const summaries: Record<string, Summary> = {};

beforeAll(async () => {
  ensureBuilt();
  dir = tempDir('operator-scenarios');
  const keys = Object.keys(RUNS);
  const results = await pooled(keys.map((key) => () => {
    outs[key] = join(dir, key);
    return cliAsync(['run', RUNS[key]!.file, '--out', outs[key]!, ...RUNS[key]!.extra]);
  }));
  results.forEach((r, i) => expect(r.status, `${keys[i]}: ${r.stderr}`).toBe(0));
  for (const key of keys) summaries[key] = JSON.parse(read(outs[key]!, 'summary.json')) as Summary;
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const events = (key: string): Row[] => readCsv(outs[key]!, 'events.csv');

describe('scenarios/maintenance.yaml', () => {
  it('empties compute-01, moving its active servers live and its stopped ones cold, then updates and enables it', () => {
    const m = summaries.maintenance!.operations.maintenance;
    const rows = events('maintenance').filter((e) => e.host === 'compute-01' && e.server === '');

    expect(m).toMatchObject({ drains: 1, emptied: 1, blocked: 1, failed_moves: 0 });
    expect(m.live).toBeGreaterThan(0);
    expect(m.cold).toBeGreaterThan(0);
    expect(rows.map((e) => e.action)).toEqual(['disable_host', 'drain_start', 'drain_stalled', 'drained', 'update_start', 'updated', 'enable_host']);
  });

  it('waits for the suspended legacy-1 until its owner resumes it at 50h, then moves it last', () => {
    const [drain] = summaries.maintenance!.operations.maintenance.hosts;
    const legacy = events('maintenance').filter((e) => e.server === 'legacy-1' && e.action === 'live_migrate');

    expect(drain!.stalled_after_s).toBeLessThan(3600);
    expect(Number(legacy[0]!.time)).toBe(50 * 3600 + 9);
    expect(drain!.duration_s).toBeCloseTo(Number(legacy.at(-1)!.time) - 46 * 3600, 3);
  });

  it('keeps the web tier apart: its member on compute-01 goes to the one host without a member', () => {
    const group = summaries.maintenance!.anti_affinity.groups['web-tier']!;
    const servers = readCsv(outs.maintenance!, 'servers.csv').filter((s) => s.server!.startsWith('web-'));

    expect([group.members, group.shared_pairs]).toEqual([11, 0]);
    expect(new Set(servers.map((s) => s.host)).size).toBe(11);
  });
});

describe('scenarios/rolling-update.yaml', () => {
  const rolling = (p: number) => summaries[`pool-${p}`]!.operations.rolling_update!;

  it.each(POOLS)('updates each of the 100 hosts exactly once with a pool of %i', (p) => {
    const updated = events(`pool-${p}`).filter((e) => e.action === 'updated').map((e) => e.host);

    expect(new Set(updated).size).toBe(100);
    expect(updated).toHaveLength(100);
    expect(rolling(p)).toMatchObject({ hosts: 100, updated: 100, failed_moves: 0 });
  });

  it('takes about 1/pool as long with a larger pool, and needs a few more migrations', () => {
    const [one, two, four] = POOLS.map(rolling);

    expect(two!.duration_s / one!.duration_s).toBeCloseTo(0.5, 1);
    expect(four!.duration_s / one!.duration_s).toBeCloseTo(0.25, 1);
    expect(one!.migrations).toBeLessThan(two!.migrations);
    expect(two!.migrations).toBeLessThan(four!.migrations);
  });

  it('moves most servers once: only those sent to hosts not yet updated move twice', () => {
    for (const p of POOLS) expect(rolling(p).migrations - rolling(p).servers_moved).toBeLessThan(100);
  });
});

describe('scenarios/consolidation.yaml', () => {
  const ops = (key: string) => summaries[key]!.operations;

  it('runs every night at 02:00 within its budget of 30 moves', () => {
    const o = ops('consolidate').optimisation!;
    const starts = events('consolidate').filter((e) => e.action === 'optimise_start').map((e) => Number(e.time) % 86_400);

    expect(o.runs).toBe(14);
    expect(starts.every((t) => t === 7200)).toBe(true);
    expect(o.runs_detail.every((r) => r.migrations <= 30)).toBe(true);
    expect(o.migrations).toBeGreaterThan(0);
  });

  it('switches off only hosts it emptied, none refused, and switches hosts on again as demand grows', () => {
    const power = events('consolidate').filter((e) => e.action === 'power_off_host');

    expect(power.length).toBe(ops('consolidate').power.powered_off);
    expect(power.every((e) => e.outcome === 'completed')).toBe(true);
    expect(ops('consolidate').power.powered_on).toBeGreaterThan(0);
    expect(summaries.consolidate!.placements.failed).toBe(0);
  });

  it('keeps fewer hosts on and uses less energy than no consolidation, which moves nothing', () => {
    const [on, off] = [summaries.consolidate!, summaries.none!];

    expect(off.operations.optimisation).toBeNull();
    expect(off.energy.hosts_powered_on.mean).toBe(40);
    expect(on.energy.hosts_powered_on.mean).toBeLessThan(20);
    expect(on.energy.total_kwh!).toBeLessThan(off.energy.total_kwh! * 0.6);
  });
});
