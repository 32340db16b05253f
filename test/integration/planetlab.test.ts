/**
 * The Beloglazov-Buyya benchmark end to end through `novasim run`: the
 * shipped scenario cut down to 40 hosts, the first 50 servers of the
 * reference order and 6 h (flavors by blocks of 13), under five policies.
 * The figures expected are those of phase 1's stand-alone replica of
 * CloudSim 3.0.3's datacenter cycle (research/planetlab-replica-20110303.md;
 * the script is gone since its loop moved into the event loop), which drove
 * the same policy units outside the simulator: the wiring must not move a
 * digit. The whole day of THR-MMT-0.8 is checked against
 * CloudSim's own figures by the scenario's expect: list (golden test).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, ensureBuilt, readCsv, ROOT, tempDir } from './helpers.js';

let dir: string;
let scenario: string;

beforeAll(() => {
  ensureBuilt();
  dir = tempDir('planetlab');
  const shipped = readFileSync(join(ROOT, 'scenarios/planetlab-20110303.yaml'), 'utf8');
  const [head = '', hosts = ''] = shipped.split("# 800 hosts, in CloudSim's id order.\nhosts:\n");
  const reduced = head
    .replace('duration: 24h', 'duration: 6h')
    .replaceAll('../data/planetlab', join(ROOT, 'data/planetlab'))
    .replace('      samples: 288\n', '      samples: 288\n      count: 50\n')
    .replace(/expect:[\s\S]*$/, '');
  scenario = join(dir, 'reduced.yaml');
  writeFileSync(scenario, `${reduced}hosts:\n${hosts.split('\n').slice(0, 40).join('\n')}\n`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Summary {
  readonly energy: { readonly total_kwh: number };
  readonly migrations: { readonly count: number };
  readonly hosts: { readonly shutdowns: number };
  readonly sla: { readonly slatah: number; readonly pdm: number; readonly slav: number; readonly esv: number };
  readonly trace_servers: { readonly total: number; readonly unplaced: number; readonly deleted: number };
}

function run(policy: string): { summary: Summary; out: string } {
  const out = join(dir, policy);
  mkdirSync(dir, { recursive: true });
  const r = cli(['run', scenario, '--out', out, '--no-report', '--set', `operator.dynamic_consolidation.policy=${policy}`]);
  expect(r.status, r.stderr).toBe(0);
  return { summary: JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as Summary, out };
}

// policy, kWh (4 decimals, as summary.json rounds it), migrations, SLATAH, PDM, shutdowns: the replica's figures.
const REPLICA = [
  ['thr', 2.3472, 365, 0.040523600381600036, 0.0007956452246395402, 91],
  ['mad', 2.3081, 308, 0.03653505134911039, 0.0005677310697384976, 80],
  ['lr', 2.0401, 244, 0.03847132657406113, 0.00048733799057491383, 59],
  ['dvfs', 9.9169, 0, 0, 0, 23],
  ['npa', 29.8201, 0, 0, 0, 23],
] as const;

describe('the reduced PlanetLab benchmark (40 hosts, 50 servers, 6 h) through novasim run', () => {
  it.each(REPLICA)("%s gives the replica's figures, figure for figure", (policy, kwh, migrations, slatah, pdm, shutdowns) => {
    const { summary } = run(policy);

    expect(summary.energy.total_kwh).toBe(kwh);
    expect(summary.migrations.count).toBe(migrations);
    expect(summary.hosts.shutdowns).toBe(shutdowns);
    // 22 of the 50 ask for nothing at some update within 6 h, whatever the policy.
    expect(summary.trace_servers).toEqual({ total: 50, unplaced: 0, deleted: 22 });
    if (migrations === 0) {
      // NPA and DVFS never give less than asked: SLATAH and PDM are 0 / active time and 0 / CPU asked.
      expect(summary.sla.slatah).toBe(0);
      expect(summary.sla.pdm).toBe(0);
      return;
    }
    expect(summary.sla.slatah).toBe(slatah);
    expect(summary.sla.pdm).toBe(pdm);
    expect(summary.sla.slav).toBe(slatah * pdm);
  });

  it('writes the hosts CPU as a distribution in timeseries.csv, not a column per host', () => {
    const rows = readCsv(join(dir, 'thr'), 'timeseries.csv');

    expect(Object.keys(rows[0]!)).toEqual(expect.arrayContaining(['hosts_cpu_active', 'cpu_util_p50', 'cpu_util_p90', 'cpu_util_max', 'hosts_cpu_short']));
    expect(Object.keys(rows[0]!).filter((c) => c.startsWith('cpu_util'))).toHaveLength(4);
    // At 00:05 (before the first update at 300.1 s) no host has told its CPU; after it, every host has servers.
    expect(rows[1]).toMatchObject({ time: '300', hosts_cpu_active: '0', cpu_util_p50: '' });
    expect(Number(rows[2]!.hosts_cpu_active)).toBeGreaterThan(0);
  });
});
