/**
 * A small validation kit: each Spec checks a value, converts it, and reports
 * issues with the path where they occur; each can also describe itself as
 * JSON Schema, so the editor schema and the validator share one definition.
 */
export type Path = readonly (string | number)[];

export interface Issue {
  readonly path: Path;
  readonly message: string;
  /** The issue is about the key itself (an unknown key), not its value. */
  readonly atKey?: boolean;
}

export const INVALID: unique symbol = Symbol('invalid');
export type Parsed<T> = T | typeof INVALID;

export interface Spec<T> {
  /** What a valid value looks like, in words, for messages. */
  readonly expected: string;
  parse(value: unknown, path: Path, issues: Issue[]): Parsed<T>;
  jsonSchema(): Record<string, unknown>;
}

/** Longest quote of a value in a message: a huge string is named, not echoed back. */
const QUOTE_MAX = 60;

const show = (value: unknown): string => {
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'string') {
    const quoted = JSON.stringify(value.length > QUOTE_MAX ? value.slice(0, QUOTE_MAX) : value);
    return value.length > QUOTE_MAX ? `${quoted.slice(0, -1)}..." (${value.length} characters)` : quoted;
  }
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
};

function fail(issues: Issue[], path: Path, expected: string, value: unknown): typeof INVALID {
  issues.push({ path, message: `expected ${expected}, got ${show(value)}` });
  return INVALID;
}

export function str(options: { pattern?: RegExp; description?: string; maxLength?: number } = {}): Spec<string> {
  const { pattern, maxLength = 255 } = options;
  const expected = options.description ?? 'a text';
  return {
    expected,
    parse(v, path, issues) {
      if (typeof v !== 'string' || v.length === 0 || (pattern && !pattern.test(v))) return fail(issues, path, expected, v);
      if (v.length > maxLength) return fail(issues, path, `${expected} of at most ${maxLength} characters`, v);
      return v;
    },
    jsonSchema: () => ({ type: 'string', minLength: 1, maxLength, ...(pattern ? { pattern: pattern.source } : {}) }),
  };
}

export function num(options: { min?: number; max?: number; integer?: boolean; exclusiveMin?: boolean } = {}): Spec<number> {
  const { min, max, integer = false, exclusiveMin = false } = options;
  const parts = [integer ? 'a whole number' : 'a number'];
  if (min !== undefined) parts.push(exclusiveMin ? `> ${min}` : `>= ${min}`);
  if (max !== undefined) parts.push(`<= ${max}`);
  const expected = parts.join(' ');
  return {
    expected,
    parse(v, path, issues) {
      if (typeof v !== 'number' || !Number.isFinite(v)) return fail(issues, path, expected, v);
      if (integer && !Number.isInteger(v)) return fail(issues, path, expected, v);
      if (min !== undefined && (exclusiveMin ? v <= min : v < min)) return fail(issues, path, expected, v);
      if (max !== undefined && v > max) return fail(issues, path, expected, v);
      return v;
    },
    jsonSchema: () => ({
      type: integer ? 'integer' : 'number',
      ...(min !== undefined ? (exclusiveMin ? { exclusiveMinimum: min } : { minimum: min }) : {}),
      ...(max !== undefined ? { maximum: max } : {}),
    }),
  };
}

export function bool(): Spec<boolean> {
  return {
    expected: 'true or false',
    parse: (v, path, issues) => (typeof v === 'boolean' ? v : fail(issues, path, 'true or false', v)),
    jsonSchema: () => ({ type: 'boolean' }),
  };
}

export function oneOf<T extends string>(values: readonly T[]): Spec<T> {
  const expected = `one of ${values.join(', ')}`;
  return {
    expected,
    parse: (v, path, issues) => ((values as readonly unknown[]).includes(v) ? (v as T) : fail(issues, path, expected, v)),
    jsonSchema: () => ({ enum: [...values] }),
  };
}

const UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };
const DURATION = /^(\d+(?:\.\d+)?)\s*(s|m|h|d|w)$/;

