import { isIP } from 'node:net';
import { pyRepr } from './py-repr.js';

/** The JSON Schema keywords Nova's request schemas use, checked in the order a schema lists them, as jsonschema does. */
export interface Schema {
  readonly type?: JsonType | readonly JsonType[];
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly patternProperties?: Readonly<Record<string, Schema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean;
  readonly minProperties?: number;
  readonly maxProperties?: number;
  readonly enum?: readonly unknown[];
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly items?: Schema;
  readonly prefixItems?: readonly Schema[];
  readonly uniqueItems?: boolean;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly format?: Format;
  readonly oneOf?: readonly Schema[];
}

type JsonType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'null';
type Format = 'uuid' | 'ipv4' | 'ipv6' | 'base64' | 'name';

/** The first problem with a value: its path (keys and indexes) and jsonschema's message; or a whole detail (a bad name). */
export interface SchemaError {
  readonly path: readonly (string | number)[];
  readonly instance: unknown;
  readonly message: string;
  readonly detail?: string;
}

/**
 * Nova's 400 text for a body its schema refuses (nova/api/validation/validators.py):
 * with a path, "Invalid input for field/attribute <last key>. Value: <repr>. <message>".
 */
export function novaDetail(error: SchemaError): string {
  if (error.detail !== undefined) return error.detail;
  const last = error.path.at(-1);
  // %(value)s is Python's str() of the value: a text bare, anything else as its repr.
  const value = typeof error.instance === 'string' ? error.instance : pyRepr(error.instance);
  return last === undefined ? error.message : `Invalid input for field/attribute ${last}. Value: ${value}. ${error.message}`;
}

/** The first error jsonschema would raise for `value`, or null when it is valid. */
export function firstError(schema: Schema, value: unknown, path: readonly (string | number)[] = []): SchemaError | null {
  const fail = (message: string): SchemaError => ({ path, instance: value, message });
  for (const keyword of Object.keys(schema) as (keyof Schema)[]) {
    const error = check(keyword, schema, value, path, fail);
    if (error !== null) return error;
  }
  return null;
}

function check(keyword: keyof Schema, s: Schema, v: unknown, path: readonly (string | number)[], fail: (m: string) => SchemaError): SchemaError | null {
  switch (keyword) {
    case 'type': {
      const types = typeof s.type === 'string' ? [s.type] : (s.type ?? []);
      return types.some((t) => isType(v, t)) ? null : fail(`${pyRepr(v)} is not of type ${types.map((t) => `'${t}'`).join(', ')}`);
    }
    case 'enum':
      return s.enum!.some((e) => e === v) ? null : fail(`${pyRepr(v)} is not one of ${pyRepr(s.enum)}`);
    case 'minLength':
      return typeof v !== 'string' || [...v].length >= s.minLength! ? null : fail(s.minLength === 1 ? `${pyRepr(v)} should be non-empty` : `${pyRepr(v)} is too short`);
    case 'maxLength':
      return typeof v !== 'string' || [...v].length <= s.maxLength! ? null : fail(s.maxLength === 0 ? `${pyRepr(v)} is expected to be empty` : `${pyRepr(v)} is too long`);
    case 'pattern':
      return typeof v !== 'string' || new RegExp(s.pattern!, 'u').test(v) ? null : fail(`${pyRepr(v)} does not match ${pyRepr(s.pattern)}`);
    case 'minimum': {
      const n = numberOf(v); // Nova's validator compares numbers written as text too
      return n === undefined || n >= s.minimum! ? null : fail(`${pyRepr(n)} is less than the minimum of ${s.minimum}`);
    }
    case 'maximum': {
      const n = numberOf(v);
      return n === undefined || n <= s.maximum! ? null : fail(`${pyRepr(n)} is greater than the maximum of ${s.maximum}`);
    }
    case 'format':
      return checkFormat(s.format!, v, path, fail);
    case 'minItems':
      return !Array.isArray(v) || v.length >= s.minItems! ? null : fail(s.minItems === 1 ? `${pyRepr(v)} should be non-empty` : `${pyRepr(v)} is too short`);
    case 'maxItems':
      return !Array.isArray(v) || v.length <= s.maxItems! ? null : fail(`${pyRepr(v)} is too long`);
    case 'items':
      if (!Array.isArray(v)) return null;
      for (let i = 0; i < v.length; i++) {
        const error = firstError(s.items!, v[i], [...path, i]);
        if (error !== null) return error;
      }
      return null;
    case 'prefixItems':
      if (!Array.isArray(v)) return null;
      for (let i = 0; i < Math.min(v.length, s.prefixItems!.length); i++) {
        const error = firstError(s.prefixItems![i]!, v[i], [...path, i]);
        if (error !== null) return error;
      }
      return null;
    case 'uniqueItems':
      return !Array.isArray(v) || !s.uniqueItems || new Set(v.map((x) => JSON.stringify(x))).size === v.length ? null : fail(`${pyRepr(v)} has non-unique elements`);
    case 'oneOf': {
      const valid = s.oneOf!.filter((branch) => firstError(branch, v, path) === null).length;
      return valid === 1 ? null : fail(valid === 0 ? `${pyRepr(v)} is not valid under any of the given schemas` : `${pyRepr(v)} is valid under each of ${s.oneOf!.map(pyRepr).join(', ')}`);
    }
    case 'properties':
      if (!isObject(v)) return null;
      for (const [key, sub] of Object.entries(s.properties!)) {
        if (!Object.hasOwn(v, key)) continue;
        const error = firstError(sub, v[key], [...path, key]);
        if (error !== null) return error;
      }
      return null;
    case 'patternProperties':
      if (!isObject(v)) return null;
      for (const [pattern, sub] of Object.entries(s.patternProperties!))
        for (const key of Object.keys(v).filter((k) => new RegExp(pattern, 'u').test(k))) {
          const error = firstError(sub, v[key], [...path, key]);
          if (error !== null) return error;
        }
      return null;
    case 'required':
      if (!isObject(v)) return null;
      for (const key of s.required!) if (!Object.hasOwn(v, key)) return fail(`${pyRepr(key)} is a required property`);
      return null;
    case 'minProperties':
      return !isObject(v) || Object.keys(v).length >= s.minProperties! ? null : fail(`${pyRepr(v)} does not have enough properties`);
    case 'maxProperties':
      return !isObject(v) || Object.keys(v).length <= s.maxProperties! ? null : fail(`${pyRepr(v)} has too many properties`);
    case 'additionalProperties':
      return isObject(v) && s.additionalProperties === false ? extraProperties(s, v, fail) : null;
  }
}

