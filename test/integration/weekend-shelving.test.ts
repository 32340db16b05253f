/**
 * scenarios/weekend-shelving.yaml through the command line, as shipped and
 * with nobody shelving: shelving lowers the dev project's cost, frees
 * capacity at weekends and saves some energy, and the table in the
 * scenario's header is what the runs measure.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, read, readCsv, runScenario, ROOT, tempDir } from './helpers.js';

const FILE = 'scenarios/weekend-shelving.yaml';
const NOBODY = ['--set', 'workload.0.behaviour.shelve_at_weekends.fraction=0', '--set', 'expect='];
const DAY = 86_400;
const WEEK = 7 * DAY;
const SATURDAY_NOON = 5 * DAY + 12 * 3600;

interface Run {
  readonly summary: {
    readonly energy: { total_kwh: number; mean_power_w: number; hosts_powered_on: { min: number; max: number } };
    readonly cost: { total: number; by_project: Record<string, number>; by_status: Record<string, number> };
  };
  readonly saturdays: Record<string, string>[];
  readonly hosts: Record<string, string>[];
  readonly servers: Record<string, string>[];
}

let dir: string;
let shelving: Run;
let nobody: Run;

function run(name: string, extra: readonly string[] = []): Run {
  const out = join(dir, name);
  const r = runScenario(FILE, out, extra);
  expect(r.status, r.stderr).toBe(0);
  const series = readCsv(out, 'timeseries.csv');
  return {
    summary: JSON.parse(read(out, 'summary.json')) as Run['summary'],
    saturdays: series.filter((s) => Number(s.time) % WEEK === SATURDAY_NOON),
    hosts: readCsv(out, 'hosts.csv'),
    servers: readCsv(out, 'servers.csv'),
  };
}

beforeAll(() => {
  ensureBuilt();
  dir = tempDir('weekend');
  shelving = run('shelving');
  nobody = run('nobody', NOBODY);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('scenarios/weekend-shelving.yaml', () => {
  it('shelving lowers the dev project’s cost and leaves prod’s alone', () => {
    const { by_project: withShelving } = shelving.summary.cost;
    const { by_project: without } = nobody.summary.cost;

    expect(withShelving.dev!).toBeLessThan(0.85 * without.dev!);
    expect(withShelving.prod).toBe(without.prod);
    expect(shelving.summary.cost.by_status.SHELVED_OFFLOADED!).toBeGreaterThan(0);
    expect(nobody.summary.cost.by_status.SHELVED_OFFLOADED).toBe(0);
  });

  it('frees capacity every Saturday, which shows in free RAM and headroom', () => {
    expect(shelving.saturdays).toHaveLength(4);
    shelving.saturdays.forEach((sat, i) => {
      const other = nobody.saturdays[i]!;
      expect(Number(sat.SHELVED_OFFLOADED)).toBeGreaterThan(80);
      expect(Number(sat.free_ram_mb)).toBeGreaterThan(Number(other.free_ram_mb) + 500_000);
      expect(Number(sat['headroom_g1.large'])).toBeGreaterThan(Number(other['headroom_g1.large']));
      expect(Number(sat.power_w)).toBeLessThan(Number(other.power_w));
    });
  });

  it('saves some energy though every host stays on', () => {
    expect(shelving.summary.energy.total_kwh).toBeLessThan(nobody.summary.energy.total_kwh);
    for (const r of [shelving, nobody]) {
      expect(r.summary.energy.hosts_powered_on).toMatchObject({ min: 16, max: 16 });
      expect(r.saturdays.every((s) => s.hosts_powered_on === '16')).toBe(true);
    }
  });

  it('adds up: hosts.csv energy_kwh to the total, servers.csv cost to each project', () => {
    for (const r of [shelving, nobody]) {
      const kwh = r.hosts.reduce((sum, h) => sum + Number(h.energy_kwh), 0);
      expect(kwh).toBeCloseTo(r.summary.energy.total_kwh, 2);
      for (const [project, amount] of Object.entries(r.summary.cost.by_project)) {
        const servers = r.servers.filter((s) => s.project === project).reduce((sum, s) => sum + Number(s.cost), 0);
        expect(servers).toBeCloseTo(amount, 2);
      }
    }
  });

  it("matches the table in the scenario's header", () => {
    const header = readFileSync(join(ROOT, FILE), 'utf8');
    const row = (label: string): [number, number] => {
      const line = header.split('\n').find((l) => l.startsWith(`# | ${label} `))!;
      const [, a, b] = line.split('|').slice(1, 4).map((c) => Number(c.trim().replaceAll(',', '')));
      return [a!, b!];
    };
    const both = (f: (r: Run) => number): [number, number] => [f(shelving), f(nobody)];

    expect(row('summary.json cost.by_project.dev')).toEqual(both((r) => round(r.summary.cost.by_project.dev!, 2)));
    expect(row('summary.json cost.by_project.prod')).toEqual(both((r) => round(r.summary.cost.by_project.prod!, 2)));
    expect(row('summary.json cost.total')).toEqual(both((r) => round(r.summary.cost.total, 2)));
    expect(row('summary.json energy.total_kwh')).toEqual(both((r) => round(r.summary.energy.total_kwh, 2)));
    expect(row('summary.json energy.mean_power_w')).toEqual(both((r) => round(r.summary.energy.mean_power_w, 1)));
    expect(row('Saturday 12:00 free_ram_mb')).toEqual(both((r) => Number(r.saturdays[0]!.free_ram_mb)));
    expect(row('Saturday 12:00 headroom_g1.large')).toEqual(both((r) => Number(r.saturdays[0]!['headroom_g1.large'])));
  });
});

const round = (x: number, places: number): number => Math.round(x * 10 ** places) / 10 ** places;
