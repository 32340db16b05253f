import { isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { TraceError } from './trace-error.js';

/** One line of a text file, without its line ending, and its 1-based number. */
export interface Line {
  readonly number: number;
  readonly text: string;
}

const CHUNK = 1 << 16;
const LF = 0x0a;
const CR = 0x0d;
/** A line longer than this is refused: trace lines are short, and a file without newlines must not fill memory. */
export const MAX_LINE_BYTES = 1 << 20;

/**
 * The lines of a text file, read a chunk at a time: a trace of gigabytes
 * streams through in constant memory, and synchronously, so the
 * simulation can pull the next row when it needs it. Lines are cut at LF
 * bytes (a LF byte is never part of a longer UTF-8 character), then
 * checked and decoded one by one, so content that is not UTF-8 text is
 * refused at the line where it shows. CRLF endings are accepted; a final
 * line without a newline counts.
 */
export function* readLines(file: string): Generator<Line, void, undefined> {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    throw new TraceError(file, 0, 0, '', `cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  try {
    if (fstatSync(fd).isDirectory()) throw new TraceError(file, 0, 0, '', 'is a folder, not a file');
    let pending: Buffer = Buffer.alloc(0);
    let number = 0;
    // One buffer for the whole file: lines are decoded, and the remainder copied, before the next read.
    const chunk = Buffer.allocUnsafe(CHUNK);
    for (let first = true; ; first = false) {
      const n = readSync(fd, chunk, 0, CHUNK, null);
      if (first && n >= 2 && chunk[0] === 0x1f && chunk[1] === 0x8b) throw new TraceError(file, 1, 0, '', 'is gzip-compressed; decompress it first');
      if (n === 0) break;
      const bytes = pending.length === 0 ? chunk.subarray(0, n) : Buffer.concat([pending, chunk.subarray(0, n)]);
      let start = 0;
      for (let end = bytes.indexOf(LF); end >= 0; end = bytes.indexOf(LF, start)) {
        yield { number: ++number, text: decoded(file, number, bytes.subarray(start, end)) };
        start = end + 1;
      }
      pending = Buffer.from(bytes.subarray(start));
      if (pending.length > MAX_LINE_BYTES) throw new TraceError(file, number + 1, 0, '', `a line is longer than ${MAX_LINE_BYTES} bytes`);
    }
    if (pending.length > 0) yield { number: ++number, text: decoded(file, number, pending) };
  } finally {
    closeSync(fd);
  }
}

function decoded(file: string, number: number, bytes: Buffer): string {
  const line = bytes.length > 0 && bytes[bytes.length - 1] === CR ? bytes.subarray(0, -1) : bytes;
  if (line.includes(0)) throw new TraceError(file, number, 0, '', 'holds NUL bytes: binary data, not text');
  if (!isUtf8(line)) throw new TraceError(file, number, 0, '', 'is not UTF-8 text');
  return line.toString('utf8');
}
