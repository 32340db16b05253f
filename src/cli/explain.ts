import { open, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { PLACEMENT_INDEX } from '../metrics/writers/placement-index.js';
import { placementsJsonl, type BuildFailureRecord, type PlacementLogLine, type PlacementRecord } from '../metrics/writers/placements-jsonl.js';
import { EXIT, InputError } from '../run/input-error.js';

/**
 * `novasim explain DIR SERVER`: prints every placement of SERVER recorded
 * in DIR/placements.jsonl. Returns the exit code: 0, or 1 when the server
 * has no placements. A missing folder or file, or a line that is not JSON,
 * throws InputError (exit 2).
 */
export async function explainCommand(
  dir: string,
  server: string,
  stdout: { write(text: string): unknown },
  stderr: { write(text: string): unknown },
): Promise<number> {
  const file = join(dir, placementsJsonl.name);
  const records = await readPlacementsOf(dir, file, server);
  if (records.length === 0) {
    stderr.write(`novasim explain: no placements of server '${server}' in ${file}\n`);
    return EXIT.failed;
  }
  stdout.write(formatPlacements(server, records));
  return EXIT.ok;
}

/**
 * The lines of `file` about `server`, in time order. With the log's index
 * (placements.idx, beside it) it reads the server's lines only: a binary
 * search of the index and one read per line. Without one (a folder written
 * before the index existed) it streams the file line by line, and parses
 * only lines whose text names the server, so a log of millions of
 * placements costs one pass and little memory.
 */
export async function readPlacementsOf(dir: string, file: string, server: string): Promise<PlacementLogLine[]> {
  const folder = await stat(dir).catch((e: NodeJS.ErrnoException) => {
    throw new InputError(`${dir}: cannot read the results folder (${e.code ?? String(e)})`);
  });
  if (!folder.isDirectory()) throw new InputError(`${dir}: not a results folder`);
  const handle = await open(file, 'r').catch((e: NodeJS.ErrnoException) => {
    throw new InputError(`${file}: cannot read the placement log (${e.code ?? String(e)})`);
  });
  const offsets = await indexedOffsets(join(dir, PLACEMENT_INDEX), server).catch(() => null);
  if (offsets !== null) {
    try {
      return (await Promise.all(offsets.map((at) => lineAt(handle, at)))).map((line, i) => {
        const record = parseLine(line.toString('utf8'));
        if (record === null || record.server !== server) throw new InputError(`${file}: byte ${offsets[i]}: not ${server}'s placement record (is ${PLACEMENT_INDEX} from another run?)`);
        return record;
      });
    } finally {
      await handle.close();
    }
  }
  // Lines are written with "server" right after "time", so this needle finds exactly the server's lines.
  const needle = `,"server":${JSON.stringify(server)},`;
  const found: PlacementLogLine[] = [];
  let lineNumber = 0;
  try {
    for await (const line of createInterface({ input: handle.createReadStream({ encoding: 'utf8' }), crlfDelay: Infinity })) {
      lineNumber++;
      if (!line.includes(needle)) continue;
      const record = parseLine(line);
      if (record === null) throw new InputError(`${file}:${lineNumber}: not a placement record`);
      if (record.server === server) found.push(record);
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${file}: cannot read the placement log (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  } finally {
    await handle.close();
  }
  // Emission order is time order already; the stable sort only guards hand-edited files.
  return found.sort((a, b) => a.time - b.time);
}

/** How much of a file one read takes: a placement line or an index line is rarely longer. */
const READ_BYTES = 1 << 14;

/** The bytes of the line starting at byte `at` (without its newline). */
async function lineAt(handle: FileHandle, at: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (let position = at; ; position += READ_BYTES) {
    const buffer = Buffer.alloc(READ_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, READ_BYTES, position);
    const end = buffer.subarray(0, bytesRead).indexOf(0x0a);
    parts.push(buffer.subarray(0, end >= 0 ? end : bytesRead));
    if (end >= 0 || bytesRead < READ_BYTES) return Buffer.concat(parts);
  }
}

/**
 * The offsets placements.idx gives for `server` ([] when it has none), by
 * binary search over the file's bytes: each probe reads the first whole
 * line after a byte position. null when there is no index.
 */
async function indexedOffsets(indexFile: string, server: string): Promise<number[] | null> {
  const handle = await open(indexFile, 'r');
  try {
    const size = (await handle.stat()).size;
    // The line starting at the first newline at or after `from`, plus one (0: the file's first line).
    const lineFrom = async (from: number): Promise<{ start: number; end: number; text: string } | null> => {
      // Counted in bytes: a probe may land inside a character.
      const start = from === 0 ? 0 : from + (await lineAt(handle, from - 1)).length;
      if (start >= size) return null;
      const bytes = await lineAt(handle, start);
      return { start, end: start + bytes.length + 1, text: bytes.toString('utf8') };
    };
    let lo = 0;
    let hi = size;
    // Invariant: the server's line, if any, starts at or after the first line from lo, and before hi.
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      const found = await lineFrom(mid);
      if (found === null || found.start >= hi) {
        hi = mid;
        continue;
      }
      const name = nameOf(found.text);
      if (name === server) return offsetsOf(found.text);
      if (name < server) lo = found.end;
      else hi = mid;
    }
    const last = await lineFrom(lo);
    return last !== null && nameOf(last.text) === server ? offsetsOf(last.text) : [];
  } finally {
    await handle.close();
  }
}

const nameOf = (line: string): string => JSON.parse(line.slice(0, line.lastIndexOf('"') + 1)) as string;
const offsetsOf = (line: string): number[] => line.slice(line.lastIndexOf('"') + 2).split(' ').filter(Boolean).map(Number);

function parseLine(line: string): PlacementLogLine | null {
  try {
    const value: unknown = JSON.parse(line);
    if (typeof value !== 'object' || value === null) return null;
    const r = value as Partial<PlacementRecord>;
    return typeof r.time === 'number' && typeof r.server === 'string' && typeof r.purpose === 'string'
      ? (value as PlacementLogLine)
      : null;
  } catch {
    return null;
  }
}

/** The explanation text for one server's placements (pure: unit-tested on hand-built records). */
export function formatPlacements(server: string, records: readonly PlacementLogLine[]): string {
  const blocks = records.map((r) =>
    r.purpose === 'build_failed' ? formatBuildFailure(r as BuildFailureRecord) : formatPlacement(r as PlacementRecord),
  );
  const count = `${records.length} placement record${records.length === 1 ? '' : 's'}`;
  return `server ${server}: ${count}\n\n${blocks.join('\n')}`;
}

function formatBuildFailure(r: BuildFailureRecord): string {
  return `t=${r.time}s  build failed on ${r.host}; ${r.rescheduled ? 'rescheduled to an alternate' : 'not rescheduled'}\n`;
}

function formatPlacement(r: PlacementRecord): string {
  if (r.policy === null) {
    // A reschedule's claim on an alternate: the scheduler was not asked again.
    const what = r.host === null ? `no alternate left: ${r.reason}` : `claimed alternate host ${r.host}`;
    return `t=${r.time}s  ${r.purpose}: ${what}\n`;
  }
  const lines = [`t=${r.time}s  ${r.purpose}  policy ${r.policy}  candidates ${r.hosts ?? 0}`];
  if (r.filters.length > 0) lines.push('  filters:', ...filterTable(r).map((l) => `    ${l}`));
  if (r.top.length > 0) lines.push('  weighed:', ...weighedTable(r).map((l) => `    ${l}`));
  if (r.host !== null) {
    lines.push(`  chosen: ${r.host}`);
    lines.push(`  alternates: ${r.alternates.length > 0 ? r.alternates.join(', ') : '(none)'}`);
  } else {
    const last = r.filters.at(-1);
    const eliminating = last !== undefined && last.after === 0 ? `${last.filter} eliminated the last host` : 'no host passed';
    lines.push(`  NoValidHost: ${eliminating}`, `  reason: ${r.reason}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * "ComputeFilter  1000 ->  998", names and counts aligned. Placement's
 * line says when max_placement_results cut the hosts it returned.
 */
function filterTable(r: PlacementRecord): string[] {
  const name = Math.max(...r.filters.map((f) => f.filter.length));
  const before = Math.max(...r.filters.map((f) => String(f.before).length));
  const after = Math.max(...r.filters.map((f) => String(f.after).length));
  return r.filters.map((f) => {
    const line = `${f.filter.padEnd(name)}  ${String(f.before).padStart(before)} -> ${String(f.after).padStart(after)}`;
    return f.viable === undefined ? line : `${line}  (limited from ${f.viable} viable by max_placement_results)`;
  });
}

/** Host, total weight and one column per weigher share, with a header row. */
function weighedTable(r: PlacementRecord): string[] {
  const weighers = [...new Set(r.top.flatMap((w) => Object.keys(w.parts)))];
  const rows = [
    ['host', 'weight', ...weighers],
    ...r.top.map((w) => [w.host, String(w.weight), ...weighers.map((name) => String(w.parts[name] ?? ''))]),
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  return rows.map((row) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
}
