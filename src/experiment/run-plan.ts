import { createHash } from 'node:crypto';
import { parseOverride, type Override } from '../scenario/overrides.js';
import { shownValue, type Sweep } from './sweep-file.js';

/** One matrix point without the seed: what the statistics group runs by. */
export interface Configuration {
  /** Index in the product order (first dimension slowest). */
  readonly index: number;
  /** `path=value` parts joined by commas (`scheduler.policy=pack`); '' for an empty matrix. */
  readonly label: string;
  /** The value chosen in each dimension, in matrix order. */
  readonly values: readonly unknown[];
  /** Each value as outputs show it (a secret by its place: see shownValue). */
  readonly shown: readonly string[];
  /** The `--set` overrides that make this configuration. */
  readonly overrides: readonly Override[];
}

/** One simulation of a sweep: a configuration and a seed. */
export interface PlannedRun {
  /** Position in the run order: configurations in product order, seeds innermost. */
  readonly index: number;
  /** Stable folder name under `<out>/runs/`. */
  readonly id: string;
  readonly configuration: Configuration;
  readonly seed: number;
}

/** Every configuration of the matrix, in product order (the first dimension varies slowest). */
export function configurations(sweep: Sweep): Configuration[] {
  // Points as the index of each dimension's value, so a secret value can be shown by its place.
  let points: number[][] = [[]];
  for (const dimension of sweep.matrix) points = points.flatMap((p) => dimension.values.map((_, v) => [...p, v]));
  return points.map((point, index) => {
    const overrides = sweep.matrix.map((d, i): Override => {
      const parsed = parseOverride(`${d.path}=`) as Override; // paths were checked when the sweep was loaded
      return { path: parsed.path, value: d.values[point[i]!], text: `${d.path}=${shownValue(d, point[i]!)}` };
    });
    const shown = sweep.matrix.map((d, i) => shownValue(d, point[i]!));
    return { index, label: overrides.map((o) => o.text).join(','), values: overrides.map((o) => o.value), shown, overrides };
  });
}

/** Every run of the sweep, in its deterministic order: configurations x seeds, seeds innermost. */
export function planRuns(sweep: Sweep): PlannedRun[] {
  return configurations(sweep).flatMap((configuration) =>
    sweep.seeds.map((seed, s) => ({
      index: configuration.index * sweep.seeds.length + s,
      id: runId(configuration.label, seed),
      configuration,
      seed,
    })),
  );
}

/** Parses `I/N` (1 <= I <= N); a message when it is not one. */
export function parseShard(text: string): { index: number; count: number } | string {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) return `--shard ${text}: expected I/N with 1 <= I <= N, e.g. 2/8`;
  return { index, count };
}

/** The runs shard I of N takes: run index mod N == I - 1, so shards 1..N cover every run once. */
export const shardOf = <R extends { readonly index: number }>(runs: readonly R[], shard: { index: number; count: number }): R[] =>
  runs.filter((r) => r.index % shard.count === shard.index - 1);

const SAFE = /[^A-Za-z0-9._=,+-]/g;
const MAX_LABEL = 80;

/**
 * A folder name for a run: the readable `path=value,...,seed=N`. When the
 * configuration's text holds a character unsafe in a file name (replaced
 * by `_`), or is long, a hash of its exact text is appended, so two runs
 * never share a folder.
 */
export function runId(label: string, seed: number): string {
  const safe = label.replace(SAFE, '_');
  const config =
    safe === label && label.length <= MAX_LABEL && !label.startsWith('.')
      ? label
      : `${safe.slice(0, MAX_LABEL - 11)}-${createHash('sha256').update(label).digest('hex').slice(0, 10)}`;
  return config === '' ? `seed=${seed}` : `${config},seed=${seed}`;
}
