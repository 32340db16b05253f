/**
 * The stories the scheduler scenarios tell in their comments (and the
 * README repeats), checked against their outputs: each is run through the
 * built CLI under the policies its comment compares. Directions and exact
 * counts the rules guarantee are asserted, not floats that any change to
 * the workload would move.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, cliAsync, ensureBuilt, pooled, read, readCsv, ROOT, scenarioFiles, tempDir } from './helpers.js';

interface Summary {
  requests: { create: { accepted: number; failed: number } };
  placements: { attempted: number; failed: number; failed_by_filter: Record<string, number>; build_failures: number; by_purpose: Record<string, { attempted: number; failed: number }> };
  utilisation: { ram: number };
  headroom: Record<string, number>;
  fragmentation: { stranded_vcpus: number };
  anti_affinity: { projects: Record<string, number>; groups: Record<string, { policy: string; members: number; shared_pairs: number }> };
}

const DAY = 86_400;
const PLUGIN = ['--set', 'scheduler.policy=plugin', '--set', 'scheduler.module=policies/least-loaded.ts', '--set', 'expect='];
/** A built-in policy for a scenario that names a plug-in module: the empty value clears the module. */
const builtIn = (policy: string): string[] => ['--set', `scheduler.policy=${policy}`, '--set', 'scheduler.module=', '--set', 'expect='];

let dir: string;
const outs: Record<string, string> = {};

/** Every run the stories need, in parallel; keyed `<scenario>/<policy>`. */
const RUNS: Record<string, { file: string; extra: string[] }> = {
  'stack-or-spread/spread': { file: 'scenarios/stack-or-spread.yaml', extra: [] },
  'stack-or-spread/pack': { file: 'scenarios/stack-or-spread.yaml', extra: ['--set', 'scheduler.policy=pack', '--set', 'expect='] },
  'policy-comparison/filter_scheduler': { file: 'scenarios/policy-comparison.yaml', extra: [] },
  'policy-comparison/pack': { file: 'scenarios/policy-comparison.yaml', extra: ['--set', 'scheduler.policy=pack', '--set', 'expect='] },
  'policy-comparison/random': { file: 'scenarios/policy-comparison.yaml', extra: ['--set', 'scheduler.policy=random', '--set', 'expect='] },
  'policy-comparison/least-loaded': { file: 'scenarios/policy-comparison.yaml', extra: PLUGIN },
  'plugin-policy/least-loaded': { file: 'scenarios/plugin-policy.yaml', extra: [] },
  'plugin-policy/filter_scheduler': { file: 'scenarios/plugin-policy.yaml', extra: builtIn('filter_scheduler') },
  'plugin-policy/pack': { file: 'scenarios/plugin-policy.yaml', extra: builtIn('pack') },
};

