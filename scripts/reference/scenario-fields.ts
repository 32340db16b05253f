/**
 * docs/reference/scenario-fields.md, drawn from the JSON Schema the
 * scenario spec generates (src/scenario/json-schema.ts), so the reference
 * lists exactly the fields `novasim validate` accepts, with their types,
 * bounds and descriptions. `npm run docs` writes it; a test fails when the
 * file is stale.
 */
import { scenarioJsonSchema } from '../../src/scenario/json-schema.js';

type Schema = Readonly<Record<string, unknown>>;

const isSchema = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);
const schemas = (v: unknown): Schema[] => (Array.isArray(v) ? v.filter(isSchema) : []);
const props = (s: Schema): [string, Schema][] => (isSchema(s['properties']) ? Object.entries(s['properties']).filter((e): e is [string, Schema] => isSchema(e[1])) : []);
const alternatives = (s: Schema): Schema[] => [...schemas(s['anyOf']), ...schemas(s['oneOf'])];

// The scenario spec writes a duration and a rate as these patterns; the reference names them.
const DURATION = String.raw`^(\d+(?:\.\d+)?)\s*(s|m|h|d|w)$`;
const RATE = String.raw`^(\d+(?:\.\d+)?)\s*\/\s*(s|m|h|d|w)$`;
const NAME = '^[A-Za-z0-9][A-Za-z0-9._:@-]*$';

/** One line of the reference: a field's dotted path (`[]` for list items), its type, whether required, what it is. */
interface Row {
  readonly path: string;
  readonly type: string;
  readonly required: boolean;
  readonly description: string;
}

const code = (v: unknown): string => `\`${typeof v === 'string' ? v : JSON.stringify(v)}\``;
const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function bounds(s: Schema): string {
  const parts: string[] = [];
  if (typeof s['minimum'] === 'number') parts.push(`>= ${s['minimum']}`);
  if (typeof s['exclusiveMinimum'] === 'number') parts.push(`> ${s['exclusiveMinimum']}`);
  if (typeof s['maximum'] === 'number') parts.push(`<= ${s['maximum']}`);
  if (typeof s['exclusiveMaximum'] === 'number') parts.push(`< ${s['exclusiveMaximum']}`);
  if (typeof s['minItems'] === 'number' && s['minItems'] === s['maxItems']) parts.push(`exactly ${s['minItems']}`);
  else {
    if (typeof s['minItems'] === 'number') parts.push(`at least ${s['minItems']}`);
    if (typeof s['maxItems'] === 'number') parts.push(`at most ${s['maxItems']}`);
  }
  if (typeof s['maxLength'] === 'number') parts.push(`up to ${s['maxLength']} characters`);
  return parts.length === 0 ? '' : ` (${parts.join(', ')})`;
}

/** A schema node in words: `duration`, `integer (>= 0)`, `one of a, b`, `list of mapping`... */
export function typeText(s: Schema): string {
  if ('const' in s) return code(s['const']);
  if (Array.isArray(s['enum'])) return `one of ${s['enum'].map(code).join(', ')}`;
  const alts = alternatives(s);
  if (alts.length > 0) {
    const patterns = alts.map((a) => a['pattern']);
    if (patterns.includes(DURATION) && alts.length === 2) return `duration: seconds${bounds(alts.find((a) => a['type'] === 'number') ?? {})} or ${code('90s')}, ${code('5m')}, ${code('2h')}, ${code('3d')}, ${code('1w')}`;
    return [...new Set(alts.map(typeText))].join(', or ');
  }
  switch (s['type']) {
    case 'string':
      if (s['pattern'] === RATE) return `rate: ${code('10/h')}, ${code('240/d')}, ${code('0.5/m')}`;
      if (s['pattern'] === NAME) return `name${bounds(s)}`;
      return `string${typeof s['format'] === 'string' ? ` (${s['format']})` : ''}${typeof s['pattern'] === 'string' ? ` matching ${code(s['pattern'])}` : ''}${bounds(s)}`;
    case 'array':
      return `list${bounds(s)} of ${isSchema(s['items']) ? typeText(s['items']) : 'anything'}`;
    case 'object':
      if (props(s).length > 0) return 'mapping';
      return isSchema(s['additionalProperties']) ? `mapping of name to ${typeText(s['additionalProperties'])}` : 'mapping';
    case undefined:
      return 'any';
    default:
      return `${String(s['type'])}${bounds(s)}`;
  }
}

/** The property that tells an object's alternatives apart (`action: create`, `process: poisson`), if one does. */
function discriminator(s: Schema): string | undefined {
  for (const [key, child] of props(s)) if ('const' in child) return `${key}: ${String(child['const'])}`;
  return undefined;
}

/** Rows for a node's fields, depth first in the schema's order; alternatives of objects each under their discriminator. */
function walk(s: Schema, path: string, required: boolean, description: string, rows: Row[]): void {
  rows.push({ path, type: typeText(s), required, description: description || String(s['description'] ?? '') });
  const items = isSchema(s['items']) ? [s['items'], ...alternatives(s['items'])] : [];
  const objects = [s, ...alternatives(s), ...items].filter((o) => props(o).length > 0);
  for (const o of objects) {
    const prefix = items.includes(o) ? `${path}[]` : path;
    const variant = o === s ? undefined : discriminator(o);
    const base = variant === undefined ? prefix : `${prefix} (${variant})`;
    const needed = new Set(Array.isArray(o['required']) ? (o['required'] as string[]) : []);
    for (const [key, child] of props(o)) {
      if (variant !== undefined && `${key}: ${String(child['const'])}` === variant) continue;
      walk(child, `${base}.${key}`, needed.has(key), '', rows);
    }
  }
  if (isSchema(s['additionalProperties']) && props(s['additionalProperties']).length > 0) walk(s['additionalProperties'], `${path}.<name>`, false, '', rows);
}

/** The whole reference as Markdown: one table per top-level section, in the file's order. */
export function scenarioFieldsMarkdown(): string {
  const schema = scenarioJsonSchema() as Schema;
  const required = new Set(Array.isArray(schema['required']) ? (schema['required'] as string[]) : []);
  const lines = [
    '# Scenario file: every field',
    '',
    '<!-- Generated by `npm run docs` from the scenario spec (src/scenario/), as schema/scenario.schema.json is. Do not edit: a test fails when it is stale. -->',
    '',
    `${String(schema['description'] ?? '')} [The scenario file](../scenario-file.md) explains the sections with examples; this page lists every field.`,
    'A path reads as YAML nesting: `hosts[].name` is the `name` of each entry of the `hosts` list; `(action: create)` marks the fields of one kind of entry.',
    '',
    '| section | required |',
    '|---|---|',
    ...props(schema).map(([key]) => `| [\`${key}\`](#${key}) | ${required.has(key) ? 'yes' : ''} |`),
    '',
  ];
  for (const [key, child] of props(schema)) {
    const rows: Row[] = [];
    walk(child, key, required.has(key), '', rows);
    lines.push(`## ${key}`, '', '| field | type | required | description |', '|---|---|---|---|');
    for (const r of rows) lines.push(`| \`${cell(r.path)}\` | ${cell(r.type)} | ${r.required ? 'yes' : ''} | ${cell(r.description)} |`);
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
