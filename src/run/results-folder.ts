import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, type Stats } from 'node:fs';
import { basename, dirname, join, parse, resolve, sep } from 'node:path';
import { InputError, OperationError } from './input-error.js';
import { onInterrupt } from './interrupts.js';
import { OUTPUT_FILES } from './outputs/registry.js';
import { holdLock, removeLeftovers, scratchName, type Lock } from './scratch-names.js';

/** The files a run's results folder may hold (the output registry's): a folder holding anything else is not replaced. */
const RUN_FOLDER_FILES: ReadonlySet<string> = new Set(
  OUTPUT_FILES.flatMap((f) => [f.name, ...('companion' in f ? [f.companion] : []), ...('parquet' in f ? [f.parquet.name] : [])]),
);

/**
 * A path the user named for results, made absolute, or refused: an empty
 * name (an unset shell variable), the file system's root, and the working
 * folder or any folder above it are never written, whatever they hold.
 */
export function resultsPath(out: string, flag: string): string {
  if (out.trim() === '') throw new InputError(`${flag} is empty: name a results folder (is a shell variable unset?)`);
  const path = resolve(out);
  const cwd = process.cwd();
  if (path === parse(path).root) throw new InputError(`${out}: is the root of the file system; novasim writes only into a results folder of its own`);
  if (cwd === path || cwd.startsWith(path + sep))
    throw new InputError(`${out}: is the working folder or one above it; novasim writes only into a results folder of its own (try results/<name>)`);
  return path;
}

/** What is at a path: nothing, an empty folder, or novasim's own results folder; anything else is refused. */
type Found = 'absent' | 'empty' | 'ours';

function statOf(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new InputError(`${path}: cannot look at it (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
}

/** Refuses anything at `path` but a folder (or nothing): files, links and devices are the user's. */
export function folderOrNothing(path: string, out: string): Found | 'folder' {
  const stats = statOf(path);
  if (stats === undefined) return 'absent';
  if (stats.isSymbolicLink()) throw new InputError(`${out}: is a symbolic link; name the folder itself (novasim does not replace links)`);
  if (stats.isFile()) throw new InputError(`${out}: is a file, not a results folder; novasim does not replace it`);
  if (!stats.isDirectory()) throw new InputError(`${out}: is a device, pipe or socket, not a results folder`);
  return readdirSync(path).length === 0 ? 'empty' : 'folder';
}

/**
 * Whether a run may replace what is at `path`: nothing, an empty folder, or
 * a results folder novasim wrote (its run.json says so, and it holds only
 * the files a run writes). A folder with anything else in it is the user's.
 */
function runTarget(path: string, out: string): Found {
  const found = folderOrNothing(path, out);
  if (found !== 'folder') return found;
  if (!isRunJson(join(path, 'run.json')))
    throw new InputError(`${out}: holds files that are not a novasim results folder (no run.json of novasim's); choose another --out, or empty it yourself`);
  const foreign = readdirSync(path).filter((name) => !RUN_FOLDER_FILES.has(name)).sort();
  if (foreign.length > 0)
    throw new InputError(`${out}: holds ${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ` and ${foreign.length - 3} more` : ''}, which novasim did not write; choose another --out, or move them away`);
  return 'ours';
}

/** A run.json that novasim wrote: a small JSON object naming novasim's version and the scenario. */
function isRunJson(path: string): boolean {
  const stats = statOf(path);
  if (stats === undefined || !stats.isFile() || stats.size > 1 << 20) return false;
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    return typeof value['novasim'] === 'string' && typeof value['scenario'] === 'string';
  } catch {
    return false;
  }
}

/**
 * A results folder written whole or not at all. `claim` refuses a target
 * that is not novasim's to replace, takes a lock beside it (one writer at a
 * time), removes what interrupted runs left there, and makes a temporary
 * sibling folder for the files. `commit` puts it in place of the target;
 * `discard` removes it. Until then the target is untouched.
 */
export class ResultsFolder {
  readonly #lock: Lock;
  readonly #unregister: () => void;
  #done = false;

  private constructor(
    readonly target: string,
    /** The folder the files are written to until `commit`. */
    readonly temp: string,
    private readonly out: string,
    lock: Lock,
    ownInterrupt: boolean,
  ) {
    this.#lock = lock;
    this.#unregister = ownInterrupt ? onInterrupt(() => this.discard()) : () => {};
  }

  /**
   * Claims `out` (as the user wrote it; `flag` names where it came from) for
   * a run's results. On SIGINT or SIGTERM the claim is given up, unless
   * `ownInterrupt` is false: then the caller discards it (after stopping
   * whatever writes into it).
   */
  static claim(out: string, flag = '--out', ownInterrupt = true): ResultsFolder {
    const target = resultsPath(out, flag);
    runTarget(target, out);
    const parent = dirname(target);
    try {
      mkdirSync(parent, { recursive: true });
    } catch (e) {
      throw new InputError(`${out}: cannot make the folder it goes in (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    }
    const lock = holdLock(target, out);
    try {
      removeLeftovers(parent);
      const temp = join(parent, scratchName(basename(target), 'partial'));
      mkdirSync(temp);
      return new ResultsFolder(target, temp, out, lock, ownInterrupt);
    } catch (e) {
      lock.release();
      throw e instanceof InputError || e instanceof OperationError ? e : new OperationError(`${out}: cannot write beside it (${String(e)})`);
    }
  }

  /** Puts the written folder in place of the target (checked again: it may have changed meanwhile). */
  commit(): void {
    if (this.#done) return;
    try {
      const found = runTarget(this.target, this.out);
      if (found === 'absent') renameSync(this.temp, this.target);
      else {
        const aside = join(dirname(this.target), scratchName(basename(this.target), 'replaced'));
        renameSync(this.target, aside);
        renameSync(this.temp, this.target);
        rmSync(aside, { recursive: true, force: true });
      }
    } catch (e) {
      this.discard();
      throw e;
    }
    this.#finish();
  }

  /** Removes the temporary folder (a failed or interrupted run): the target stays as it was. */
  discard(): void {
    if (this.#done) return;
    rmSync(this.temp, { recursive: true, force: true });
    this.#finish();
  }

  #finish(): void {
    this.#done = true;
    this.#lock.release();
    this.#unregister();
  }
}
