/**
 * A scenario's `expect:` list: checks on summary.json after the run. The
 * spec here validates them at load time; `evaluateExpectations` is pure and
 * judges them against a parsed summary.json, so the CLI and the library
 * report the same verdicts.
 */
import { INVALID, list, num, obj, opt, req, str, type Issue, type Spec } from './spec.js';

/** One comparison; bounds are inclusive. */
export type Comparison =
  | { readonly kind: 'equals'; readonly value: number }
  | { readonly kind: 'at_most'; readonly value: number }
  | { readonly kind: 'at_least'; readonly value: number }
  | { readonly kind: 'between'; readonly lo: number; readonly hi: number }
  | { readonly kind: 'within'; readonly value: number; readonly tolerance: number };

export interface Expectation {
  /** A dotted path into summary.json, e.g. placements.failed or headroom.m1.large. */
  readonly metric: string;
  readonly comparison: Comparison;
}

export interface Verdict {
  readonly metric: string;
  /** The comparison in words, e.g. `<= 5` or `100 ± 10%`. */
  readonly expected: string;
  /** The value found in summary.json; undefined when the path is not there. */
  readonly actual: unknown;
  readonly held: boolean;
  /** Why it failed when the actual value could not be compared (missing path, not a number). */
  readonly reason?: string;
}

export interface ExpectationReport {
  readonly held: number;
  readonly failed: number;
  readonly verdicts: readonly Verdict[];
}

export const COMPARISONS = ['equals', 'at_most', 'at_least', 'between', 'within'] as const;
const METRIC_PATH = /^[^.\s]+(\.[^.\s]+)*$/;

const fields = obj({
  metric: req(
    str({ pattern: METRIC_PATH, description: 'a dotted path into summary.json such as placements.failed or headroom.m1.large' }),
    'a dotted path into summary.json (keys with dots, like flavor names, are matched longest first)',
  ),
  equals: opt(num(), 'the metric is exactly this number'),
  at_most: opt(num(), 'the metric is <= this number'),
  at_least: opt(num(), 'the metric is >= this number'),
  between: opt(list(num(), { length: 2 }), '[lo, hi]: lo <= metric <= hi'),
  within: opt(
    obj({ value: req(num()), tolerance: req(num({ min: 0 }), 'relative: |metric - value| <= tolerance x |value|') }),
    '{ value, tolerance }: within a relative tolerance of value',
  ),
});

/** One `expect:` entry: a metric and exactly one comparison. */
const expectationSpec: Spec<Expectation> = {
  expected: `a mapping with metric and one of ${COMPARISONS.join(', ')}`,
  parse(v, path, issues: Issue[]) {
    const parsed = fields.parse(v, path, issues);
    if (parsed === INVALID) return INVALID;
    const given = COMPARISONS.filter((c) => parsed[c] !== undefined);
    if (given.length !== 1) {
      const message =
        given.length === 0
          ? `expected one comparison: ${COMPARISONS.join(', ')}`
          : `expected exactly one comparison, got ${given.join(' and ')}`;
      issues.push({ path, message });
      return INVALID;
    }
    const { metric, equals, at_most, at_least, between, within } = parsed;
    if (between !== undefined) {
      const [lo, hi] = between as [number, number];
      if (lo > hi) {
        issues.push({ path: [...path, 'between'], message: `expected [lo, hi] with lo <= hi, got [${lo}, ${hi}]` });
        return INVALID;
      }
      return { metric, comparison: { kind: 'between', lo, hi } };
    }
    if (within !== undefined) return { metric, comparison: { kind: 'within', ...within } };
    if (equals !== undefined) return { metric, comparison: { kind: 'equals', value: equals } };
    if (at_most !== undefined) return { metric, comparison: { kind: 'at_most', value: at_most } };
    return { metric, comparison: { kind: 'at_least', value: at_least! } };
  },
  jsonSchema: () => ({ ...fields.jsonSchema(), oneOf: COMPARISONS.map((c) => ({ required: [c] })) }),
};

export const expectationsSpec: Spec<Expectation[]> = list(expectationSpec);

export type Resolved = { readonly found: true; readonly value: unknown } | { readonly found: false; readonly reason: string };