function extraProperties(s: Schema, v: Record<string, unknown>, fail: (m: string) => SchemaError): SchemaError | null {
  const patterns = Object.keys(s.patternProperties ?? {});
  const extras = Object.keys(v).filter((k) => !Object.hasOwn(s.properties ?? {}, k) && !patterns.some((p) => new RegExp(p, 'u').test(k)));
  if (extras.length === 0) return null;
  if (patterns.length > 0) {
    const verb = extras.length === 1 ? 'does' : 'do';
    return fail(`${extras.sort().map(pyRepr).join(', ')} ${verb} not match any of the regexes: ${patterns.sort().map(pyRepr).join(', ')}`);
  }
  return fail(`Additional properties are not allowed (${extras.map(pyRepr).join(', ')} ${extras.length === 1 ? 'was' : 'were'} unexpected)`);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function isType(v: unknown, t: JsonType): boolean {
  switch (t) {
    case 'string':
      return typeof v === 'string';
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'number':
      return typeof v === 'number';
    case 'boolean':
      return typeof v === 'boolean';
    case 'object':
      return isObject(v);
    case 'array':
      return Array.isArray(v);
    case 'null':
      return v === null;
  }
}

function numberOf(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) return Number(v);
  return undefined;
}

const UUID = /^\{?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\}?$/i;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/** parameter_types.valid_name_regex: printable characters, not starting or ending with whitespace. */
const PRINTABLE_NAME = /^(?![\s\p{C}])[^\p{C}]*(?<![\s\p{C}])$/u;

function checkFormat(format: Format, v: unknown, path: readonly (string | number)[], fail: (m: string) => SchemaError): SchemaError | null {
  if (typeof v !== 'string') return null; // formats constrain strings only
  const ok =
    format === 'uuid' ? UUID.test(v)
    : format === 'ipv4' ? isIP(v) === 4
    : format === 'ipv6' ? isIP(v) === 6
    : format === 'base64' ? BASE64.test(v.replace(/\s/g, ''))
    : PRINTABLE_NAME.test(v);
  if (ok) return null;
  if (format === 'name')
    return { path, instance: v, message: '', detail: "An invalid 'name' value was provided. The name must be: printable characters. Can not start or end with whitespace." };
  return fail(`${pyRepr(v)} is not a ${pyRepr(format)}`);
}
