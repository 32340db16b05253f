import { fieldName, formatError, MAX_PROBLEMS, parseSource, type ScenarioError, type SourceDocument } from '../scenario/parse.js';
import { parseOverride } from '../scenario/overrides.js';
import { SEED_MAX, seedSpec } from '../scenario/bounds.js';
import { isSecretPath, redacted } from '../scenario/secrets.js';
import { def, either, INVALID, list, map, num, obj, opt, recordOf, req, str, type Issue, type Path, type Spec } from '../scenario/spec.js';

/** One dimension of a sweep's matrix: a scenario path and the values it takes, in file order. */
export interface Dimension {
  /** Dotted scenario path, as `--set` takes it (`scheduler.policy`, `hosts.0.vcpus`). */
  readonly path: string;
  readonly values: readonly unknown[];
}

/**
 * A sweep file, resolved: the definition every shard of one sweep shares.
 * It is written to `<out>/sweep.json`, and `novasim merge` rebuilds the
 * run plan from it, so it holds no machine-specific path.
 */
export interface Sweep {
  readonly name: string;
  /** The scenario file, relative to the sweep file, as written there. */
  readonly scenario: string;
  /** Dimensions in file order; the first varies slowest in the run order. */
  readonly matrix: readonly Dimension[];
  /** Seeds in order, each a whole number >= 0, no repeats. */
  readonly seeds: readonly number[];
  /** Dotted paths into summary.json to tabulate. */
  readonly metrics: readonly string[];
}

/** Any YAML value: a matrix cell is handed to the scenario validator as a `--set` value would be. */
const anyValue: Spec<unknown> = {
  expected: 'a value',
  parse: (v) => v,
  jsonSchema: () => ({}),
};

const seedNumber = seedSpec;

/** Runs a sweep may plan (matrix points x seeds) unless its `max_runs` says more: a typo such as `count: 1e9` is refused, not expanded. */
export const MAX_SWEEP_RUNS = 10_000;

const seedsSpec: Spec<number[]> = either('a list of seeds, or { from, count }', [
  { accepts: Array.isArray, spec: list(seedNumber, { min: 1 }) },
  {
    accepts: (v) => typeof v === 'object' && v !== null,
    spec: map(obj({ from: req(seedNumber), count: req(num({ min: 1, max: 1_000_000, integer: true })) }), ({ from, count }) =>
      Array.from({ length: count }, (_, i) => from + i),
    ),
  },
]);

/** The fields a sweep file and a sweep folder's sweep.json share. */
const common = {
  name: req(str({ pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*$/, description: 'a name of letters, digits, dots, dashes and underscores, starting with a letter or digit', maxLength: 100 })),
  scenario: req(str({ description: 'the scenario file, relative to the sweep file', maxLength: 4096 })),
  metrics: req(list(str({ description: 'a dotted path into summary.json' }), { min: 1 })),
};

const sweepSpec = obj({
  name: common.name,
  scenario: common.scenario,
  matrix: opt(recordOf(list(anyValue, { min: 1 }))),
  seeds: req(seedsSpec),
  metrics: common.metrics,
  max_runs: def(num({ min: 1, integer: true }), MAX_SWEEP_RUNS, `most runs (matrix points x seeds) the sweep may plan (default ${MAX_SWEEP_RUNS.toLocaleString('en-US')})`),
});

type LoadedSweep = { ok: true; sweep: Sweep } | { ok: false; errors: ScenarioError[]; omitted: number };

/** Parses and checks a sweep file; every problem comes back located (file:line:column), the first MAX_PROBLEMS of them. */
export function loadSweep(file: string, text: string): LoadedSweep {
  const source = parseSource(file, text);
  if (Array.isArray(source)) return { ok: false, errors: source, omitted: 0 };
  const issues: Issue[] = [];
  const parsed = sweepSpec.parse(source.value ?? {}, [], issues);
  if (parsed !== INVALID) issues.push(...crossCheck(parsed.matrix ?? {}, parsed.seeds, parsed.metrics, parsed.max_runs));
  if (parsed === INVALID || issues.length > 0) return located(source, issues);
  const matrix = Object.entries(parsed.matrix ?? {}).map(([path, values]) => ({ path, values }));
  return { ok: true, sweep: { name: parsed.name, scenario: parsed.scenario, matrix, seeds: parsed.seeds, metrics: parsed.metrics } };
}

