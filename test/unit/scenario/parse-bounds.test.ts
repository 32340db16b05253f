import { describe, expect, it } from 'vitest';
import { formatErrors, MAX_DEPTH, parseSource, type ScenarioError } from '../../../src/scenario/parse.js';
import { loadScenario } from '../../../src/scenario/validate.js';

const errorsOf = (text: string): ScenarioError[] => {
  const parsed = parseSource('s.yaml', text);
  return Array.isArray(parsed) ? parsed : [];
};

describe('parseSource bounds', () => {
  it(`refuses flow nesting deeper than ${MAX_DEPTH} at the bracket that goes too deep, before parsing`, () => {
    const text = `a: ${'['.repeat(100_000)}${']'.repeat(100_000)}`;

    expect(errorsOf(text)).toEqual([{ file: 's.yaml', line: 1, column: 4 + MAX_DEPTH, field: '', message: `mappings and lists nest deeper than ${MAX_DEPTH} levels` }]);
  });

  it('refuses deep block nesting at the node that goes too deep', () => {
    const text = Array.from({ length: 70 }, (_, i) => `${' '.repeat(i)}k:`).join('\n');

    expect(errorsOf(text)).toEqual([expect.objectContaining({ line: MAX_DEPTH + 1, message: expect.stringMatching(/nest deeper/) })]);
  });

  it('takes nesting up to the limit', () => {
    expect(errorsOf(`a: ${'['.repeat(MAX_DEPTH - 1)}${']'.repeat(MAX_DEPTH - 1)}`)).toEqual([]);
  });

  it('refuses an alias bomb where its aliases start', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 6; i++) lines.push(`l${i}: &l${i} [${Array(10).fill(i === 0 ? '*a' : `*l${i - 1}`).join(', ')}]`);

    expect(errorsOf(lines.join('\n'))).toEqual([expect.objectContaining({ line: 2, message: expect.stringMatching(/aliases expand to more than 1000 nodes/) })]);
  });

  it('finds a repeated key in one pass, at its second appearance', () => {
    expect(errorsOf('a: 1\nb: 2\na: 3\n')).toEqual([expect.objectContaining({ line: 3, column: 1, message: "the key 'a' appears twice in this mapping" })]);
  });

  it('keeps a parser message to its first line and a bounded length', () => {
    const [e] = errorsOf(`a: "${'x'.repeat(500)}\n`);

    expect(e!.message).not.toContain('\n');
    expect(e!.message.length).toBeLessThanOrEqual(163);
  });
});

describe('problem reports are capped', () => {
  it('locates the first 50 problems and counts the rest', () => {
    const text = `name: x\nduration: 1h\n${Array.from({ length: 500 }, (_, i) => `k${i}: 1`).join('\n')}\n`;

    const loaded = loadScenario('s.yaml', text);

    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.errors).toHaveLength(50);
    expect(loaded.omitted).toBeGreaterThan(450);
    expect(formatErrors(loaded.errors, loaded.omitted).split('\n').at(-1)).toBe(`... and ${loaded.omitted} more problems`);
  });

  it('does not quote a huge value back whole', () => {
    const loaded = loadScenario('s.yaml', `name: x\nduration: "${'9'.repeat(100_000)}"\n`);

    expect(loaded.ok ? '' : formatErrors(loaded.errors, loaded.omitted)).toMatch(/got "9{60}\.\.\." \(100000 characters\)/);
  });
});

describe('JSON documents', () => {
  it('read as JSON give the value the YAML reading gives', () => {
    const text = '{"name": "x", "n": [1, 2.5, -3e2, null, true], "s": "a\\"b\\u00e9", "o": {"__proto__": 1}}';
    const json = parseSource('s.json', text);
    const yaml = parseSource('s.yaml', `# a YAML comment makes it YAML\n${text}`);

    expect(Array.isArray(json) || Array.isArray(yaml)).toBe(false);
    expect((json as { value: unknown }).value).toEqual((yaml as { value: unknown }).value);
  });

  it('refuse a key repeated in one object, as YAML does, at its second appearance', () => {
    expect(errorsOf('{\n  "a": 1,\n  "b": {"x": 1, "x": 2}\n}')).toEqual([expect.objectContaining({ line: 3, column: 17, message: "the key 'x' appears twice in this mapping" })]);
    expect(errorsOf('{"a": {"x": 1}, "b": {"x": 1}, "k\\u0041": 1, "kA": 2}')).toEqual([expect.objectContaining({ message: "the key 'kA' appears twice in this mapping" })]);
  });

  it('locate a problem by its field, as a YAML file does', () => {
    const loaded = loadScenario('s.json', '{\n  "name": "x",\n  "duration": "1h",\n  "colour": "red"\n}');

    expect(loaded.ok ? [] : loaded.errors.map((e) => [e.line, e.column, e.field])).toContainEqual([4, 3, 'colour']);
  });
});
