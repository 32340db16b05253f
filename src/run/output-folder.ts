import { appendFileSync, closeSync, existsSync, openSync, readFileSync, readSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { join } from 'node:path';
import { memorySink, type MemorySink, type TextSink } from '../metrics/writers/text-sink.js';

/** Where a run's files go while it runs: a folder on disk, or memory (the library's in-memory results). */
export interface OutputFolder {
  /** A sink that appends to `name` as the run goes. */
  stream(name: string): TextSink;
  write(name: string, text: string): void;
  /** A file already written (streams write through), as text; undefined when there is none of that name. */
  read(name: string): string | undefined;
  /**
   * A file already written, line by line (without the newline), read a
   * chunk at a time: for a file too large to hold as one string, as a long
   * run's events.csv is. Undefined when there is none of that name.
   */
  lines(name: string): Iterable<string> | undefined;
  /** Appends bytes to a binary file (a Parquet file, a chunk at a time), creating it on the first call. */
  append(name: string, bytes: Uint8Array): void;
  /** Removes a file this folder wrote (the CSV a Parquet file replaces); any other name is refused. */
  remove(name: string): void;
  /** Closes every stream. */
  close(): void;
}

/** Files in a folder (a results folder's temporary folder), streams written through as they come. */
export class DiskFolder implements OutputFolder {
  readonly #fds: number[] = [];
  /** The files this folder wrote: the only ones `remove` takes away. */
  readonly #written = new Set<string>();

  constructor(readonly dir: string) {}

  stream(name: string): TextSink {
    this.#written.add(name);
    const fd = openSync(join(this.dir, name), 'w');
    this.#fds.push(fd);
    return { write: (text) => void writeSync(fd, text) };
  }

  write(name: string, text: string): void {
    this.#written.add(name);
    writeFileSync(join(this.dir, name), text);
  }

  read(name: string): string | undefined {
    const path = join(this.dir, name);
    return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  }

  lines(name: string): Iterable<string> | undefined {
    const path = join(this.dir, name);
    return existsSync(path) ? linesOf(path) : undefined;
  }

  append(name: string, bytes: Uint8Array): void {
    this.#written.add(name);
    appendFileSync(join(this.dir, name), bytes);
  }

  /** A file of this folder another thread wrote for this run (events.csv's rows, sent by a worker): this folder reads and removes it as its own. */
  adopt(name: string): void {
    this.#written.add(name);
  }

  remove(name: string): void {
    if (!this.#written.has(name)) throw new Error(`novasim did not write ${name} in ${this.dir}, so it does not remove it`);
    this.#written.delete(name);
    rmSync(join(this.dir, name), { force: true });
  }

  close(): void {
    for (const fd of this.#fds.splice(0)) closeSync(fd);
  }
}

/** Files kept in memory, in the order they were first written. */
export class MemoryFolder implements OutputFolder {
  readonly #files = new Map<string, MemorySink>();
  readonly #binary = new Map<string, Uint8Array[]>();

  stream(name: string): TextSink {
    const sink = memorySink();
    this.#files.set(name, sink);
    return sink;
  }

  write(name: string, text: string): void {
    this.stream(name).write(text);
  }

  read(name: string): string | undefined {
    return this.#files.get(name)?.text();
  }

  lines(name: string): Iterable<string> | undefined {
    return this.read(name)?.split('\n');
  }

  append(name: string, bytes: Uint8Array): void {
    const chunks = this.#binary.get(name) ?? [];
    chunks.push(bytes.slice());
    this.#binary.set(name, chunks);
  }

  remove(name: string): void {
    this.#files.delete(name);
    this.#binary.delete(name);
  }

  close(): void {}

  /** Every binary file (the Parquet files), name -> bytes. */
  binaries(): Record<string, Uint8Array> {
    return Object.fromEntries([...this.#binary].map(([name, chunks]) => [name, Buffer.concat(chunks)]));
  }

  /** Every file, name -> text. */
  files(): Record<string, string> {
    return Object.fromEntries([...this.#files].map(([name, sink]) => [name, sink.text()]));
  }
}

/** Bytes read at a time by `linesOf`. */
const CHUNK_BYTES = 1 << 20;

/** The lines of a file, read CHUNK_BYTES at a time; a UTF-8 character cut by a chunk's end is decoded whole. */
function* linesOf(path: string): Generator<string> {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(CHUNK_BYTES);
    const decoder = new StringDecoder('utf8');
    let rest = '';
    for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) {
      const lines = (rest + decoder.write(buffer.subarray(0, n))).split('\n');
      rest = lines.pop()!;
      yield* lines;
    }
    rest += decoder.end();
    if (rest !== '') yield rest;
  } finally {
    closeSync(fd);
  }
}
