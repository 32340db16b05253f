/**
 * Dynamic consolidation in novasim's own model (model nova) end to end
 * through `novasim run`: the shipped scenario cut to 12 hours, the same
 * seed run twice byte for byte, its figures consistent with each other,
 * and bad model-nova input refused with file, line and field, exit 2.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsolidationMovesSummary } from '../../src/metrics/figures/consolidation-moves.js';
import { cli, ensureBuilt, readCsv, ROOT, tempDir } from './helpers.js';

let dir: string;
let scenario: string;

beforeAll(() => {
  ensureBuilt();
  dir = tempDir('consolidation-nova');
  const shipped = readFileSync(join(ROOT, 'scenarios/consolidation-nova.yaml'), 'utf8');
  scenario = join(dir, 'half-day.yaml');
  writeFileSync(scenario, shipped.replace('duration: 2d', 'duration: 12h').replace(/\nexpect:[\s\S]*$/, '\n'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Summary {
  readonly energy: { readonly total_kwh: number; readonly hosts_powered_on: { readonly max: number } };
  readonly sla: { readonly slatah: number; readonly pdm: number; readonly slav: number; readonly esv: number };
  readonly hosts: { readonly total: number; readonly shutdowns: number };
  readonly migrations: { readonly by_kind: { readonly 'live-migration': { readonly count: number; readonly outcomes: Record<string, number> } } };
  readonly dynamic_consolidation: ConsolidationMovesSummary;
  readonly trace_servers: unknown;
}

const summaryOf = (out: string): Summary => JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as Summary;

describe('scenarios/consolidation-nova.yaml, 12 h, through novasim run', () => {
  it('moves Nova servers by live migration, switches hosts off, and its figures agree with each other and with the CSV files', () => {
    const out = join(dir, 'a');
    const r = cli(['run', scenario, '--out', out, '--no-report']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/SLA\s+SLATAH [\d.]+%, PDM/);
    const s = summaryOf(out);

    const d = s.dynamic_consolidation;
    expect(d.rounds).toBe(143); // every 5 min from 00:05 to 11:55
    expect(d.requested).toBeGreaterThan(0);
    expect(d.requested).toBe(d.moved + d.failed + d.interrupted + d.in_flight_at_end);
    expect(d.planned).toBe(d.requested + d.skipped);
    const live = s.migrations.by_kind['live-migration'];
    expect(live.outcomes.completed).toBeGreaterThanOrEqual(d.moved);
    expect(live.outcomes.open).toBeGreaterThanOrEqual(d.in_flight_at_end);
    expect(s.hosts.shutdowns).toBeGreaterThan(0);
    expect(s.trace_servers).toBeNull();
    expect(s.sla.slav).toBeCloseTo(s.sla.slatah * s.sla.pdm, 15);
    expect(s.sla.esv).toBeCloseTo(s.sla.slav * s.energy.total_kwh, 8);
    // The power and CPU columns of timeseries.csv follow the hosts' CPU.
    const rows = readCsv(out, 'timeseries.csv');
    expect(rows.some((row) => Number(row.hosts_cpu_short) > 0)).toBe(true);
    expect(rows.every((row) => Number(row.hosts_powered_on) <= s.hosts.total)).toBe(true);
    const moves = readCsv(out, 'migrations.csv').filter((m) => m.kind === 'live-migration');
    expect(moves.length).toBe(live.count);
  });

  it('writes byte-identical results for the same seed', () => {
    const [a, b] = ['b1', 'b2'].map((name) => join(dir, name));
    for (const out of [a!, b!]) expect(cli(['run', scenario, '--out', out, '--no-report']).status).toBe(0);
    for (const file of ['summary.json', 'events.csv', 'timeseries.csv', 'migrations.csv', 'hosts.csv', 'servers.csv'])
      expect(readFileSync(join(b!, file), 'utf8'), file).toBe(readFileSync(join(a!, file), 'utf8'));
  });

  it('refuses a workload cpu: without model nova, naming file, line and field, with exit 2', () => {
    const bad = join(dir, 'bad.yaml');
    const text = readFileSync(scenario, 'utf8').replace('    model: nova\n', '');
    writeFileSync(bad, text);
    const r = cli(['run', bad, '--out', join(dir, 'bad-out'), '--no-report']);

    expect(r.status).toBe(2);
    const line = text.split('\n').findIndex((l) => l.startsWith('    cpu: { model: diurnal, mean: 0.35')) + 1;
    expect(r.stderr).toContain(`${bad}:${line}:`);
    expect(r.stderr).toContain("workload[0].cpu: 'cpu' is not used: Nova servers use CPU only under operator.dynamic_consolidation with model: nova");
  });
});
