import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { TextSink } from '../metrics/index.js';

/**
 * A results folder written whole or not at all: files go to a temporary
 * sibling folder, which replaces the target only once everything is
 * written. An interrupted run leaves no folder that looks complete.
 */
export class ResultsFolder {
  readonly #temp: string;
  readonly #fds: number[] = [];

  constructor(readonly target: string) {
    mkdirSync(dirname(target), { recursive: true });
    this.#temp = join(dirname(target), `.${basename(target)}.partial-${process.pid}`);
    rmSync(this.#temp, { recursive: true, force: true });
    mkdirSync(this.#temp);
  }

  /** A sink that appends to `name` as the run goes. */
  stream(name: string): TextSink {
    const fd = openSync(join(this.#temp, name), 'w');
    this.#fds.push(fd);
    return { write: (text) => void writeSync(fd, text) };
  }

  write(name: string, text: string): void {
    writeFileSync(join(this.#temp, name), text);
  }

  /** A file already written (streams write through), as text; undefined when the folder has none of that name. */
  read(name: string): string | undefined {
    const path = join(this.#temp, name);
    return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  }

  /** Closes every file and puts the folder in place. */
  commit(): void {
    this.#closeAll();
    if (existsSync(this.target)) rmSync(this.target, { recursive: true, force: true });
    renameSync(this.#temp, this.target);
  }

  /** Removes the partial folder (after a failed run). */
  discard(): void {
    this.#closeAll();
    rmSync(this.#temp, { recursive: true, force: true });
  }

  #closeAll(): void {
    for (const fd of this.#fds.splice(0)) closeSync(fd);
  }
}
