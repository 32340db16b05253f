import { closeSync, existsSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { memorySink, type MemorySink, type TextSink } from '../metrics/writers/text-sink.js';

/** Where a run's files go while it runs: a folder on disk, or memory (the library's in-memory results). */
export interface OutputFolder {
  /** A sink that appends to `name` as the run goes. */
  stream(name: string): TextSink;
  write(name: string, text: string): void;
  /** A file already written (streams write through), as text; undefined when there is none of that name. */
  read(name: string): string | undefined;
  /** Closes every stream. */
  close(): void;
}

/** Files in a folder (a results folder's temporary folder), streams written through as they come. */
export class DiskFolder implements OutputFolder {
  readonly #fds: number[] = [];

  constructor(readonly dir: string) {}

  stream(name: string): TextSink {
    const fd = openSync(join(this.dir, name), 'w');
    this.#fds.push(fd);
    return { write: (text) => void writeSync(fd, text) };
  }

  write(name: string, text: string): void {
    writeFileSync(join(this.dir, name), text);
  }

  read(name: string): string | undefined {
    const path = join(this.dir, name);
    return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  }

  close(): void {
    for (const fd of this.#fds.splice(0)) closeSync(fd);
  }
}

/** Files kept in memory, in the order they were first written. */
export class MemoryFolder implements OutputFolder {
  readonly #files = new Map<string, MemorySink>();

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

  close(): void {}

  /** Every file, name -> text. */
  files(): Record<string, string> {
    return Object.fromEntries([...this.#files].map(([name, sink]) => [name, sink.text()]));
  }
}
