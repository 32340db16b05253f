/**
 * Random small clouds under dynamic consolidation in novasim's own model
 * (model nova): random hosts, servers and demands, a random policy and
 * selection, random migration bandwidth and max_concurrent_live_migrations
 * (so that moves queue and some are still copying when the run ends), an
 * anti-affinity group, the nightly optimisation beside it, and hosts that
 * fail and are evacuated. Whatever happens:
 * - claims never exceed any host's capacity (checked at every change of a host);
 * - no host gives more CPU than it has, and no server gets more than it asks;
 * - every live migration the rounds asked for landed, failed, was
 *   overtaken, or is counted in flight at the end (and shows open);
 * - anti-affine servers never share a host at the end;
 * - energy is non-negative and at most every host at peak for the whole run.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RunFacts } from '../../src/metrics/run-facts.js';
import { RESOURCE_CLASSES } from '../../src/model/resources.js';
import { summaryOf } from '../../src/run/outputs/summary-sections.js';
import { buildSimulation } from '../../src/scenario/build.js';
import { accepted } from '../unit/scenario/load.js';

const PEAK_W = 250;

interface Case {
  readonly seed: number;
  readonly hosts: number;
  readonly cores: number;
  readonly servers: number;
  readonly mean: number;
  readonly amplitude: number;
  readonly noise: number;
  readonly policy: 'thr' | 'iqr' | 'mad' | 'lr' | 'lrr' | 'dvfs';
  readonly selection: 'mmt' | 'mu' | 'mc' | 'rs';
  readonly bandwidth: number;
  readonly concurrent: number;
  readonly hours: number;
  readonly nightly: boolean;
  /** Hosts fail (mean time between failures 3 h) and the operator evacuates their servers. */
  readonly failing: boolean;
}

const caseArb: fc.Arbitrary<Case> = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  hosts: fc.integer({ min: 2, max: 6 }),
  cores: fc.constantFrom(2, 4, 8),
  servers: fc.integer({ min: 1, max: 14 }),
  mean: fc.double({ min: 0, max: 1, noNaN: true }),
  amplitude: fc.double({ min: 0, max: 0.5, noNaN: true }),
  noise: fc.double({ min: 0, max: 0.3, noNaN: true }),
  policy: fc.constantFrom('thr', 'iqr', 'mad', 'lr', 'lrr', 'dvfs'),
  selection: fc.constantFrom('mmt', 'mu', 'mc', 'rs'),
  bandwidth: fc.constantFrom(5, 50, 1250),
  concurrent: fc.integer({ min: 0, max: 2 }),
  hours: fc.integer({ min: 1, max: 4 }),
  nightly: fc.boolean(),
  failing: fc.boolean(),
});

function scenarioOf(c: Case): string {
  return [
    'name: prop',
    `seed: ${c.seed}`,
    `duration: ${c.hours}h`,
    'config:',
    `  max_concurrent_live_migrations: ${c.concurrent}`,
    'flavors:',
    '  - { name: a, vcpus: 1, ram_mb: 1024, disk_gb: 10 }',
    '  - { name: b, vcpus: 2, ram_mb: 2048, disk_gb: 20 }',
    'images:',
    '  - { name: i, size_gb: 1 }',
    'projects:',
    '  - { name: p }',
    'server_groups:',
    '  - { name: apart, project: p, policy: anti-affinity }',
    'power:',
    '  default: m',
    '  models:',
    `    - { name: m, points: [[0, 90], [0.5, 170], [1, ${PEAK_W}]], off_w: 5 }`,
    'hosts:',
    `  - { name_prefix: h, count: ${c.hosts}, vcpus: ${c.cores}, ram_mb: 16384, disk_gb: 500, migration_bandwidth_mb_s: ${c.bandwidth} }`,
    'workload:',
    '  - name: w',
    '    project: p',
    '    image: i',
    '    flavors: { a: 2, b: 1 }',
    `    arrivals: { process: schedule, every: 2m, count: ${c.servers} }`,
    '    lifetime: { dist: exponential, mean: 2h }',
    `    cpu: { model: diurnal, mean: ${c.mean}, amplitude: ${c.amplitude}, noise_sd: ${c.noise}, interval: 5m }`,
    '  - name: g',
    '    project: p',
    '    image: i',
    '    flavors: { a: 1 }',
    '    group: apart',
    '    arrivals: { process: schedule, every: 3m, count: 2 }',
    `    cpu: { model: constant, fraction: ${c.mean} }`,
    ...(c.failing ? ['failures:', '  hosts: { mtbf: 3h, repair: { dist: exponential, mean: 30m } }'] : []),
    'operator:',
    ...(c.failing ? ['  failure_response: { mode: automatic, delay: 2m }'] : []),
    ...(c.nightly ? ['  optimisation: { mode: consolidate, every: 1h, at: "00:30", migration_budget: 5, power_off_empty: true, min_headroom: 1 }'] : []),
    `  dynamic_consolidation: { policy: ${c.policy}, ${c.policy === 'dvfs' ? '' : `selection: ${c.selection}, `}interval: 5m, offset: 0, model: nova }`,
  ].join('\n');
}

describe('dynamic consolidation under model nova on random clouds', () => {
  it('keeps claims within capacity, CPU within the host, accounts for every migration, and bounds energy', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const problems: string[] = [];
        const sim = buildSimulation(accepted(scenarioOf(c)), {
          listen: ({ facts, inventory }) => {
            const f = facts as RunFacts;
            f.on('host_changed', (fact) => {
              const host = inventory.hosts[fact.host]!;
              for (const k of RESOURCE_CLASSES) if (host.used[k] > host.capacity[k]) problems.push(`${fact.time}: ${host.name} claims ${k} ${host.used[k]} > ${host.capacity[k]}`);
            });
            f.on('host_cpu', (fact) => {
              if (!(fact.allocatedMips >= 0 && fact.allocatedMips <= fact.capacityMips + 1e-9)) problems.push(`${fact.time}: host ${fact.host} gives ${fact.allocatedMips} of ${fact.capacityMips}`);
            });
            f.on('server_cpu', (fact) => {
              if (!(fact.allocatedMips >= 0 && fact.allocatedMips <= fact.requestedMips + 1e-9)) problems.push(`${fact.time}: server ${fact.server} gets ${fact.allocatedMips} of ${fact.requestedMips} asked`);
            });
          },
        });
        const end = sim.run();
        const s = summaryOf(end);
        const d = s.dynamic_consolidation!;
        expect(problems, scenarioOf(c)).toEqual([]);
        expect(d.in_flight_at_end).toBeGreaterThanOrEqual(0);
        expect(d.requested).toBe(d.moved + d.failed + d.interrupted + d.in_flight_at_end);
        expect(s.migrations.by_kind['live-migration'].outcomes.open).toBeGreaterThanOrEqual(d.in_flight_at_end);
        expect(s.anti_affinity.groups.apart?.shared_pairs ?? 0).toBe(0);
        const kwh = s.energy.total_kwh!;
        expect(kwh).toBeGreaterThanOrEqual(0);
        expect(kwh).toBeLessThanOrEqual((c.hosts * PEAK_W * c.hours) / 1000 + 1e-4);
      }),
      { numRuns: 60, seed: 16 },
    );
  });
});
