import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { diffSummaries, type DiffRow, type Leaf } from '../experiment/summary-diff.js';
import { EXIT, InputError } from '../run/input-error.js';
import { summaryJson } from '../run/outputs/summary-json.js';
import { readJsonFile } from '../run/text-file.js';
import { textTable } from './text-table.js';

export interface DiffOptions {
  readonly all: boolean;
  readonly tolerance: number;
}

/** A results folder's summary.json, parsed; anything wrong is an InputError (exit 2). */
function readSummary(dir: string): unknown {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError(`${dir}: no such results folder`);
  const file = join(dir, summaryJson.name);
  const summary = readJsonFile(file, summaryJson.name);
  if (typeof summary !== 'object' || summary === null || Array.isArray(summary)) throw new InputError(`${file}: not a novasim summary (expected a JSON object)`);
  return summary;
}

/** Values wider than this are cut (a refusal's reason is a sentence): the numbers' columns stay readable; summary.json has the whole text. */
const VALUE_WIDTH = 40;
const cut = (text: string): string => (text.length > VALUE_WIDTH ? `${text.slice(0, VALUE_WIDTH - 3)}...` : text);
const leaf = (v: Leaf | undefined): string => (v === undefined ? '(absent)' : cut(typeof v === 'string' ? v : JSON.stringify(v)));
const signed = (n: number): string => (n > 0 ? `+${n}` : String(n));
const tidy = (n: number): number => Number(n.toPrecision(6));

function cells(row: DiffRow): string[] {
  const change = row.change === undefined ? (row.moved ? 'changed' : '') : row.change === 0 ? '0' : signed(tidy(row.change));
  const relative =
    row.relative === undefined ? '' : row.relative === null ? 'new' : row.relative === 0 ? '0%' : `${signed(Number((row.relative * 100).toPrecision(3)))}%`;
  return [row.path, leaf(row.a), leaf(row.b), change, relative];
}

/** `novasim diff A B`: prints the metrics that moved (or all); returns the exit code (0 none moved, 1 some did). */
export function diffCommand(a: string, b: string, options: DiffOptions, stdout: NodeJS.WritableStream): number {
  if (!(Number.isFinite(options.tolerance) && options.tolerance >= 0))
    throw new InputError(`--tolerance: expected a number >= 0, got ${options.tolerance}`);
  const rows = diffSummaries(readSummary(a), readSummary(b), options.tolerance);
  const moved = rows.filter((r) => r.moved);
  const shown = options.all ? rows : moved;
  const table = shown.length > 0 ? textTable(['metric', 'A', 'B', 'change', 'relative'], shown.map(cells), [1, 2, 3, 4]) : '';
  const verdict = moved.length === 0 ? `no metric moved (${rows.length} compared)` : `${moved.length} of ${rows.length} metrics moved`;
  // One write: a reader that stops early (| head) then meets a whole table, not a broken pipe mid-way.
  stdout.write(`${table}${verdict}\n`);
  return moved.length === 0 ? EXIT.ok : EXIT.failed;
}
