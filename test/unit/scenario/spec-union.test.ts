import { describe, expect, it } from 'vitest';
import { def, INVALID, num, opt, req, str, union, type Issue } from '../../../src/scenario/spec.js';

const shape = union('kind', {
  circle: { radius: req(num({ min: 0 })), label: opt(str()) },
  square: { side: req(num({ min: 0 })), rounded: def(num(), 0) },
});

function parse(value: unknown): { value: unknown; issues: Issue[] } {
  const issues: Issue[] = [];
  return { value: shape.parse(value, ['shapes', 0], issues), issues };
}

describe('union: mappings discriminated by a key', () => {
  it("gives the branch's fields with the tag, defaults filled in", () => {
    expect(parse({ kind: 'square', side: 2 })).toEqual({ value: { kind: 'square', side: 2, rounded: 0 }, issues: [] });
    expect(parse({ kind: 'circle', radius: 1 })).toEqual({ value: { kind: 'circle', radius: 1, label: undefined }, issues: [] });
  });

  it("says a field of another branch does not apply, and names an unknown key with this branch's keys", () => {
    const { value, issues } = parse({ kind: 'circle', radius: 1, side: 2, colour: 'red' });
    expect(value).toBe(INVALID);
    expect(issues).toEqual([
      { path: ['shapes', 0, 'side'], message: "'side' does not apply to circle" },
      { path: ['shapes', 0, 'colour'], message: "unknown key 'colour'; expected one of kind, radius, label", atKey: true },
    ]);
  });

  it('names a missing required field with the branch, at the entry', () => {
    expect(parse({ kind: 'square' }).issues).toEqual([{ path: ['shapes', 0], message: "square needs 'side'" }]);
  });

  it('reports a bad value at its field, and a missing or unknown tag at the tag', () => {
    expect(parse({ kind: 'square', side: -1 }).issues).toEqual([{ path: ['shapes', 0, 'side'], message: 'expected a number >= 0, got -1' }]);
    expect(parse({ side: 1 }).issues).toEqual([{ path: ['shapes', 0, 'kind'], message: "missing required field 'kind' (one of circle, square)" }]);
    expect(parse({ kind: 'triangle' }).issues).toEqual([{ path: ['shapes', 0, 'kind'], message: 'expected one of circle, square, got "triangle"' }]);
  });

  it('describes itself as one JSON Schema branch per tag value, each with its own required fields', () => {
    const schema = shape.jsonSchema() as { oneOf: { properties: Record<string, unknown>; required: string[] }[] };
    expect(schema.oneOf.map((b) => [b.properties['kind'], b.required])).toEqual([
      [{ const: 'circle' }, ['kind', 'radius']],
      [{ const: 'square' }, ['kind', 'side']],
    ]);
  });
});
