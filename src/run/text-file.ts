import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { lineAndColumn } from '../scenario/parse.js';
import { InputError } from './input-error.js';

/** The largest scenario or sweep file read by default (`--max-file-mb` raises it): 64 MiB. */
export const MAX_INPUT_MB = 64;

const CHUNK = 1 << 16;

/**
 * Reads a text file that the user gave us, within bounds: at most
 * `maxMb` MiB are read (a device such as /dev/zero, or a file of gigabytes,
 * is refused without reading it all), and content that is not UTF-8 text
 * is refused with what it looks like, never quoted back. `what` names the
 * file in messages ("scenario file").
 */
export function readTextFile(file: string, what: string, maxMb: number = MAX_INPUT_MB): string {
  const limit = Math.floor(maxMb * 1024 * 1024);
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    throw new InputError(`${file}: cannot read the ${what} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  try {
    if (fstatSync(fd).isDirectory()) throw new InputError(`${file}: is a folder, not a ${what}`);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(CHUNK);
      let n: number;
      try {
        n = readSync(fd, chunk, 0, CHUNK, null);
      } catch (e) {
        throw new InputError(`${file}: cannot read the ${what} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
      }
      if (n === 0) break;
      total += n;
      if (total > limit) throw new InputError(`${file}: the ${what} is larger than ${maxMb} MiB, the limit; raise it with --max-file-mb if that is meant`);
      chunks.push(n === CHUNK ? chunk : chunk.subarray(0, n));
      // Binary content shows in its first bytes: stop there rather than read a device to the limit.
      if (chunks.length === 1) refuseBinary(file, what, chunks[0]!);
    }
    return decodeUtf8(file, what, Buffer.concat(chunks, total));
  } finally {
    closeSync(fd);
  }
}

function refuseBinary(file: string, what: string, head: Buffer): void {
  const kind =
    head[0] === 0x1f && head[1] === 0x8b ? 'gzip-compressed data; decompress it first'
    : (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff) ? 'UTF-16 text; save it as UTF-8'
    : head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04 ? 'a zip archive'
    : head.includes(0) ? 'binary data (it holds NUL bytes)'
    : undefined;
  if (kind !== undefined) throw new InputError(`${file}: the ${what} is not YAML or JSON text: it looks like ${kind}`);
}

const DECODER = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(file: string, what: string, bytes: Buffer): string {
  try {
    const text = DECODER.decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // a UTF-8 byte order mark is allowed, and dropped
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const before = bytes.subarray(0, bad).toString('utf8');
    const { line, column } = lineAndColumn(before, before.length);
    throw new InputError(`${file}:${line}:${column}: the ${what} is not UTF-8 text (an invalid byte here); save it as UTF-8`);
  }
}

/**
 * Offset where the first invalid UTF-8 sequence starts (a stray byte, a
 * lead byte without its continuation bytes). Overlong forms and surrogates,
 * which the decoder also refuses, are caught by their lead byte's range.
 */
function firstInvalidUtf8(bytes: Buffer): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < 0x80 || c > 0xbf) return i;
    }
    i += length;
  }
  return bytes.length;
}

/**
 * A JSON file novasim wrote (a results folder's summary.json, a sweep's
 * definition), read back with the same bounds as input: a damaged or foreign
 * file is refused with where it stops being JSON, its bytes never quoted.
 */
export function readJsonFile(file: string, what: string): unknown {
  const text = readTextFile(file, what);
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const position = /position (\d+)/.exec(e instanceof Error ? e.message : '');
    const where = position ? lineAndColumn(text, Number(position[1])) : undefined;
    throw new InputError(`${where ? `${file}:${where.line}:${where.column}` : file}: the ${what} is not valid JSON`);
  }
}
