import { parse as parseYamlScalar } from 'yaml';

/** One `--set path=value` from the command line. */
export interface Override {
  readonly path: (string | number)[];
  readonly value: unknown;
  readonly text: string;
}

/**
 * Segments that would reach an object's prototype rather than a field:
 * `--set __proto__.x=1` would otherwise set `x` on every mapping at once.
 */
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** Parses `hosts.0.vcpus=64` or `config.resize_confirm_window=1h`; the value is read as YAML. */
export function parseOverride(text: string): Override | string {
  const eq = text.indexOf('=');
  if (eq <= 0) return `--set ${text}: expected path=value, e.g. config.resize_confirm_window=1h`;
  const segments = text.slice(0, eq).split('.');
  if (segments.some((p) => p === '')) return `--set ${text}: the path has an empty part`;
  const forbidden = segments.find((p) => FORBIDDEN.has(p));
  if (forbidden !== undefined) return `--set ${text}: '${forbidden}' is not a scenario field`;
  const path = segments.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  try {
    return { path, value: parseYamlScalar(text.slice(eq + 1)) as unknown, text };
  } catch (e) {
    const first = (e instanceof Error ? e.message : String(e)).split('\n')[0];
    return `--set ${text}: the value is not valid YAML (${first})`;
  }
}

type Node = Record<string, unknown> | unknown[];

/**
 * Applies overrides to a parsed document, creating mappings (and a list's
 * next item) on the way as needed. A list index may name an item or the
 * one just past the end (to add one); anything further is a problem, as is
 * a segment that only an object's prototype has. Numbers name list items
 * only: on a mapping, `7` is the key "7".
 */
export function applyOverrides(document: unknown, overrides: readonly Override[]): { value: unknown; problems: string[] } {
  if (overrides.length === 0) return { value: document, problems: [] };
  if (typeof document !== 'object' || document === null) return { value: document, problems: ['--set: the scenario is not a mapping, so no field can be set'] };
  const root = structuredClone(document) as Node;
  const problems: string[] = [];
  for (const o of overrides) {
    const problem = applyOne(root, o);
    if (problem !== undefined) problems.push(`--set ${o.text}: ${problem}`);
  }
  return { value: root, problems };
}

function applyOne(root: Node, { path, value }: Override): string | undefined {
  let node: Node = root;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    const last = i === path.length - 1;
    if (Array.isArray(node)) {
      if (typeof segment !== 'number') return `'${segment}' names a field, but ${shownPath(path, i)} is a list (give an item number)`;
      if (segment > node.length) return `item ${segment} is beyond the end of ${shownPath(path, i)}, a list of ${node.length}`;
      if (last) {
        node[segment] = value;
        return undefined;
      }
      node = child(node, segment, path[i + 1]!);
      continue;
    }
    const key = String(segment);
    if (FORBIDDEN.has(key)) return `'${key}' is not a scenario field`;
    if (last) {
      Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true });
      return undefined;
    }
    node = child(node, key, path[i + 1]!);
  }
  return undefined;
}

/** The node under `key`, made a mapping (or, when the next segment is an item number, a list) if it is not one. */
function child(node: Node, key: string | number, next: string | number): Node {
  const holder = node as Record<string | number, unknown>;
  const existing = holder[key];
  if (typeof existing === 'object' && existing !== null) return existing as Node;
  const made: Node = typeof next === 'number' ? [] : {};
  if (Array.isArray(node)) node[key as number] = made;
  else Object.defineProperty(node, String(key), { value: made, enumerable: true, writable: true, configurable: true });
  return made;
}

const shownPath = (path: readonly (string | number)[], upTo: number): string => (upTo === 0 ? 'the scenario' : path.slice(0, upTo).join('.'));
