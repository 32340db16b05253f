/**
 * The stories the failure scenarios tell in their header comments (and the
 * README's "Host failures" section repeats), checked end to end through the
 * built CLI: rack-failure with and without fencing, evacuation-headroom at
 * three loads. What the model guarantees is asserted exactly (detection
 * time, every affected server evacuated, data at risk = the flavor's disk);
 * what a workload change may move only by its direction.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliAsync, ensureBuilt, pooled, read, readCsv, tempDir } from './helpers.js';

interface Spread {
  p50: number;
  p95: number;
  max: number;
}
interface Summary {
  requests: Record<string, { accepted: number; rejected: number; failed: number } | undefined>;
  failures: {
    count: number;
    by_kind: { crash: number; partition: number };
    servers_affected: number;
    detect_s: Spread;
    fence_s: Spread & { fenced: number };
    evacuate_s: Spread & { evacuated: number };
    not_evacuated: number;
    ephemeral_lost_gb: number;
    split_brain: { intervals: number; seconds: number; data_at_risk_gb: number };
    repair_s: Spread;
  };
  spare_capacity: Record<string, { min: number; fraction_non_negative: number } | null>;
}
type Row = Record<string, string>;

const DAY = 86_400;
/** rack-failure: the switch fails at 1d and is replaced at 1d 04:00. */
const RACK_FAILS = DAY;
const RACK_BACK = 100_800;
/** evacuation-headroom: compute-07 loses power at 5d. */
const HOST_FAILS = 5 * DAY;
const LOADS = [150, 185, 205] as const;
const DISK_GB: Record<string, number> = { 'm1.medium': 40, 'm1.large': 80, 'm1.xlarge': 160 };

const RUNS: Record<string, { file: string; extra: string[] }> = {
  fenced: { file: 'scenarios/rack-failure.yaml', extra: [] },
  unfenced: { file: 'scenarios/rack-failure.yaml', extra: ['--set', 'operator.failure_response.fence=false', '--set', 'expect='] },
  ...Object.fromEntries(LOADS.map((n) => [`load-${n}`, { file: 'scenarios/evacuation-headroom.yaml', extra: ['--set', `workload.0.arrivals.count=${n}`, '--set', 'expect='] }])),
};

let dir: string;
const outs: Record<string, string> = {};

