import { describe, expect, it } from 'vitest';
import type { Fact } from '../../../../src/cloud/facts.js';
import { Simulator } from '../../../../src/engine/simulator.js';
import { cloudsimMigrationSeconds } from '../../../../src/migration/cloudsim-migration.js';
import { CloudsimDatacenter, type DatacenterServer } from '../../../../src/operator/dynamic/cloudsim-datacenter.js';
import { minimumMigrationTime } from '../../../../src/operator/dynamic/selection/minimum-migration-time.js';
import { staticThreshold } from '../../../../src/operator/dynamic/overload/static-threshold.js';
import { G5_WATTS } from './fixtures.js';

/** Two G5 hosts (2 x 2660 MIPS, 1 Gbit/s) and the servers given, THR-MMT-0.8, updates every 300 s at +0.1 s for 1000 s; every fact told. */
function run(servers: readonly DatacenterServer[], policy: 'thr' | 'none' = 'thr'): Fact[] {
  const sim = new Simulator();
  const facts: Fact[] = [];
  const host = { cpu: { cores: 2, coreSpeed: 2660 }, ramMb: 4096, bandwidthKbitS: 1_000_000, watts: G5_WATTS };
  new CloudsimDatacenter(sim, { emit: (f) => facts.push(f) }, [host, host], servers, {
    interval: 300,
    offset: 0.1,
    start: 0,
    end: 1000,
    policy: policy === 'thr' ? { detector: staticThreshold(0.8), selector: minimumMigrationTime() } : null,
    migrationSeconds: cloudsimMigrationSeconds,
  }).start();
  sim.run(1000);
  return facts;
}

const steady = (fraction: number, ramMb: number): DatacenterServer => ({ vcpus: 1, speed: 2500, ramMb, demand: { at: () => fraction } });
const of = <T extends Fact['type']>(facts: readonly Fact[], type: T): Extract<Fact, { type: T }>[] => facts.filter((f): f is Extract<Fact, { type: T }> => f.type === type);

describe('the CloudSim-compatible datacenter', () => {
  it('updates on the grid k x 300 + 0.1 s, and tells every host then the interval', () => {
    const facts = run([steady(0.5, 613)], 'none');

    expect(of(facts, 'datacenter_update').map((f) => [f.time, f.seconds])).toEqual([
      [300.1, 300.1],
      [600.1, 300],
      [900.1, 300],
    ]);
    // First fit: the server on host 0, asking 1250 of its 2500 MIPS and getting them; host 1 idle.
    expect(of(facts, 'host_cpu').filter((f) => f.time === 300.1).map((f) => [f.host, f.allocatedMips, f.requestedMips])).toEqual([
      [0, 1250, 1250],
      [1, 0, 0],
    ]);
  });

  it('empties the less used host into the other when both stay under 80 %, the move taking RAM / 62.5 MB/s and the server getting 90 % meanwhile', () => {
    // The start's PABFD puts each server on an empty host; at 300.1 both hosts run 1125 of 5320 MIPS (21 %).
    const facts = run([steady(0.45, 1740), steady(0.45, 613)]);

    // Underload: host 0 (the first of the least used) gives its server to host 1, which ends at 42 %: 1740 MB in 27.84 s.
    expect(of(facts, 'cpu_migration')).toEqual([{ type: 'cpu_migration', time: 300.1 + 27.84, server: 0, source: 0, destination: 1, start: 300.1, ramMb: 1740 }]);
    // While it moves, the server gets 90 % of its 1125 MIPS on the source, which still counts all of it; the update
    // just before it lands (as CloudSim updates before and after a landing) tells the same.
    expect(of(facts, 'server_cpu').filter((f) => f.migrating).map((f) => [f.time, f.allocatedMips, f.requestedMips])).toEqual([
      [300.1, 1012.5, 1125],
      [300.1 + 27.84, 1012.5, 1125],
    ]);
    expect(of(facts, 'host_cpu').filter((f) => f.host === 0 && f.time === 300.1).at(-1)).toMatchObject({ allocatedMips: 1125 });
    // Once it has landed, host 0 is idle and stays so: at 600.1 host 1 has no switched-on host to empty into.
    expect(of(facts, 'host_cpu').filter((f) => f.time === 600.1).map((f) => f.allocatedMips)).toEqual([0, 2250]);
  });
});
