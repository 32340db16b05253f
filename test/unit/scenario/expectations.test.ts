import { describe, expect, it } from 'vitest';
import { evaluateExpectations, holds, resolveMetric, type Comparison } from '../../../src/scenario/expectations.js';
import { accepted, refused, scenarioText } from './load.js';

const summary = {
  placements: { attempted: 10, failed: 2 },
  headroom: { 'm1.small': 40, 'm1.large': 7, m1: 99 },
  failures: { evacuate_s: { p95: 120.5 } },
  energy: null,
  scenario: 'quickstart',
};

describe('holds', () => {
  const cases: [string, number, Comparison, boolean][] = [
    ['equals, equal', 5, { kind: 'equals', value: 5 }, true],
    ['equals, off by a little', 5.000001, { kind: 'equals', value: 5 }, false],
    ['at_most, at the bound', 5, { kind: 'at_most', value: 5 }, true],
    ['at_most, just past it', 5.001, { kind: 'at_most', value: 5 }, false],
    ['at_least, at the bound', 5, { kind: 'at_least', value: 5 }, true],
    ['at_least, just below it', 4.999, { kind: 'at_least', value: 5 }, false],
    ['between, at lo', 1, { kind: 'between', lo: 1, hi: 2 }, true],
    ['between, at hi', 2, { kind: 'between', lo: 1, hi: 2 }, true],
    ['between, just past hi', 2.0001, { kind: 'between', lo: 1, hi: 2 }, false],
    ['between, just below lo', 0.9999, { kind: 'between', lo: 1, hi: 2 }, false],
    ['within, at the edge above', 110, { kind: 'within', value: 100, tolerance: 0.1 }, true],
    ['within, at the edge below', 90, { kind: 'within', value: 100, tolerance: 0.1 }, true],
    ['within, at an edge that rounds (0.3 x 0.1)', 0.33, { kind: 'within', value: 0.3, tolerance: 0.1 }, true],
    ['within, just past the edge', 110.01, { kind: 'within', value: 100, tolerance: 0.1 }, false],
    ['within, of a negative value', -105, { kind: 'within', value: -100, tolerance: 0.05 }, true],
    ['within, tolerance 0 is equality', 100, { kind: 'within', value: 100, tolerance: 0 }, true],
    ['within, tolerance 0 refuses any change', 100.000001, { kind: 'within', value: 100, tolerance: 0 }, false],
    ['within, value 0 holds only 0', 0, { kind: 'within', value: 0, tolerance: 0.5 }, true],
    ['within, value 0 refuses anything else', 1e-9, { kind: 'within', value: 0, tolerance: 0.5 }, false],
  ];
  it.each(cases)('%s', (_, actual, comparison, expected) => {
    expect(holds(actual, comparison)).toBe(expected);
  });
});

describe('resolveMetric', () => {
  it('follows plain dotted paths', () => {
    expect(resolveMetric(summary, 'placements.failed')).toEqual({ found: true, value: 2 });
    expect(resolveMetric(summary, 'failures.evacuate_s.p95')).toEqual({ found: true, value: 120.5 });
  });

  it('matches keys with dots (flavor names) longest first', () => {
    expect(resolveMetric(summary, 'headroom.m1.large')).toEqual({ found: true, value: 7 });
    expect(resolveMetric(summary, 'headroom.m1')).toEqual({ found: true, value: 99 });
  });

  it('falls back to a shorter key when the longest leads nowhere', () => {
    expect(resolveMetric({ a: { 'b.c': 1, b: { c: { d: 2 } } } }, 'a.b.c.d')).toEqual({ found: true, value: 2 });
  });

  it('says where a path stops', () => {
    expect(resolveMetric(summary, 'headroom.m1.xlarge')).toEqual({ found: false, reason: "'headroom.m1' is the number 99, not a mapping" });
    expect(resolveMetric(summary, 'headroom.m2.large')).toEqual({ found: false, reason: "no key 'm2' under 'headroom'" });
    expect(resolveMetric(summary, 'energy.kwh')).toEqual({ found: false, reason: "'energy' is null, not a mapping" });
  });
});

describe('evaluateExpectations', () => {
  it('fails a missing path or a non-number with a reason, and counts', () => {
    const report = evaluateExpectations(summary, [
      { metric: 'placements.failed', comparison: { kind: 'at_most', value: 2 } },
      { metric: 'headroom.m1.large', comparison: { kind: 'at_least', value: 8 } },
      { metric: 'placements.lost', comparison: { kind: 'equals', value: 0 } },
      { metric: 'scenario', comparison: { kind: 'equals', value: 0 } },
    ]);

    expect(report.held).toBe(1);
    expect(report.failed).toBe(3);
    expect(report.verdicts.map((v) => [v.metric, v.expected, v.actual, v.held, v.reason])).toEqual([
      ['placements.failed', '<= 2', 2, true, undefined],
      ['headroom.m1.large', '>= 8', 7, false, undefined],
      ['placements.lost', '= 0', undefined, false, "not in summary.json: no key 'lost' under 'placements'"],
      ['scenario', '= 0', 'quickstart', false, 'not a number: "quickstart"'],
    ]);
  });
});

describe('expect: in a scenario', () => {
  it('loads every comparison', () => {
    const scenario = accepted(
      scenarioText(
        [
          'expect:',
          '  - { metric: placements.failed, equals: 0 }',
          '  - { metric: headroom.m1.large, at_least: 3 }',
          '  - { metric: failures.evacuate_s.p95, at_most: 600 }',
          '  - { metric: utilisation.ram, between: [0.2, 0.9] }',
          '  - { metric: hosts.up, within: { value: 12, tolerance: 0.1 } }',
        ].join('\n'),
      ),
    );
    expect(scenario.expect.map((e) => e.comparison.kind)).toEqual(['equals', 'at_least', 'at_most', 'between', 'within']);
    expect(scenario.expect[4]).toEqual({ metric: 'hosts.up', comparison: { kind: 'within', value: 12, tolerance: 0.1 } });
  });

  it('refuses entries without exactly one numeric comparison or with a bad path, at their line', () => {
    const errors = refused(
      scenarioText(
        [
          'expect:',
          '  - { metric: placements.failed }',
          '  - { metric: placements.failed, at_most: 1, at_least: 0 }',
          '  - { metric: placements.failed, at_most: "one" }',
          '  - { metric: placements..failed, equals: 0 }',
          '  - { metric: x, between: [3, 1] }',
          '  - { metric: x, within: { value: 1, tolerance: -0.1 } }',
          '  - { metric: x, less_than: 1 }',
        ].join('\n'),
      ),
    );
    expect(errors).toEqual([
      expect.stringMatching(/^13: expect\[0\]: expected one comparison: equals, at_most/),
      expect.stringMatching(/^14: expect\[1\]: expected exactly one comparison, got at_most and at_least/),
      expect.stringMatching(/^15: expect\[2\]\.at_most: expected a number, got "one"/),
      expect.stringMatching(/^16: expect\[3\]\.metric: expected a dotted path/),
      expect.stringMatching(/^17: expect\[4\]\.between: expected \[lo, hi\] with lo <= hi/),
      expect.stringMatching(/^18: expect\[5\]\.within\.tolerance: expected a number >= 0/),
      expect.stringMatching(/^19: expect\[6\]\.less_than: unknown key 'less_than'/),
    ]);
  });
});
