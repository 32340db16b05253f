import { describe, expect, it } from 'vitest';
import { meanOf, weibullFromMean } from '../../../src/engine/distributions.js';
import { runFiles } from '../../support/run-files.js';
import { loadScenario } from '../../../src/scenario/validate.js';

const scenario = (policy: string, seed: number) => `
name: faults
seed: ${seed}
duration: 60d
scheduler: { policy: ${policy} }
flavors: [ { name: f, vcpus: 2, ram_mb: 4096, disk_gb: 20 } ]
images: [ { name: i, size_gb: 1 } ]
hosts:
  - { name_prefix: a, count: 6, vcpus: 16, ram_mb: 65536, disk_gb: 500, failure_domain: rack-a }
  - { name_prefix: b, count: 6, vcpus: 16, ram_mb: 65536, disk_gb: 500, failure_domain: rack-b }
projects: [ { name: p } ]
workload:
  - { name: w, project: p, image: i, flavors: { f: 1 }, arrivals: { process: poisson, rate: 2/h }, lifetime: { dist: exponential, mean: 1d } }
failures:
  hosts: { mtbf: 20d, law: weibull, shape: 1.5, repair: { dist: exponential, mean: 4h }, partition_fraction: 0.3 }
  domains: [ { name: rack-b, mtbf: 30d, repair: 2h, kind: partition } ]
operator: { failure_response: { mode: automatic, delay: 2m } }
`;

/** The host fault rows of events.csv (time, action, host, reason). */
async function faults(policy: string, seed = 4): Promise<string[]> {
  const loaded = loadScenario('faults.yaml', scenario(policy, seed));
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
  const files = await runFiles(loaded.scenario);
  return files['events.csv']!
    .split('\n')
    .filter((row) => /,(fail_host|partition_host),/.test(row) && row.includes('failure'));
}

describe('random failures', () => {
  it('strike hosts and whole domains, crashes and partitions, reproducibly by seed', async () => {
    const rows = await faults('filter_scheduler');
    expect(rows.some((r) => r.includes('partition_host'))).toBe(true);
    const rack = rows.filter((r) => r.includes('failure domain rack-b'));
    expect(rack.length).toBeGreaterThan(0);
    expect(rack.every((r) => r.includes('partition_host'))).toBe(true);
    expect(await faults('filter_scheduler')).toEqual(rows);
    expect(await faults('filter_scheduler', 5)).not.toEqual(rows);
  });

  it('are the same whatever the scheduling policy (their streams are their own)', async () => {
    const times = async (policy: string) => (await faults(policy)).map((r) => r.split(',').slice(0, 1).concat(r.includes('partition') ? 'p' : 'f'));
    expect(await times('pack')).toEqual(await times('filter_scheduler'));
    expect(await times('random')).toEqual(await times('filter_scheduler'));
  });

  it('take a Weibull law by its mean', () => {
    expect(meanOf(weibullFromMean(20, 1.5))).toBeCloseTo(20, 9);
    expect(meanOf(weibullFromMean(7, 0.7))).toBeCloseTo(7, 9);
  });
});