/**
 * Follows a dotted path through nested mappings. Keys may contain dots
 * (flavor m1.large): at each level the longest run of segments that is a key
 * is tried first, then shorter ones, so `headroom.m1.large` finds the key
 * `m1.large` under `headroom`. A whole-number segment indexes a list.
 */
export function resolveMetric(root: unknown, metric: string): Resolved {
  const segments = metric.split('.');
  const walk = (node: unknown, from: number): Resolved => {
    if (from === segments.length) return { found: true, value: node };
    const here = segments.slice(0, from).join('.') || 'summary.json';
    if (Array.isArray(node)) {
      const index = Number(segments[from]);
      if (!Number.isInteger(index) || index < 0 || index >= node.length)
        return { found: false, reason: `'${here}' is a list of ${node.length}; no item '${segments[from]}'` };
      return walk(node[index], from + 1);
    }
    if (typeof node !== 'object' || node === null)
      return { found: false, reason: `'${here}' is ${node === null ? 'null' : `the ${typeof node} ${JSON.stringify(node)}`}, not a mapping` };
    const keys = node as Record<string, unknown>;
    let first: Resolved | undefined;
    for (let to = segments.length; to > from; to--) {
      const key = segments.slice(from, to).join('.');
      if (!Object.hasOwn(keys, key)) continue;
      const r = walk(keys[key], to);
      if (r.found) return r;
      first ??= r;
    }
    return first ?? { found: false, reason: `no key '${segments[from]}' under '${here}'` };
  };
  return walk(root, 0);
}

/** The comparison in words, for tables. */
export function describeComparison(c: Comparison): string {
  switch (c.kind) {
    case 'equals':
      return `= ${c.value}`;
    case 'at_most':
      return `<= ${c.value}`;
    case 'at_least':
      return `>= ${c.value}`;
    case 'between':
      return `${c.lo} .. ${c.hi}`;
    case 'within':
      return `${c.value} ± ${Number((c.tolerance * 100).toPrecision(6))}%`;
  }
}

/** Floating-point slack for `within`: a bound computed as tolerance x value may be off in its last bits. */
const ROUNDING = 1e-12;

/** Whether a number meets a comparison (bounds inclusive; see docs/guides/regression-runs.md for `within` with 0). */
export function holds(actual: number, c: Comparison): boolean {
  switch (c.kind) {
    case 'equals':
      return actual === c.value;
    case 'at_most':
      return actual <= c.value;
    case 'at_least':
      return actual >= c.value;
    case 'between':
      return c.lo <= actual && actual <= c.hi;
    case 'within':
      return Math.abs(actual - c.value) <= c.tolerance * Math.abs(c.value) * (1 + ROUNDING);
  }
}

/** Judges every expectation against a parsed summary.json; a missing path or a non-number fails with a reason. */
export function evaluateExpectations(summary: unknown, expectations: readonly Expectation[]): ExpectationReport {
  const verdicts = expectations.map((e): Verdict => {
    const expected = describeComparison(e.comparison);
    const r = resolveMetric(summary, e.metric);
    if (!r.found) return { metric: e.metric, expected, actual: undefined, held: false, reason: `not in summary.json: ${r.reason}` };
    if (typeof r.value !== 'number')
      return { metric: e.metric, expected, actual: r.value, held: false, reason: `not a number: ${JSON.stringify(r.value) ?? 'nothing'}` };
    return { metric: e.metric, expected, actual: r.value, held: holds(r.value, e.comparison) };
  });
  const held = verdicts.filter((v) => v.held).length;
  return { held, failed: verdicts.length - held, verdicts };
}

/** expectations.json: the verdicts, with what was asked. */
export function expectationsText(expectations: readonly Expectation[], report: ExpectationReport): string {
  const rows = report.verdicts.map((v, i) => ({
    metric: v.metric,
    comparison: expectations[i]!.comparison,
    expected: v.expected,
    actual: v.actual ?? null,
    held: v.held,
    ...(v.reason !== undefined ? { reason: v.reason } : {}),
  }));
  return `${JSON.stringify({ held: report.held, failed: report.failed, expectations: rows }, null, 2)}\n`;
}
