/**
 * Reads a dotted metric path (`placements.failed`, `headroom.m1.large`) from
 * a parsed summary.json. Keys may hold dots themselves (flavor names do), so
 * at each level the longest run of parts that names a key wins.
 */
export function metricValue(summary: unknown, path: string): { kind: 'number'; value: number } | { kind: 'missing' | 'not_a_number' } {
  const found = walk(summary, path.split('.'));
  if (found === undefined || found === null) return { kind: 'missing' };
  if (typeof found === 'number' && Number.isFinite(found)) return { kind: 'number', value: found };
  if (typeof found === 'boolean') return { kind: 'number', value: found ? 1 : 0 };
  return { kind: 'not_a_number' };
}

function walk(node: unknown, parts: readonly string[]): unknown {
  if (parts.length === 0) return node;
  if (typeof node !== 'object' || node === null) return undefined;
  for (let k = parts.length; k >= 1; k--) {
    const key = parts.slice(0, k).join('.');
    if (Object.hasOwn(node, key)) {
      const found = walk((node as Record<string, unknown>)[key], parts.slice(k));
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
