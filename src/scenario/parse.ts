import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import type { Path } from './spec.js';

/** A scenario file's text parsed, with a way back from a field path to its line. */
export interface SourceDocument {
  readonly file: string;
  readonly value: unknown;
  /** 1-based line and column of the value (or key) at `path`, or of its closest ancestor. */
  locate(path: Path, atKey?: boolean): { line: number; column: number };
}

/** One problem with a scenario, located in its file. */
export interface ScenarioError {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** The field's path, e.g. hosts[2].vcpus ('' for the whole file). */
  readonly field: string;
  readonly message: string;
}

/** `file:line:column: field: message`; a problem with no line (a value given as an object) leaves the position out. */
export const formatError = (e: ScenarioError): string =>
  `${e.line > 0 ? `${e.file}:${e.line}:${e.column}` : e.file}: ${e.field ? `${e.field}: ` : ''}${e.message}`;

/** Every problem shown, one per line, then how many more there were. */
export const formatErrors = (errors: readonly ScenarioError[], omitted = 0): string =>
  [...errors.map(formatError), ...(omitted > 0 ? [`... and ${omitted} more problem${omitted === 1 ? '' : 's'}`] : [])].join('\n');

export function fieldName(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** Deepest nesting of mappings and lists a scenario may have (real ones stay under ten). */
export const MAX_DEPTH = 64;
/** Alias expansions a document may make: enough for `<<: *defaults` on every entry, not for a billion laughs. */
export const MAX_ALIASES = 1000;
/** Problems reported in full; the rest are counted. */
export const MAX_PROBLEMS = 50;
/** Longest message of the YAML parser quoted back (it can quote a whole line of the file). */
const MAX_MESSAGE = 160;

/**
 * Parses YAML (JSON is YAML too); syntax errors come back located. Bounded:
 * nesting deeper than MAX_DEPTH and documents that expand more than
 * MAX_ALIASES aliases are refused with their position, so neither the
 * parser's stack nor memory can be exhausted by a small hostile file.
 */
export function parseSource(file: string, text: string): SourceDocument | ScenarioError[] {
  const flowDepth = deepFlowOffset(text);
  if (flowDepth >= 0) return [{ file, ...lineAndColumn(text, flowDepth), field: '', message: TOO_DEEP }];
  return parseJson(file, text) ?? parseYaml(file, text);
}

/**
 * A JSON document (a large generated timeline, say) is read with the JSON
 * parser, many times faster than the YAML one; the YAML tree that maps a
 * field to its line is built only if a problem has to be located. Text
 * JSON.parse refuses goes to the YAML parser, which locates the error.
 */
function parseJson(file: string, text: string): SourceDocument | ScenarioError[] | undefined {
  const start = /^\s*[[{]/.exec(text);
  if (start === null) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
  const repeated = repeatedJsonKey(text);
  if (repeated !== undefined) return [{ file, ...lineAndColumn(text, repeated.offset), field: '', message: `the key '${repeated.key.slice(0, 60)}' appears twice in this mapping` }];
  let yaml: SourceDocument | undefined;
  return {
    file,
    value,
    locate(path, atKey) {
      yaml ??= parseYaml(file, text) as SourceDocument; // valid JSON is valid YAML
      return yaml.locate(path, atKey);
    },
  };
}

/**
 * The first key repeated within one object of a valid JSON text, and where
 * it is: JSON.parse keeps the last silently, the YAML path refuses it, and
 * a scenario must not mean two things depending on its syntax. One pass.
 */
function repeatedJsonKey(text: string): { key: string; offset: number } | undefined {
  const frames: { keys: Set<string> | null; expectKey: boolean }[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{') frames.push({ keys: new Set(), expectKey: true });
    else if (c === '[') frames.push({ keys: null, expectKey: false });
    else if (c === '}' || c === ']') frames.pop();
    else if (c === ',') {
      const top = frames.at(-1);
      if (top?.keys) top.expectKey = true;
    } else if (c === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const top = frames.at(-1);
      if (top?.keys && top.expectKey) {
        const raw = text.slice(i + 1, end);
        const key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
        if (top.keys.has(key)) return { key, offset: i };
        top.keys.add(key);
        top.expectKey = false;
      }
      i = end;
    }
  }
  return undefined;
}

function parseYaml(file: string, text: string): SourceDocument | ScenarioError[] {
  const lineCounter = new LineCounter();
  const at = (offset: number, message: string): ScenarioError => {
    const pos = lineCounter.linePos(offset);
    return { file, line: pos.line, column: pos.col, field: '', message };
  };
  // Keys are checked for repeats below, in one pass: the parser's own check is quadratic in a mapping's size.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  if (doc.errors.length > 0) return doc.errors.slice(0, MAX_PROBLEMS).map((e) => at(e.pos[0], parserMessage(e.message)));
  const structure = structureProblems(doc.contents);
  if (structure.length > 0) return structure.map((p) => at(p.offset, p.message));
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch {
    // The yaml library refuses an alias expansion past its count; name where the aliases start.
    return [at(firstAliasOffset(doc.contents), `the aliases expand to more than ${MAX_ALIASES} nodes; write the values out, or use fewer aliases`)];
  }
  return {
    file,
    value,
    locate(path, atKey = false) {
      const offset = offsetOf(doc, path, atKey);
      const pos = lineCounter.linePos(offset);
      return { line: pos.line, column: pos.col };
    },
  };
}

const TOO_DEEP = `mappings and lists nest deeper than ${MAX_DEPTH} levels`;

/** The parser's own message, first line, cut short; its stack overflow said in the file's words. */
function parserMessage(message: string): string {
  if (message.includes('Maximum call stack size exceeded')) return TOO_DEEP;
  const first = message.split('\n')[0]!;
  return first.length > MAX_MESSAGE ? `${first.slice(0, MAX_MESSAGE)}...` : first;
}

/**
 * Offset of the first bracket that opens a flow collection deeper than
 * MAX_DEPTH, or -1. Counted before parsing so a `[[[[...` bomb never reaches
 * the parser; brackets inside quoted text count too, which only matters for
 * text with more than MAX_DEPTH unbalanced brackets.
 */
function deepFlowOffset(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_DEPTH) return i;
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
  }
  return -1;
}

/**
 * Walks the document once, without recursion: a node nested deeper than
 * MAX_DEPTH (block indentation included) ends the walk; a key repeated in
 * one mapping is reported at its second appearance (YAML forbids it).
 */
function structureProblems(root: unknown): { offset: number; message: string }[] {
  const problems: { offset: number; message: string }[] = [];
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length > 0 && problems.length < MAX_PROBLEMS) {
    const [node, depth] = stack.pop()!;
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth >= MAX_DEPTH) return [{ offset: rangeStart(node) ?? 0, message: TOO_DEEP }];
    const keys = new Set<string>();
    for (const item of node.items) {
      if (isPair(item) && isScalar(item.key)) {
        const key = String(item.key.value);
        if (keys.has(key)) problems.push({ offset: rangeStart(item.key) ?? 0, message: `the key '${key.slice(0, 60)}' appears twice in this mapping` });
        keys.add(key);
      }
      stack.push([isPair(item) ? item.value : item, depth + 1]);
    }
  }
  return problems.sort((a, b) => a.offset - b.offset);
}

/** 1-based line and column of an offset, for text the YAML parser has not seen. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

function firstAliasOffset(root: unknown): number {
  let offset = 0;
  visit(root as Node, { Alias: (_, node) => ((offset = rangeStart(node) ?? 0), visit.BREAK) });
  return offset;
}

/** Walks the YAML tree along `path` as far as it goes; returns the start offset reached. */
function offsetOf(doc: Document, path: Path, atKey: boolean): number {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) break;
      const last = i === path.length - 1;
      if (last && atKey) return rangeStart(pair.key) ?? offset;
      node = pair.value;
      offset = rangeStart(node) ?? rangeStart(pair.key) ?? offset;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
      offset = rangeStart(node) ?? offset;
    } else break;
  }
  return offset;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return range?.[0];
}