beforeAll(async () => {
  ensureBuilt();
  dir = tempDir('failure-scenarios');
  const keys = Object.keys(RUNS);
  const results = await pooled(keys.map((key) => () => {
    outs[key] = join(dir, key);
    return cliAsync(['run', RUNS[key]!.file, '--out', outs[key]!, ...RUNS[key]!.extra]);
  }));
  results.forEach((r, i) => expect(r.status, `${keys[i]}: ${r.stderr}`).toBe(0));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Each output file is parsed once. */
const cache = new Map<string, unknown>();
const cached = <T>(key: string, file: string, parse: (dir: string) => T): T => {
  const id = `${key}/${file}`;
  if (!cache.has(id)) cache.set(id, parse(outs[key]!));
  return cache.get(id) as T;
};
const summary = (key: string): Summary => cached(key, 'summary.json', (d) => JSON.parse(read(d, 'summary.json')) as Summary);
const events = (key: string): Row[] => cached(key, 'events.csv', (d) => readCsv(d, 'events.csv'));
const servers = (key: string): Row[] => cached(key, 'servers.csv', (d) => readCsv(d, 'servers.csv'));
const series = (key: string): Row[] => cached(key, 'timeseries.csv', (d) => readCsv(d, 'timeseries.csv'));

/** Servers on `failed` hosts at `at`: every server is long-lived and none moves before, so its create placement tells. */
function serversOn(key: string, failed: (host: string) => boolean, at: number): Set<string> {
  type Placement = { time: number; server: string; purpose: string; outcome: string; host: string | null };
  const lines = cached(key, 'placements.jsonl', (d) => read(d, 'placements.jsonl').trim().split('\n').map((l) => JSON.parse(l) as Placement));
  return new Set(lines.filter((p) => p.purpose === 'create' && p.outcome === 'placed' && p.time < at && failed(p.host!)).map((p) => p.server));
}
const onRackB = (key: string): Set<string> => serversOn(key, (h) => h.startsWith('rack-b-'), RACK_FAILS);
const onCompute07 = (key: string): Set<string> => serversOn(key, (h) => h === 'compute-07', HOST_FAILS);

/** The last timeseries row before the failure. */
const beforeFailure = (key: string, at: number): Row => series(key).filter((r) => Number(r.time) < at).at(-1)!;

describe('scenarios/rack-failure.yaml', () => {
  it('eight partitions, detected service_down_time (60 s) after the switch fails, as the heartbeats fall on it', () => {
    for (const key of ['fenced', 'unfenced']) {
      const f = summary(key).failures;
      expect(f.count, key).toBe(8);
      expect(f.by_kind, key).toEqual({ crash: 0, partition: 8 });
      expect(f.detect_s, key).toEqual({ p50: 60, p95: 60, max: 60 });
      expect(f.repair_s, key).toEqual({ p50: RACK_BACK - RACK_FAILS, p95: RACK_BACK - RACK_FAILS, max: RACK_BACK - RACK_FAILS });
      const down = events(key).filter((e) => e.action === 'service_down');
      expect(down.map((e) => e.host).sort(), key).toEqual(Array.from({ length: 8 }, (_, i) => `rack-b-${i + 1}`));
      expect(new Set(down.map((e) => Number(e.time))), key).toEqual(new Set([RACK_FAILS + 60]));
    }
  });

  it('every server of rack b is affected and evacuated off it, fenced or not', () => {
    for (const key of ['fenced', 'unfenced']) {
      const affected = onRackB(key);
      const f = summary(key).failures;
      expect(f.servers_affected, key).toBe(affected.size);
      expect(f.evacuate_s.evacuated, key).toBe(affected.size);
      expect(f.not_evacuated, key).toBe(0);
      const completed = new Set(events(key).filter((e) => e.action === 'evacuate' && e.outcome === 'completed').map((e) => e.server));
      expect(completed, key).toEqual(affected);
      for (const s of servers(key).filter((s) => affected.has(s.server!))) {
        expect(s.host, `${key} ${s.server}`).toMatch(/^rack-[ac]-/);
        expect(s.status, `${key} ${s.server}`).toBe('ACTIVE');
      }
    }
  });

  it('fenced: each host is powered off before its servers are evacuated, and nothing writes twice', () => {
    const f = summary('fenced').failures;
    expect(f.split_brain).toEqual({ intervals: 0, seconds: 0, data_at_risk_gb: 0 });
    expect(f.fence_s.fenced).toBe(8);
    const rows = events('fenced');
    expect(rows.some((e) => e.action!.startsWith('split_brain'))).toBe(false);
    const fencedAt = new Map(rows.filter((e) => e.action === 'fence_host' && e.outcome === 'completed').map((e) => [e.host!, Number(e.time)]));
    expect(fencedAt.size).toBe(8);
    for (const e of rows.filter((e) => e.action === 'evacuate' && e.outcome === 'accepted')) {
      expect(Number(e.time), e.server).toBeGreaterThanOrEqual(fencedAt.get(e.host!)!);
    }
    // A failed fencing attempt is a failed fence_host request, not part of `failures`: the host was fenced on a retry.
    const failedAttempts = rows.filter((e) => e.action === 'fence_host' && e.outcome === 'failed').length;
    expect(summary('fenced').requests.fence_host?.failed ?? 0).toBe(failedAttempts);
    // The operator enables again what it fenced once the switch is replaced.
    expect(rows.filter((e) => e.action === 'enable_host').map((e) => Number(e.time))).toEqual(Array(8).fill(RACK_BACK));
  });

  it('unfenced: the evacuated volume-backed servers run a split brain until the switch is back; local disks are lost the same', () => {
    const fenced = summary('fenced').failures;
    const unfenced = summary('unfenced').failures;
    const affectedDb = [...onRackB('unfenced')].filter((s) => s.startsWith('db-'));
    expect(unfenced.fence_s.fenced).toBe(0);
    expect(unfenced.split_brain.intervals).toBe(affectedDb.length);
    expect(unfenced.split_brain.intervals).toBeGreaterThan(0);
    // A volume's size is taken as the flavor's disk: m1.large, 80 GB.
    expect(unfenced.split_brain.data_at_risk_gb).toBe(affectedDb.length * 80);
    const rows = events('unfenced');
    const starts = rows.filter((e) => e.action === 'split_brain_start');
    const ends = rows.filter((e) => e.action === 'split_brain_end');
    expect(starts).toHaveLength(unfenced.split_brain.intervals);
    expect(ends).toHaveLength(unfenced.split_brain.intervals);
    expect(new Set(ends.map((e) => `${e.time} ${e.reason}`))).toEqual(new Set([`${RACK_BACK} the old incarnation was destroyed (init_host)`]));
    const seconds = starts.reduce((sum, e) => sum + RACK_BACK - Number(e.time), 0);
    expect(unfenced.split_brain.seconds).toBe(seconds);
    // Without fencing the operator starts at detection + delay (2 min), not after a power-off.
    const first = Math.min(...rows.filter((e) => e.action === 'evacuate' && e.outcome === 'accepted').map((e) => Number(e.time)));
    expect(first).toBe(RACK_FAILS + 60 + 120);
    // Local disks (the web tier) are rebuilt blank either way; volumes are kept.
    expect(unfenced.ephemeral_lost_gb).toBe(fenced.ephemeral_lost_gb);
    const webLost = [...onRackB('fenced')].filter((s) => s.startsWith('web-')).length * 40;
    expect(fenced.ephemeral_lost_gb).toBe(webLost);
    expect(fenced.ephemeral_lost_gb).toBeGreaterThan(0);
  });

  it('servers.csv: local disks lost per server, and downtime only for the servers of rack b', () => {
    for (const key of ['fenced', 'unfenced']) {
      const affected = onRackB(key);
      const rows = servers(key);
      const lost = rows.reduce((sum, s) => sum + Number(s.ephemeral_lost_gb), 0);
      expect(lost, key).toBe(summary(key).failures.ephemeral_lost_gb);
      for (const s of rows) {
        const expected = affected.has(s.server!) && s.server!.startsWith('web-') ? 40 : 0;
        expect(Number(s.ephemeral_lost_gb), `${key} ${s.server}`).toBe(expected);
        if (!affected.has(s.server!)) expect([s.availability, s.downtime_s], `${key} ${s.server}`).toEqual(['1', '0']);
      }
    }
    // Fencing kills the old incarnations: each affected server is down from the power-off until its rebuild ends.
    const evacuateMax = summary('fenced').failures.evacuate_s.max;
    for (const s of servers('fenced').filter((s) => onRackB('fenced').has(s.server!))) {
      expect(Number(s.downtime_s), s.server).toBeGreaterThan(0);
      expect(Number(s.downtime_s), s.server).toBeLessThan(evacuateMax);
      expect(Number(s.availability), s.server).toBeLessThan(1);
    }
  });

  it('N+1 by failure domain: the cloud can absorb a whole rack before the failure, not a second one during it', () => {
    for (const key of ['fenced', 'unfenced']) {
      const before = beforeFailure(key, RACK_FAILS);
      expect(Number(before.n1_domain_spare_ram_mb), key).toBeGreaterThan(0);
      const during = series(key).find((r) => Number(r.time) === RACK_FAILS + 3600)!;
      expect(Number(during.hosts_up), key).toBe(16);
      expect(Number(during.n1_domain_spare_ram_mb), key).toBeLessThan(0);
      expect(summary(key).spare_capacity.n1_domain_spare_ram_mb!.min, key).toBeLessThan(0);
    }
  });
});

describe('scenarios/evacuation-headroom.yaml', () => {
  const key = (n: number): string => `load-${n}`;
  const spareBefore = (n: number): number => Number(beforeFailure(key(n), HOST_FAILS).n1_host_spare_ram_mb);

  it('one crash, detected after 60 s, fenced and evacuated by the operator at every load', () => {
    for (const n of LOADS) {
      const f = summary(key(n)).failures;
      expect(f.by_kind, `${n}`).toEqual({ crash: 1, partition: 0 });
      expect(f.detect_s.max, `${n}`).toBe(60);
      // detection 60 s + delay 5 min + one fencing attempt of 1 min
      expect(f.fence_s, `${n}`).toEqual({ p50: 420, p95: 420, max: 420, fenced: 1 });
      expect(f.servers_affected, `${n}`).toBe(onCompute07(key(n)).size);
      expect(f.evacuate_s.evacuated + f.not_evacuated, `${n}`).toBe(f.servers_affected);
      expect(f.split_brain.intervals, `${n}`).toBe(0);
    }
  });

  it('the servers lost for want of room grow with the load: none at the light load, some at the heavy one', () => {
    const lost = LOADS.map((n) => summary(key(n)).failures.not_evacuated);
    expect(lost[0]).toBe(0);
    expect(lost[2]).toBeGreaterThan(0);
    expect([...lost].sort((a, b) => a - b)).toEqual(lost);
    for (const n of LOADS) {
      const f = summary(key(n)).failures;
      const rows = events(key(n)).filter((e) => e.action === 'evacuate' && e.outcome === 'failed');
      expect(rows, `${n}`).toHaveLength(f.not_evacuated);
      for (const e of rows) expect(e.reason, `${n} ${e.server}`).toMatch(/^No valid host was found\./);
      expect(summary(key(n)).requests.evacuate?.failed ?? 0, `${n}`).toBe(f.not_evacuated);
    }
  });

  it('a negative N+1 spare before the failure means servers are lost; a positive one does not promise they fit', () => {
    for (const n of LOADS) {
      if (spareBefore(n) < 0) expect(summary(key(n)).failures.not_evacuated, `${n}`).toBeGreaterThan(0);
      if (summary(key(n)).failures.not_evacuated === 0) expect(spareBefore(n), `${n}`).toBeGreaterThanOrEqual(0);
    }
    expect(spareBefore(150)).toBeGreaterThan(0);
    expect(spareBefore(205)).toBeLessThan(0);
    // As shipped, 80 GB spare on paper, yet m1.xlarge servers are lost: the free RAM is in pieces
    // no larger than one m1.xlarge per host, and the smaller servers evacuated first take some.
    expect(spareBefore(185)).toBeGreaterThan(0);
    expect(summary(key(185)).failures.not_evacuated).toBeGreaterThan(0);
    const flavors = new Map(servers(key(185)).map((s) => [s.server!, s.flavor!]));
    const lost = events(key(185)).filter((e) => e.action === 'evacuate' && e.outcome === 'failed').map((e) => flavors.get(e.server!));
    expect(new Set(lost)).toEqual(new Set(['m1.xlarge']));
  });

  it('the N+1 spare is the free RAM of the other hosts less what the lost host uses (identical hosts)', () => {
    for (const n of LOADS) {
      const row = beforeFailure(key(n), HOST_FAILS);
      const capacity = Number(row.used_ram_mb) + Number(row.free_ram_mb);
      expect(Number(row.n1_host_spare_ram_mb), `${n}`).toBe(Number(row.free_ram_mb) - capacity / 12);
    }
  });

  it('servers.csv: the lost servers are in ERROR and down to the end; local disks rebuilt blank; others untouched', () => {
    for (const n of LOADS) {
      const affected = onCompute07(key(n));
      const f = summary(key(n)).failures;
      const rows = servers(key(n));
      expect(rows.reduce((sum, s) => sum + Number(s.ephemeral_lost_gb), 0), `${n}`).toBe(f.ephemeral_lost_gb);
      const errors = rows.filter((s) => affected.has(s.server!) && s.status === 'ERROR');
      expect(errors, `${n}`).toHaveLength(f.not_evacuated);
      for (const s of errors) expect(Number(s.downtime_s), `${n} ${s.server}`).toBe(6 * DAY - HOST_FAILS);
      for (const s of rows) {
        if (!affected.has(s.server!)) {
          expect([s.availability, s.downtime_s], `${n} ${s.server}`).toEqual(['1', '0']);
          continue;
        }
        const evacuated = s.status === 'ACTIVE';
        expect(Number(s.ephemeral_lost_gb), `${n} ${s.server}`).toBe(evacuated ? DISK_GB[s.flavor!] : 0);
        expect(Number(s.downtime_s), `${n} ${s.server}`).toBeGreaterThan(0);
      }
    }
  });
});
