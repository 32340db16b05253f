/**
 * Two summary.json documents compared metric by metric: both are flattened
 * to dotted paths (list items by index), then each path is compared. Pure:
 * the CLI reads the files and prints the rows.
 */

export type Leaf = number | string | boolean | null;

export interface DiffRow {
  readonly path: string;
  /** Absent on the side that lacks the path. */
  readonly a?: Leaf;
  readonly b?: Leaf;
  /** b - a, when both are numbers. */
  readonly change?: number;
  /** (b - a) / |a| when both are numbers; null when a is 0 and b is not. */
  readonly relative?: number | null;
  /** Whether this metric moved (beyond the tolerance, for numbers). */
  readonly moved: boolean;
}

/** Every leaf of a JSON value under its dotted path; an empty mapping or list is a leaf of its own. */
export function flatten(value: unknown, prefix = ''): Map<string, Leaf> {
  const out = new Map<string, Leaf>();
  const visit = (v: unknown, path: string): void => {
    const entries: [string, unknown][] | null = Array.isArray(v)
      ? v.map((x, i) => [String(i), x])
      : typeof v === 'object' && v !== null
        ? Object.entries(v)
        : null;
    if (entries === null || entries.length === 0) {
      out.set(path, entries === null ? (v as Leaf) : (JSON.stringify(v) as Leaf));
      return;
    }
    for (const [k, x] of entries) visit(x, path === '' ? k : `${path}.${k}`);
  };
  visit(value, prefix);
  return out;
}

/**
 * Rows for every path of either side, sorted by path. A number moved when
 * its relative change exceeds `tolerance` (a change from 0 always moves);
 * any other value moved when it differs; a path on one side only moved.
 */
export function diffSummaries(a: unknown, b: unknown, tolerance = 0): DiffRow[] {
  const left = flatten(a);
  const right = flatten(b);
  const paths = [...new Set([...left.keys(), ...right.keys()])].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  return paths.map((path): DiffRow => {
    if (!left.has(path)) return { path, b: right.get(path)!, moved: true };
    if (!right.has(path)) return { path, a: left.get(path)!, moved: true };
    const x = left.get(path)!;
    const y = right.get(path)!;
    if (typeof x === 'number' && typeof y === 'number') {
      const change = y - x;
      const relative = change === 0 ? 0 : x === 0 ? null : change / Math.abs(x);
      const moved = change !== 0 && (relative === null || Math.abs(relative) > tolerance);
      return { path, a: x, b: y, change, relative, moved };
    }
    return { path, a: x, b: y, moved: x !== y };
  });
}