beforeAll(async () => {
  ensureBuilt();
  dir = tempDir('scheduler-scenarios');
  const keys = Object.keys(RUNS);
  const results = await pooled(keys.map((key) => () => {
    const { file, extra } = RUNS[key]!;
    outs[key] = join(dir, key);
    return cliAsync(['run', file, '--out', outs[key]!, ...extra]);
  }));
  results.forEach((r, i) => expect(r.status, `${keys[i]}: ${r.stderr}`).toBe(0));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const summary = (key: string): Summary => JSON.parse(read(outs[key]!, 'summary.json')) as Summary;
const placements = (key: string): Record<string, unknown>[] =>
  read(outs[key]!, 'placements.jsonl').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

describe('scenarios/stack-or-spread.yaml', () => {
  const headroomAt = (key: string, day: number): number => {
    const row = readCsv(outs[key]!, 'timeseries.csv').find((r) => Number(r.time) === day * DAY)!;
    return Number(row['headroom_m1.large']);
  };

  it('places the same servers under spread and pack: nothing fails, the same RAM is used', () => {
    const spread = summary('stack-or-spread/spread');
    const pack = summary('stack-or-spread/pack');
    expect(spread.placements.failed).toBe(0);
    expect(pack.placements.failed).toBe(0);
    expect(pack.requests.create.accepted).toBe(spread.requests.create.accepted);
    expect(pack.utilisation).toEqual(spread.utilisation);
    // The cloud fills to most of its RAM over the month.
    expect(spread.utilisation.ram).toBeGreaterThan(0.75);
  });

  it('pack leaves more m1.large (and m1.xlarge) headroom at the end than spread, and m1.small the same', () => {
    const spread = summary('stack-or-spread/spread').headroom;
    const pack = summary('stack-or-spread/pack').headroom;
    expect(pack['m1.large']).toBeGreaterThan(spread['m1.large']!);
    expect(pack['m1.xlarge']).toBeGreaterThan(spread['m1.xlarge']!);
    expect(pack['m1.small']).toBe(spread['m1.small']);
  });

  it('the gap in headroom_m1.large grows as the cloud fills', () => {
    const gap = (day: number): number => headroomAt('stack-or-spread/pack', day) - headroomAt('stack-or-spread/spread', day);
    expect(gap(0)).toBe(0);
    expect(gap(30)).toBeGreaterThan(gap(10));
    expect(headroomAt('stack-or-spread/spread', 30)).toBe(summary('stack-or-spread/spread').headroom['m1.large']);
  });

  it('pack strands the vCPUs of the hosts it fills to the last GB of RAM; spread strands none', () => {
    expect(summary('stack-or-spread/spread').fragmentation.stranded_vcpus).toBe(0);
    expect(summary('stack-or-spread/pack').fragmentation.stranded_vcpus).toBeGreaterThan(0);
  });
});

describe('scenarios/policy-comparison.yaml', () => {
  const POLICIES = ['filter_scheduler', 'pack', 'random', 'least-loaded'] as const;
  const run = (policy: string): Summary => summary(`policy-comparison/${policy}`);

  it('keeps hard anti-affinity under every policy, and fails shop-web servers for want of az1 hosts', () => {
    for (const policy of POLICIES) {
      const s = run(policy);
      expect(s.anti_affinity.groups['shop-web'], policy).toMatchObject({ policy: 'anti-affinity', shared_pairs: 0 });
      // 26 members for 20 hosts in az1: at least 6 fail, each by the anti-affinity filter or by the zone.
      const web = (s.placements.failed_by_filter.ServerGroupAntiAffinityFilter ?? 0) + (s.placements.failed_by_filter.AvailabilityZoneFilter ?? 0);
      expect(web, policy).toBeGreaterThanOrEqual(6);
    }
  });

  it('names in each NoValidHost reason the filter that left no host, as failed_by_filter counts them', () => {
    for (const policy of POLICIES) {
      const failures = readCsv(outs[`policy-comparison/${policy}`]!, 'events.csv').filter((e) => e.reason!.startsWith('No valid host was found.'));
      const byFilter: Record<string, number> = {};
      for (const e of failures) {
        const last = /(\w+): \d+ -> 0$/.exec(e.reason!);
        expect(last, e.reason).not.toBeNull();
        byFilter[last![1]!] = (byFilter[last![1]!] ?? 0) + 1;
      }
      expect(byFilter, policy).toEqual(run(policy).placements.failed_by_filter);
    }
    const web20 = readCsv(outs['policy-comparison/filter_scheduler']!, 'events.csv').find((e) => e.server === 'web-20' && e.outcome === 'failed')!;
    expect(web20.reason).toMatch(/^No valid host was found\. There are not enough hosts available\. Placement: 40 -> \d+, .*ServerGroupAntiAffinityFilter: \d+ -> 0$/);
  });

  it('pack fills the SSD hosts and az1 first, so it fails the most NoValidHost, pinned db.large above all', () => {
    const fs = run('filter_scheduler').placements;
    const pack = run('pack').placements;
    const noValidHost = (p: string): number => run(p).placements.by_purpose.create!.failed;
    expect(noValidHost('pack')).toBeGreaterThan(Math.max(...POLICIES.filter((p) => p !== 'pack').map(noValidHost)));
    expect(pack.failed_by_filter.AggregateInstanceExtraSpecsFilter).toBeGreaterThan(fs.failed_by_filter.AggregateInstanceExtraSpecsFilter ?? 0);
    expect(pack.failed_by_filter.AvailabilityZoneFilter).toBeGreaterThan(0);
    expect(fs.failed_by_filter.AvailabilityZoneFilter).toBeUndefined();
  });

  it('soft anti-affinity: least-loaded reaches the least possible, the filter scheduler nearly, pack and random do worse', () => {
    const pairs = (policy: string): number => run(policy).anti_affinity.groups['shop-cache']!.shared_pairs;
    // 60 members on 40 hosts share at least 20 pairs.
    expect(pairs('least-loaded')).toBe(20);
    expect(pairs('filter_scheduler')).toBeGreaterThanOrEqual(20);
    expect(pairs('filter_scheduler')).toBeLessThan(pairs('pack'));
    expect(pairs('filter_scheduler')).toBeLessThan(pairs('random'));
    // And it spreads the whole project best.
    for (const policy of POLICIES) expect(run('least-loaded').anti_affinity.projects.shop).toBeLessThanOrEqual(run(policy).anti_affinity.projects.shop!);
  });

  it('BuildFailureWeigher steers the filter scheduler off the flaky rack; random keeps building there', () => {
    const fs = run('filter_scheduler').placements;
    const random = run('random').placements;
    expect(fs.build_failures).toBeGreaterThan(0);
    expect(fs.build_failures * 3).toBeLessThan(random.build_failures);
    // Each failed build found an alternate.
    expect(fs.by_purpose.reschedule).toEqual({ attempted: fs.build_failures, failed: 0 });
    expect(run('filter_scheduler').requests.create.failed).toBe(fs.failed);
  });

  it('the plug-in runs, names itself in placements.jsonl, and its failed builds end in ERROR for want of alternates', () => {
    const records = placements('policy-comparison/least-loaded').filter((p) => p.purpose === 'create');
    expect(records.length).toBeGreaterThan(0);
    expect(new Set(records.map((p) => p.policy))).toEqual(new Set(['least-loaded']));
    expect(records.every((p) => Array.isArray(p.alternates) && p.alternates.length === 0)).toBe(true);
    const s = run('least-loaded');
    expect(s.placements.build_failures).toBeGreaterThan(0);
    // Every failed build is sent back to the conductor, which finds no alternate: a failed reschedule each.
    expect(s.placements.by_purpose.reschedule).toEqual({ attempted: s.placements.build_failures, failed: s.placements.build_failures });
    expect(s.requests.create.failed).toBe(s.placements.failed);
  });
});

describe('scenarios/plugin-policy.yaml', () => {
  const payments = (key: string): Record<string, string>[] => readCsv(outs[key]!, 'servers.csv').filter((s) => s.project === 'payments');

  it('loads the TypeScript policy named in the scenario and uses it for every decision', () => {
    const records = placements('plugin-policy/least-loaded');
    expect(records.length).toBe(summary('plugin-policy/least-loaded').placements.attempted);
    expect(records.every((p) => p.policy === 'least-loaded')).toBe(true);
    const r = cli(['explain', outs['plugin-policy/least-loaded']!, 'payments-11']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/create {2}policy least-loaded {2}candidates 10\n/);
  });

  it('spreads the payments servers as far as they go (2 pairs for 12 on 10 hosts), more than the built-in policies', () => {
    const pairs = (key: string): number => summary(key).anti_affinity.projects.payments!;
    expect(pairs('plugin-policy/least-loaded')).toBe(2);
    expect(pairs('plugin-policy/filter_scheduler')).toBeGreaterThan(2);
    expect(pairs('plugin-policy/pack')).toBeGreaterThan(pairs('plugin-policy/filter_scheduler'));
    // hostId tells the same story: 10 distinct values among the 12 servers.
    const servers = payments('plugin-policy/least-loaded');
    expect(servers).toHaveLength(12);
    expect(new Set(servers.map((s) => s.host_id)).size).toBe(10);
  });

  it('a built-in policy still runs once the module is cleared with an empty --set', () => {
    expect(placements('plugin-policy/filter_scheduler').every((p) => p.policy === 'filter_scheduler')).toBe(true);
    expect(summary('plugin-policy/filter_scheduler').placements.failed).toBe(0);
  });
});

describe('README.md', () => {
  it('lists every shipped scenario in its table', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    for (const file of scenarioFiles(true)) expect(readme, file).toContain(`| \`${file}\` |`);
  });
});
