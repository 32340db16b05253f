/**
 * Nova's extra_specs_ops.match: compares one aggregate metadata value with a
 * flavor extra spec that may start with an operator word. `=` means "at
 * least" (a numeric >=, as in Nova), `s==` and friends compare strings,
 * `<in>` is a substring test, `<or>` lists alternatives. A spec whose first
 * word is no operator must equal the value exactly.
 */
const NUMERIC: Readonly<Record<string, (x: number, y: number) => boolean>> = {
  '=': (x, y) => x >= y,
  '==': (x, y) => x === y,
  '!=': (x, y) => x !== y,
  '>=': (x, y) => x >= y,
  '<=': (x, y) => x <= y,
};
const TEXT: Readonly<Record<string, (x: string, y: string) => boolean>> = {
  's==': (x, y) => x === y,
  's!=': (x, y) => x !== y,
  's<': (x, y) => x < y,
  's<=': (x, y) => x <= y,
  's>': (x, y) => x > y,
  's>=': (x, y) => x >= y,
  '<in>': (x, y) => x.includes(y),
};

/** Python's float(): a number, or NaN for text Nova could not convert (such a spec never matches). */
const toFloat = (s: string): number => (s.trim() === '' ? Number.NaN : Number(s));

export function matchExtraSpec(value: string, spec: string): boolean {
  const words = spec.split(/\s+/).filter((w) => w !== '');
  const op = words[0];
  if (op === undefined || (op !== '<or>' && op !== '<all-in>' && !(op in NUMERIC) && !(op in TEXT))) return value === spec;
  const args = words.slice(1);
  if (op === '<or>') return args.filter((w) => w !== '<or>').includes(value);
  if (args.length === 0) return false;
  if (op === '<all-in>') return args.every((w) => value.includes(w));
  const numeric = NUMERIC[op];
  if (numeric !== undefined) return numeric(toFloat(value), toFloat(args[0]!));
  return TEXT[op]!(value, args[0]!);
}
