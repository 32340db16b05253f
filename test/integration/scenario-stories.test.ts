/**
 * The stories the shipped scenarios tell in their comments, checked against
 * their outputs, so a comment cannot silently go stale.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, read, readCsv, runScenario, tempDir } from './helpers.js';

let dir: string;
beforeAll(() => {
  ensureBuilt();
  dir = tempDir('stories');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DAY = 86_400;

describe('scenarios/host-failure.yaml', () => {
  let out: string;
  let events: Record<string, string>[];
  let series: Record<string, string>[];
  const DB = ['db-1', 'db-2', 'db-3', 'db-4', 'db-5', 'db-6', 'db-7'];

  beforeAll(() => {
    out = join(dir, 'host-failure');
    const r = runScenario('scenarios/host-failure.yaml', out);
    expect(r.status, r.stderr).toBe(0);
    events = readCsv(out, 'events.csv');
    series = readCsv(out, 'timeseries.csv');
  });

  it('first fit puts the whole db tier on compute-1', () => {
    const placed = events.filter((e) => DB.includes(e.server!) && e.action === 'create' && e.outcome === 'completed');
    expect(placed.map((e) => e.host)).toEqual(DB.map(() => 'compute-1'));
  });

  it('the servers stay ACTIVE zombies until service_down_time, and an early evacuate is refused', () => {
    const down = events.find((e) => e.action === 'service_down')!;
    expect(Number(down.time)).toBe(DAY + 120);
    const early = events.find((e) => e.action === 'evacuate' && Number(e.time) < DAY + 120)!;
    expect(early).toMatchObject({ outcome: 'rejected', status: 'ACTIVE', reason: 'Compute service of compute-1 is still in use.' });
  });

  it('every db server is evacuated off compute-1 (db-7 only after a reset_state)', () => {
    const done = events.filter((e) => e.action === 'evacuate' && e.outcome === 'completed');
    expect(done.map((e) => e.server).sort()).toEqual(DB);
    expect(done.every((e) => e.host !== 'compute-1' && e.status === 'ACTIVE')).toBe(true);
    expect(done.find((e) => e.server === 'db-6')!.host).toBe('compute-6');
    const db7 = events.filter((e) => e.server === 'db-7' && Number(e.time) >= DAY).map((e) => `${e.action}:${e.outcome}`);
    expect(db7.slice(0, 4)).toEqual(['reboot:accepted', 'evacuate:rejected', 'reset_state:accepted', 'reset_state:completed']);
  });

  it('hosts_up drops to 5 during the outage, and the evacuated servers are counted twice until recovery', () => {
    const at = (t: number) => series.find((s) => Number(s.time) === t)!;
    expect(at(DAY).hosts_up).toBe('6');
    expect(at(DAY + 2 * 3600).hosts_up).toBe('5');
    expect(at(DAY + 5 * 3600).hosts_up).toBe('6');
    const destroyed = events.filter((e) => e.action === 'destroy_evacuated');
    expect(destroyed.map((e) => e.reason).sort()).toEqual(DB);
    // The recovery releases the seven m1.large claims kept on compute-1 (7 x 8192 MB), give or take the workload.
    const before = Number(at(DAY + 4 * 3600 - 600).used_ram_mb);
    const after = Number(at(DAY + 4 * 3600).used_ram_mb);
    expect(before - after).toBeGreaterThanOrEqual(7 * 8192 - 3 * 4096);
  });

  it('servers left on compute-1 stay ACTIVE until the power sync runs, then are stopped through the API: SHUTOFF', () => {
    const synced = events.filter((e) => e.action === 'sync_power_state');
    expect(synced.length).toBeGreaterThan(0);
    expect(synced.every((e) => e.status === 'ACTIVE' && e.host === 'compute-1')).toBe(true);
    for (const sync of synced) {
      const stop = events.filter((e) => e.server === sync.server && e.action === 'stop');
      expect(stop.map((e) => [e.outcome, e.reason, e.status])).toEqual([
        ['accepted', '_sync_power_states', 'ACTIVE'],
        ['completed', '', 'SHUTOFF'],
      ]);
    }
  });
});

describe('scenarios/diurnal-week.yaml', () => {
  let series: { time: number; hour: number; day: number; used: number; shutoff: number; offloaded: number }[];
  let summary: { hosts: { total: number }; placements: { failed: number } };

  beforeAll(() => {
    const out = join(dir, 'diurnal-week');
    const r = runScenario('scenarios/diurnal-week.yaml', out);
    expect(r.status, r.stderr).toBe(0);
    summary = JSON.parse(read(out, 'summary.json'));
    series = readCsv(out, 'timeseries.csv').map((s) => ({
      time: Number(s.time),
      hour: Math.floor((Number(s.time) % DAY) / 3600),
      day: Math.floor(Number(s.time) / DAY),
      used: Number(s.used_ram_mb),
      shutoff: Number(s.SHUTOFF),
      offloaded: Number(s.SHELVED_OFFLOADED),
    }));
  });

  it('is a 40-host cloud sampled hourly for the week', () => {
    expect(summary.hosts.total).toBe(40);
    expect(series.length).toBeGreaterThanOrEqual(7 * 24 + 1);
    expect(summary.placements.failed).toBe(0);
  });

  it('servers are stopped at night and started in the morning', () => {
    const tueNight = series.find((s) => s.day === 1 && s.hour === 23)!;
    const wedNoon = series.find((s) => s.day === 2 && s.hour === 12)!;
    expect(tueNight.shutoff).toBeGreaterThan(20);
    expect(wedNoon.shutoff).toBe(0);
  });

  it('shelved servers are offloaded over the weekend and free capacity', () => {
    const sat = series.find((s) => s.day === 5 && s.hour === 12)!;
    const thu = series.find((s) => s.day === 3 && s.hour === 16)!;
    expect(sat.offloaded).toBeGreaterThan(10);
    expect(thu.offloaded).toBe(0);
    expect(sat.used).toBeLessThan(thu.used * 0.9);
  });

  it('weekday office hours are busier than the night before', () => {
    for (const day of [1, 2, 3]) {
      const night = series.find((s) => s.day === day && s.hour === 6)!;
      const afternoon = series.find((s) => s.day === day && s.hour === 17)!;
      expect(afternoon.used, `day ${day}`).toBeGreaterThan(night.used);
    }
  });
});
