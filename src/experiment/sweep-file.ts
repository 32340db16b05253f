import { fieldName, formatError, parseSource, type ScenarioError } from '../scenario/parse.js';
import { parseOverride } from '../scenario/overrides.js';
import { either, INVALID, list, map, num, obj, opt, recordOf, req, str, type Issue, type Path, type Spec } from '../scenario/spec.js';

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

const seedNumber = num({ min: 0, integer: true });

const seedsSpec: Spec<number[]> = either('a list of seeds, or { from, count }', [
  { accepts: Array.isArray, spec: list(seedNumber, { min: 1 }) },
  {
    accepts: (v) => typeof v === 'object' && v !== null,
    spec: map(obj({ from: req(seedNumber), count: req(num({ min: 1, integer: true })) }), ({ from, count }) =>
      Array.from({ length: count }, (_, i) => from + i),
    ),
  },
]);

const sweepSpec = obj({
  name: req(str({ pattern: /^[A-Za-z0-9._-]+$/, description: 'a name of letters, digits, dots, dashes and underscores' })),
  scenario: req(str({ description: 'the scenario file, relative to the sweep file' })),
  matrix: opt(recordOf(list(anyValue, { min: 1 }))),
  seeds: req(seedsSpec),
  metrics: req(list(str({ description: 'a dotted path into summary.json' }), { min: 1 })),
});

/** Parses and checks a sweep file; every problem comes back located (file:line:column). */
export function loadSweep(file: string, text: string): { ok: true; sweep: Sweep } | { ok: false; errors: ScenarioError[] } {
  const source = parseSource(file, text);
  if (Array.isArray(source)) return { ok: false, errors: source };
  const issues: Issue[] = [];
  const parsed = sweepSpec.parse(source.value ?? {}, [], issues);
  if (parsed !== INVALID) issues.push(...crossCheck(parsed.matrix ?? {}, parsed.seeds, parsed.metrics));
  if (parsed === INVALID || issues.length > 0) {
    return {
      ok: false,
      errors: issues.map((i) => ({ file, ...source.locate(i.path, i.atKey), field: fieldName(i.path), message: i.message })),
    };
  }
  const matrix = Object.entries(parsed.matrix ?? {}).map(([path, values]) => ({ path, values }));
  return { ok: true, sweep: { name: parsed.name, scenario: parsed.scenario, matrix, seeds: parsed.seeds, metrics: parsed.metrics } };
}

/** Problems the field specs cannot see: bad paths, the seed in the matrix, repeated values. */
function crossCheck(matrix: Record<string, unknown[]>, seeds: readonly number[], metrics: readonly string[]): Issue[] {
  const issues: Issue[] = [];
  for (const [path, values] of Object.entries(matrix)) {
    const at: Path = ['matrix', path];
    const o = parseOverride(`${path}=x`);
    if (path.includes('=')) issues.push({ path: at, atKey: true, message: "not a scenario path: it holds '='" });
    else if (typeof o === 'string') issues.push({ path: at, atKey: true, message: `not a scenario path: ${o.replace(`--set ${path}=x: `, '')}` });
    else if (path === 'seed') issues.push({ path: at, atKey: true, message: "the seed is not a matrix dimension; list the seeds under 'seeds'" });
    const texts = values.map(valueText);
    texts.forEach((t, i) => {
      if (texts.indexOf(t) !== i) issues.push({ path: [...at, i], message: `the value ${t} appears twice` });
    });
  }
  seeds.forEach((s, i) => {
    if (seeds.indexOf(s) !== i) issues.push({ path: ['seeds', i], message: `the seed ${s} appears twice` });
  });
  metrics.forEach((m, i) => {
    if (metrics.indexOf(m) !== i) issues.push({ path: ['metrics', i], message: `the metric ${m} appears twice` });
  });
  return issues;
}

/** How a matrix value is written in run ids, tables and `--set` texts: strings bare, the rest as JSON. */
export const valueText = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value ?? null));

export { formatError };
