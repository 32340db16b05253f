import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readLines } from './lines.js';
import { quoteCell, TraceError } from './trace-error.js';

/**
 * The PlanetLab/CoMon format (the traces CloudSim ships and Beloglazov and
 * Buyya used): one file per server, one whole CPU percentage per line, one
 * line per sampling interval (300 s), no header. File names may hold
 * spaces, so a name is never split on whitespace.
 */

/**
 * One trace as utilisation fractions, sample k covering [k*interval, (k+1)*interval).
 * Each line must be a whole number from 0 to 100; `samples`, when given, is
 * the exact count expected (288 for a day of 5-minute samples).
 */
export function readPlanetLabTrace(file: string, samples?: number): Float64Array {
  const values: number[] = [];
  for (const { number, text } of readLines(file)) {
    const cell = text.trim();
    if (!/^\d{1,3}$/.test(cell) || Number(cell) > 100)
      throw new TraceError(file, number, 1, 'cpu_percent', `expected a whole percentage from 0 to 100, got ${quoteCell(cell)}`);
    if (samples !== undefined && values.length === samples)
      throw new TraceError(file, number, 1, 'cpu_percent', `expected ${samples} samples, found more`);
    // The same division CloudSim makes (Integer / 100.0), so the fractions are the same doubles.
    values.push(Number(cell) / 100);
  }
  if (values.length === 0) throw new TraceError(file, 0, 0, '', 'holds no samples');
  if (samples !== undefined && values.length !== samples) throw new TraceError(file, 0, 0, '', `expected ${samples} samples, found ${values.length}`);
  return Float64Array.from(values);
}

/** How the files of a PlanetLab folder are put in order: the order decides which trace gets which server (and so which flavor). */
export type PlanetLabOrder = { readonly kind: 'sorted' } | { readonly kind: 'file'; readonly file: string };

/**
 * The folder's trace files in the given order, as names inside `folder`.
 * `sorted` compares names by UTF-16 code units (Java's String.compareTo,
 * which CloudSim users get with a sorted list). An order file lists every
 * file of the folder once: `#` lines are comments, and each other line is
 * either a name or `index<TAB>mips<TAB>name` (the form the reference runs
 * recorded; the index must count from 0). Directory order (what CloudSim's
 * File.listFiles() gives) is not offered: it depends on the file system.
 */
export function planetLabFiles(folder: string, order: PlanetLabOrder): string[] {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new TraceError(folder, 0, 0, '', 'is not a folder of trace files');
  const present = readdirSync(folder).filter((name) => !name.startsWith('.') && statSync(join(folder, name)).isFile());
  if (order.kind === 'sorted') return present.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const listed = readOrderFile(order.file);
  const known = new Set(present);
  const seen = new Set<string>();
  for (const { name, line } of listed) {
    if (!known.has(name)) throw new TraceError(order.file, line, 0, 'name', `no file ${quoteCell(name)} in ${folder}`);
    if (seen.has(name)) throw new TraceError(order.file, line, 0, 'name', `${quoteCell(name)} is listed twice`);
    seen.add(name);
  }
  const missing = present.filter((name) => !seen.has(name));
  if (missing.length > 0)
    throw new TraceError(order.file, 0, 0, '', `does not list ${missing.length} file(s) of ${folder}, e.g. ${quoteCell(missing[0]!)}`);
  return listed.map((l) => l.name);
}

function readOrderFile(file: string): { name: string; line: number }[] {
  const names: { name: string; line: number }[] = [];
  for (const { number, text } of readLines(file)) {
    if (text.startsWith('#') || text.trim() === '') continue;
    const parts = text.split('\t');
    if (parts.length === 1) {
      names.push({ name: text, line: number });
      continue;
    }
    if (parts.length !== 3) throw new TraceError(file, number, 0, '', 'expected a file name, or index<TAB>mips<TAB>name');
    const [index = '', mips = '', name = ''] = parts;
    if (index !== String(names.length)) throw new TraceError(file, number, 1, 'index', `expected ${names.length} (indices count from 0), got ${quoteCell(index)}`);
    if (!/^\d+(\.\d+)?$/.test(mips)) throw new TraceError(file, number, index.length + 2, 'mips', `expected a number, got ${quoteCell(mips)}`);
    if (name === '') throw new TraceError(file, number, index.length + mips.length + 3, 'name', 'expected a file name');
    names.push({ name, line: number });
  }
  return names;
}
