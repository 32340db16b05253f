import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
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

export const formatError = (e: ScenarioError): string =>
  `${e.file}:${e.line}:${e.column}: ${e.field ? `${e.field}: ` : ''}${e.message}`;

export function fieldName(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** Parses YAML (JSON is YAML too); syntax errors come back located. */
export function parseSource(file: string, text: string): SourceDocument | ScenarioError[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return doc.errors.map((e) => {
      const pos = lineCounter.linePos(e.pos[0]);
      return { file, line: pos.line, column: pos.col, field: '', message: e.message.split('\n')[0]! };
    });
  }
  const value: unknown = doc.toJS({ maxAliasCount: 1000 });
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