/** The longest span of simulated time any duration may give: a century (see bounds.ts). */
export const CENTURY_SECONDS = 100 * 365.25 * 86_400;

/** Seconds, given as a number or as `90s`, `5m`, `2h`, `3d`, `1w`; at most a century unless `max` says otherwise. */
export function duration(options: { min?: number; max?: number; allowNegativeOne?: boolean } = {}): Spec<number> {
  const min = options.min ?? 0;
  const max = options.max ?? CENTURY_SECONDS;
  const expected = `a duration >= ${min} such as 90, 90s, 5m, 2h, 3d or 1w${options.allowNegativeOne ? ' (or -1)' : ''}`;
  const longest = max === CENTURY_SECONDS ? 'a century' : `${max} s`;
  return {
    expected,
    parse(v, path, issues) {
      if (options.allowNegativeOne && v === -1) return -1;
      let seconds: number | undefined;
      if (typeof v === 'number' && Number.isFinite(v)) seconds = v;
      else if (typeof v === 'string') {
        const m = DURATION.exec(v.trim());
        if (m) seconds = Number(m[1]) * UNIT_SECONDS[m[2]!]!;
      }
      if (seconds === undefined || seconds < min) return fail(issues, path, expected, v);
      return seconds <= max ? seconds : fail(issues, path, `a duration of at most ${longest} (${max} s)`, v);
    },
    jsonSchema: () => ({
      anyOf: [
        { type: 'number', minimum: options.allowNegativeOne ? -1 : min, maximum: max },
        { type: 'string', pattern: DURATION.source },
      ],
    }),
  };
}

const RATE = /^(\d+(?:\.\d+)?)\s*\/\s*(s|m|h|d|w)$/;

/** Events per second, given as `10/h`, `240/d`, `0.5/m`. */
export function rate(): Spec<number> {
  const expected = 'a rate such as 10/h, 240/d or 0.5/m';
  return {
    expected,
    parse(v, path, issues) {
      const m = typeof v === 'string' ? RATE.exec(v.trim()) : null;
      return m ? Number(m[1]) / UNIT_SECONDS[m[2]!]! : fail(issues, path, expected, v);
    },
    jsonSchema: () => ({ type: 'string', pattern: RATE.source }),
  };
}

export function list<T>(item: Spec<T>, options: { min?: number; length?: number } = {}): Spec<T[]> {
  const expected =
    options.length !== undefined ? `a list of exactly ${options.length} (${item.expected})` : `a list of ${item.expected}`;
  return {
    expected,
    parse(v, path, issues) {
      if (!Array.isArray(v)) return fail(issues, path, expected, v);
      if (options.length !== undefined && v.length !== options.length) return fail(issues, path, expected, `a list of ${v.length}`);
      if (options.min !== undefined && v.length < options.min) {
        issues.push({ path, message: `expected at least ${options.min} item(s)` });
        return INVALID;
      }
      const out: T[] = [];
      let ok = true;
      v.forEach((x, i) => {
        const r = item.parse(x, [...path, i], issues);
        if (r === INVALID) ok = false;
        else out.push(r);
      });
      return ok ? out : INVALID;
    },
    jsonSchema: () => ({
      type: 'array',
      items: item.jsonSchema(),
      ...(options.min !== undefined ? { minItems: options.min } : {}),
      ...(options.length !== undefined ? { minItems: options.length, maxItems: options.length } : {}),
    }),
  };
}

/** A field of an object spec; `optional` fields may be absent (then `undefined` or the default). */
export interface Field<T> {
  readonly spec: Spec<T>;
  readonly required: boolean;
  readonly default?: T;
  readonly description?: string;
}

export const req = <T>(spec: Spec<T>, description?: string): Field<T> => ({ spec, required: true, ...(description ? { description } : {}) });
export const opt = <T>(spec: Spec<T>, description?: string): Field<T | undefined> => ({ spec, required: false, ...(description ? { description } : {}) });
export const def = <T>(spec: Spec<T>, value: T, description?: string): Field<T> => ({ spec, required: false, default: value, ...(description ? { description } : {}) });

