import { describe, expect, it } from 'vitest';
import { SCHEDULER_DEFAULTS } from '../../../src/scheduling/config.js';
import { accepted, lineOf, refused, scenarioText } from './load.js';

const withScheduler = (lines: string): string => scenarioText(`scheduler:\n${lines}`);

describe('scenario scheduler section', () => {
  it("defaults to Nova's filter scheduler with its filters and weighers", () => {
    expect(accepted(scenarioText('')).scheduler).toEqual({ ...SCHEDULER_DEFAULTS, module: undefined });
  });

  it('reads every option, with nova.conf names turned into camelCase fields', () => {
    const text = withScheduler(
      [
        '  policy: spread',
        '  filters: [ComputeFilter, AggregateInstanceExtraSpecsFilter, ServerGroupAntiAffinityFilter]',
        '  weighers: { RAMWeigher: -1.5, ProjectSpreadWeigher: 2 }',
        '  host_subset_size: 3',
        '  max_attempts: 5',
        '  max_placement_results: 250',
        '  randomize_allocation_candidates: true',
        '  prefilter_disabled_computes: false',
      ].join('\n'),
    );

    expect(accepted(text).scheduler).toEqual({
      policy: 'spread',
      module: undefined,
      filters: ['ComputeFilter', 'AggregateInstanceExtraSpecsFilter', 'ServerGroupAntiAffinityFilter'],
      weighers: { RAMWeigher: -1.5, ProjectSpreadWeigher: 2 },
      hostSubsetSize: 3,
      maxAttempts: 5,
      maxPlacementResults: 250,
      randomizeAllocationCandidates: true,
      prefilterDisabledComputes: false,
    });
  });

  it('keeps the default filters and weighers when only some options are given', () => {
    const scheduler = accepted(withScheduler('  host_subset_size: 2')).scheduler;

    expect(scheduler.filters).toEqual(SCHEDULER_DEFAULTS.filters);
    expect(scheduler.weighers).toEqual(SCHEDULER_DEFAULTS.weighers);
    expect(scheduler.hostSubsetSize).toBe(2);
  });

  it('replaces the whole default weigher set when weighers are given, and accepts none', () => {
    expect(accepted(withScheduler('  weighers: { CPUWeigher: 1 }')).scheduler.weighers).toEqual({ CPUWeigher: 1 });
    expect(accepted(withScheduler('  weighers: {}')).scheduler.weighers).toEqual({});
  });

  it('takes a plug-in module path as written, with policy plugin', () => {
    const scheduler = accepted(withScheduler('  policy: plugin\n  module: ../policies/greedy.ts')).scheduler;

    expect(scheduler).toMatchObject({ policy: 'plugin', module: '../policies/greedy.ts' });
  });

  it.each([
    ['an unknown policy', '  policy: clever', 'policy: clever', 'scheduler.policy: expected one of filter_scheduler, pack, spread, first_fit, best_fit, worst_fit, random, round_robin, plugin, got "clever"'],
    ['an unknown filter', '  filters: [ComputeFilter, NUMATopologyFilter]', 'filters:', 'scheduler.filters[1]: expected one of ComputeFilter, '],
    ['a filter enabled twice', '  filters: [ComputeFilter, AvailabilityZoneFilter, ComputeFilter]', 'filters:', "scheduler.filters[2]: filter 'ComputeFilter' is enabled twice"],
    ['an unknown weigher', '  weighers: { RAMWeigher: 1, IoOpsWeigher: 1 }', 'weighers:', "scheduler.weighers.IoOpsWeigher: unknown key 'IoOpsWeigher'; expected one of RAMWeigher, "],
    ['a multiplier that is not a number', '  weighers: { RAMWeigher: lots }', 'weighers:', 'scheduler.weighers.RAMWeigher: expected a number, got "lots"'],
    ['host_subset_size 0', '  host_subset_size: 0', 'host_subset_size', 'scheduler.host_subset_size: expected a whole number >= 1, got 0'],
    ['a fractional max_attempts', '  max_attempts: 1.5', 'max_attempts', 'scheduler.max_attempts: expected a whole number >= 1, got 1.5'],
    ['max_placement_results 0', '  max_placement_results: 0', 'max_placement_results', 'scheduler.max_placement_results: expected a whole number >= 1, got 0'],
    ['randomize_allocation_candidates that is not true or false', '  randomize_allocation_candidates: sometimes', 'randomize_allocation_candidates', 'scheduler.randomize_allocation_candidates: expected true or false, got "sometimes"'],
    ['a module with another policy', '  policy: pack\n  module: p.mjs', 'module:', "scheduler.module: 'module' applies only to policy plugin, not pack"],
    ['a module with the default policy', '  module: p.mjs', 'module:', "scheduler.module: 'module' applies only to policy plugin, not filter_scheduler"],
    ['policy plugin without a module', '  policy: plugin', 'policy:', "scheduler.policy: policy plugin needs 'module' (a .js, .mjs or .ts file exporting the policy)"],
    ['a module that is not JavaScript or TypeScript', '  policy: plugin\n  module: policy.py', 'module:', 'scheduler.module: expected a path to a .js, .mjs or .ts module, got "policy.py"'],
  ])('refuses %s, at its line', (_, lines, where, message) => {
    const text = withScheduler(lines);

    const errors = refused(text);

    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`${lineOf(text, where)}: ${message}`);
  });
});