/** `sweep.json` as a sweep folder holds it: the resolved Sweep, checked as strictly as a sweep file. */
const definitionSpec = obj({
  ...common,
  matrix: req(list(obj({ path: req(str({ maxLength: 1000 })), values: req(list(anyValue, { min: 1 })) }))),
  seeds: req(list(seedNumber, { min: 1 })),
});

/** Reads a sweep folder's `sweep.json`, so a damaged or foreign one is refused before anything is written. */
export function loadSweepDefinition(file: string, text: string): LoadedSweep {
  const source = parseSource(file, text);
  if (Array.isArray(source)) return { ok: false, errors: source, omitted: 0 };
  const issues: Issue[] = [];
  const parsed = definitionSpec.parse(source.value ?? {}, [], issues);
  if (parsed === INVALID) return located(source, issues);
  const matrix = Object.fromEntries(parsed.matrix.map((d) => [d.path, d.values]));
  issues.push(...crossCheck(matrix, parsed.seeds, parsed.metrics, Number.POSITIVE_INFINITY));
  if (Object.keys(matrix).length !== parsed.matrix.length) issues.push({ path: ['matrix'], message: 'a path appears twice' });
  if (issues.length > 0) return located(source, issues);
  return { ok: true, sweep: parsed };
}

function located(source: SourceDocument, issues: readonly Issue[]): LoadedSweep {
  const shown = issues.slice(0, MAX_PROBLEMS);
  return {
    ok: false,
    errors: shown.map((i) => ({ file: source.file, ...source.locate(i.path, i.atKey), field: fieldName(i.path), message: i.message })),
    omitted: issues.length - shown.length,
  };
}

/** Problems the field specs cannot see: bad paths, the seed in the matrix, repeated values. */
function crossCheck(matrix: Record<string, unknown[]>, seeds: readonly number[], metrics: readonly string[], maxRuns: number): Issue[] {
  const issues: Issue[] = [];
  const runs = Object.values(matrix).reduce((n, values) => n * values.length, seeds.length);
  if (runs > maxRuns)
    issues.push({ path: ['seeds'], message: `the matrix and seeds plan ${runs.toLocaleString('en-US')} runs, over max_runs (${maxRuns.toLocaleString('en-US')}); raise max_runs in the sweep file if that is meant` });
  const last = seeds[seeds.length - 1];
  if (last !== undefined && last > SEED_MAX) issues.push({ path: ['seeds'], message: `seeds run past ${SEED_MAX} (2^53 - 1)` });
  for (const [path, values] of Object.entries(matrix)) {
    const at: Path = ['matrix', path];
    const o = parseOverride(`${path}=x`);
    if (path.includes('=')) issues.push({ path: at, atKey: true, message: "not a scenario path: it holds '='" });
    else if (typeof o === 'string') issues.push({ path: at, atKey: true, message: `not a scenario path: ${o.replace(`--set ${path}=x: `, '')}` });
    else if (path === 'seed') issues.push({ path: at, atKey: true, message: "the seed is not a matrix dimension; list the seeds under 'seeds'" });
    const secret = isSecretPath(path);
    repeats(values.map(valueText), (t, i) => issues.push({ path: [...at, i], message: `the value ${secret ? redacted(i) : t} appears twice` }));
  }
  repeats(seeds, (s, i) => issues.push({ path: ['seeds', i], message: `the seed ${s} appears twice` }));
  repeats(metrics, (m, i) => issues.push({ path: ['metrics', i], message: `the metric ${m} appears twice` }));
  return issues;
}

/** Calls `found` for each value seen before in the list (in one pass: lists of seeds can be long). */
function repeats<T>(values: readonly T[], found: (value: T, index: number) => void): void {
  const seen = new Set<T>();
  values.forEach((v, i) => {
    if (seen.has(v)) found(v, i);
    seen.add(v);
  });
}

/** How a matrix value is written: strings bare, the rest as JSON. */
export const valueText = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value ?? null));

/**
 * How the i-th value of a dimension is shown in run ids, `--set` texts,
 * sweep.json and the tables: as written, or, for a secret field (an admin
 * password), by its place in the list.
 */
export const shownValue = (dimension: Dimension, index: number): string =>
  isSecretPath(dimension.path) ? redacted(index) : valueText(dimension.values[index]);

/** The sweep as its folder's sweep.json keeps it: secret values replaced by their places. */
export const shownSweep = (sweep: Sweep): Sweep => ({
  ...sweep,
  matrix: sweep.matrix.map((d) => (isSecretPath(d.path) ? { path: d.path, values: d.values.map((_, i) => redacted(i)) } : d)),
});

export { formatError };