type Shape = Record<string, Field<unknown>>;
export type ObjectOf<S extends Shape> = { [K in keyof S]: S[K] extends Field<infer T> ? T : never };

/** A mapping with known keys; an unknown key is an error, not ignored. */
export function obj<S extends Shape>(shape: S, what = 'a mapping'): Spec<ObjectOf<S>> {
  const keys = Object.keys(shape);
  return {
    expected: what,
    parse(v, path, issues) {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(issues, path, what, v);
      const input = v as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      let ok = true;
      for (const key of Object.keys(input)) {
        if (!(key in shape)) {
          issues.push({ path: [...path, key], message: `unknown key '${key}'; expected one of ${keys.join(', ')}`, atKey: true });
          ok = false;
        }
      }
      for (const key of keys) {
        const field = shape[key]!;
        if (input[key] === undefined || input[key] === null) {
          if (field.required) {
            issues.push({ path: [...path, key], message: `missing required field '${key}' (${field.spec.expected})` });
            ok = false;
          } else if (field.default !== undefined) out[key] = field.default;
          continue;
        }
        const r = field.spec.parse(input[key], [...path, key], issues);
        if (r === INVALID) ok = false;
        else out[key] = r;
      }
      return ok ? (out as ObjectOf<S>) : INVALID;
    },
    jsonSchema: () => ({
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(
        keys.map((k) => [k, { ...shape[k]!.spec.jsonSchema(), ...(shape[k]!.description ? { description: shape[k]!.description } : {}) }]),
      ),
      required: keys.filter((k) => shape[k]!.required),
    }),
  };
}

/** A mapping from free keys (names) to values of one spec. */
export function recordOf<T>(value: Spec<T>, keys?: readonly string[]): Spec<Record<string, T>> {
  const expected = keys ? `a mapping with keys among ${keys.join(', ')}` : `a mapping of names to ${value.expected}`;
  return {
    expected,
    parse(v, path, issues) {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(issues, path, expected, v);
      const out: Record<string, T> = {};
      let ok = true;
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        if (keys && !keys.includes(k)) {
          issues.push({ path: [...path, k], message: `unknown key '${k}'; expected one of ${keys.join(', ')}`, atKey: true });
          ok = false;
          continue;
        }
        const r = value.parse(x, [...path, k], issues);
        if (r === INVALID) ok = false;
        else out[k] = r;
      }
      return ok ? out : INVALID;
    },
    jsonSchema: () => ({
      type: 'object',
      additionalProperties: keys ? false : value.jsonSchema(),
      ...(keys ? { properties: Object.fromEntries(keys.map((k) => [k, value.jsonSchema()])) } : {}),
    }),
  };
}

/** One of several specs chosen by how the value looks (first whose `accepts` matches). */
export function either<T>(expected: string, branches: readonly { accepts: (v: unknown) => boolean; spec: Spec<T> }[]): Spec<T> {
  return {
    expected,
    parse(v, path, issues) {
      const branch = branches.find((b) => b.accepts(v));
      return branch ? branch.spec.parse(v, path, issues) : fail(issues, path, expected, v);
    },
    jsonSchema: () => ({ anyOf: branches.map((b) => b.spec.jsonSchema()) }),
  };
}

/** Converts a parsed value (e.g. a distribution's fields into a Distribution). */
export function map<A, B>(spec: Spec<A>, f: (a: A) => B): Spec<B> {
  return {
    expected: spec.expected,
    parse(v, path, issues) {
      const r = spec.parse(v, path, issues);
      return r === INVALID ? INVALID : f(r);
    },
    jsonSchema: () => spec.jsonSchema(),
  };
}

