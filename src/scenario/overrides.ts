import { parse as parseYamlScalar } from 'yaml';

/** One `--set path=value` from the command line. */
export interface Override {
  readonly path: (string | number)[];
  readonly value: unknown;
  readonly text: string;
}

/** Parses `hosts.0.vcpus=64` or `config.resize_confirm_window=1h`; the value is read as YAML. */
export function parseOverride(text: string): Override | string {
  const eq = text.indexOf('=');
  if (eq <= 0) return `--set ${text}: expected path=value, e.g. config.resize_confirm_window=1h`;
  const path = text
    .slice(0, eq)
    .split('.')
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  if (path.some((p) => p === '')) return `--set ${text}: the path has an empty part`;
  try {
    return { path, value: parseYamlScalar(text.slice(eq + 1)) as unknown, text };
  } catch (e) {
    const first = (e instanceof Error ? e.message : String(e)).split('\n')[0];
    return `--set ${text}: the value is not valid YAML (${first})`;
  }
}

/** Applies overrides to a parsed document, creating mappings on the way as needed. */
export function applyOverrides(document: unknown, overrides: readonly Override[]): unknown {
  const root = structuredClone(document) as Record<string | number, unknown>;
  for (const { path, value } of overrides) {
    let node: Record<string | number, unknown> = root;
    path.forEach((key, i) => {
      if (i === path.length - 1) {
        node[key] = value;
        return;
      }
      const next = node[key];
      if (typeof next !== 'object' || next === null) node[key] = typeof path[i + 1] === 'number' ? [] : {};
      node = node[key] as Record<string | number, unknown>;
    });
  }
  return root;
}