/** Mappings tagged by a key (e.g. `dist: exponential`): the tag picks the shape. */
export function tagged<T>(tag: string, shapes: Readonly<Record<string, Spec<T>>>): Spec<T> {
  const names = Object.keys(shapes);
  const expected = `a mapping with '${tag}' one of ${names.join(', ')}`;
  return {
    expected,
    parse(v, path, issues) {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(issues, path, expected, v);
      const kind = (v as Record<string, unknown>)[tag];
      const shape = typeof kind === 'string' ? shapes[kind] : undefined;
      if (shape === undefined) return fail(issues, [...path, tag], `one of ${names.join(', ')}`, kind);
      return shape.parse(v, path, issues);
    },
    jsonSchema: () => ({ anyOf: names.map((n) => shapes[n]!.jsonSchema()) }),
  };
}

/** The value of a `union`: for each tag value, the tag and that branch's fields. */
export type UnionOf<Tag extends string, B extends Readonly<Record<string, Shape>>> = {
  [K in keyof B & string]: { readonly [T in Tag]: K } & ObjectOf<B[K]>;
}[keyof B & string];

/**
 * Mappings discriminated by a key (`action: resize`, `process: poisson`):
 * each value of the key has its own fields. Issues speak the file's
 * language: a field of another branch "does not apply" to this one, a
 * missing required field is one this branch "needs". The JSON Schema has
 * one branch per value, each with its own required fields.
 */
export function union<Tag extends string, B extends Readonly<Record<string, Shape>>>(tag: Tag, branches: B, what = 'a mapping'): Spec<UnionOf<Tag, B>> {
  const names = Object.keys(branches);
  const expected = `${what} with '${tag}' one of ${names.join(', ')}`;
  const anyBranchKeys = new Set(names.flatMap((name) => Object.keys(branches[name]!)));
  // Each branch's values are parsed by obj with every field optional: the union itself says what is missing.
  const lenient = new Map(
    names.map((name) => {
      const shape = branches[name]!;
      const spec = obj(Object.fromEntries(Object.entries(shape).map(([k, f]) => [k, { ...f, required: false }])));
      // The required keys, listed once: a timeline has a hundred thousand entries to check.
      return [name, { shape, spec, required: Object.keys(shape).filter((k) => shape[k]!.required) }] as const;
    }),
  );
  return {
    expected,
    parse(v, path, issues) {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(issues, path, expected, v);
      const input = v as Record<string, unknown>;
      const name = input[tag];
      if (name === undefined || name === null) {
        issues.push({ path: [...path, tag], message: `missing required field '${tag}' (one of ${names.join(', ')})` });
        return INVALID;
      }
      const branch = typeof name === 'string' ? lenient.get(name) : undefined;
      if (branch === undefined) return fail(issues, [...path, tag], `one of ${names.join(', ')}`, name);
      const own: Record<string, unknown> = {};
      let ok = true;
      for (const key of Object.keys(input)) {
        if (key === tag) continue;
        if (key in branch.shape) own[key] = input[key];
        else if (anyBranchKeys.has(key)) issues.push({ path: [...path, key], message: `'${key}' does not apply to ${String(name)}` });
        else issues.push({ path: [...path, key], message: `unknown key '${key}'; expected one of ${[tag, ...Object.keys(branch.shape)].join(', ')}`, atKey: true });
        ok &&= key in branch.shape;
      }
      for (const key of branch.required) {
        if (own[key] === undefined || own[key] === null) {
          issues.push({ path, message: `${String(name)} needs '${key}'` });
          ok = false;
        }
      }
      const fields = branch.spec.parse(own, path, issues);
      return ok && fields !== INVALID ? ({ [tag]: name, ...fields } as UnionOf<Tag, B>) : INVALID;
    },
    jsonSchema: () => ({
      oneOf: names.map((name) => {
        const { properties, required, ...rest } = obj(branches[name]!).jsonSchema() as { properties: object; required: string[] };
        return { ...rest, properties: { [tag]: { const: name }, ...properties }, required: [tag, ...required] };
      }),
    }),
  };
}
