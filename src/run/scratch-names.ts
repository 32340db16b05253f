/**
 * The names novasim gives what it writes beside a target before putting it
 * in place (temporary folders and files, locks), and the cleanup of those
 * left by a process that died (kill -9, power loss). Every such name holds
 * the host and the process id that made it, so a later run removes only
 * leftovers of processes on this host that no longer exist, never a live
 * run's, and never on another host of a shared file system (a Slurm job).
 */
import { hostname } from 'node:os';
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OperationError } from './input-error.js';

const HOST = hostname().replace(/[^A-Za-z0-9.-]/g, '_').slice(0, 60) || 'host';

/** The kinds of scratch entries: a folder or file being written, a replaced folder on its way out. */
type Kind = 'partial' | 'replaced';

/** `.<name>.<kind>-<host>-<pid>`: hidden, and attributable to this process. */
export const scratchName = (name: string, kind: Kind): string => `.${name}.${kind}-${HOST}-${process.pid}`;

const SCRATCH = /^\..+\.(?:partial|replaced)-(.+)-(\d+)$/;
const LOCK = /^\..+\.lock$/;

/** Whether process `pid` exists (EPERM: it does, under another user). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const mine = (host: string, pid: number): boolean => host === HOST && pid === process.pid;
const deadHere = (host: string, pid: number): boolean => host === HOST && !mine(host, pid) && !isAlive(pid);

/** Removes the scratch entries and locks in `dir` that processes of this host left when they died. */
export function removeLeftovers(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = SCRATCH.exec(name);
    if (m !== null && deadHere(m[1]!, Number(m[2]))) rmSync(join(dir, name), { recursive: true, force: true });
    else if (LOCK.test(name)) {
      const holder = holderOf(join(dir, name));
      if (holder !== undefined && deadHere(holder.host, holder.pid)) rmSync(join(dir, name), { force: true });
    }
  }
}

/** A lock held on a target; release it once the target is written (or given up). */
export interface Lock {
  release(): void;
}

const lockPath = (target: string): string => join(target, '..', `.${target.split(/[\\/]/).pop()}.lock`);

function holderOf(path: string): { host: string; pid: number } | undefined {
  try {
    const m = /^(\S+) (\d+)\n$/.exec(readFileSync(path, 'utf8'));
    return m === null ? undefined : { host: m[1]!, pid: Number(m[2]) };
  } catch {
    return undefined;
  }
}

/**
 * Takes the lock beside `target` (`.<name>.lock`, holding host and pid), so
 * two commands writing one folder never interleave: the second is refused
 * with the first one's process id. A lock whose process died is taken over.
 */
export function holdLock(target: string, out: string): Lock {
  const path = lockPath(target);
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      writeFileSync(path, `${HOST} ${process.pid}\n`, { flag: 'wx' });
      return { release: () => rmSync(path, { force: true }) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new OperationError(`${out}: cannot take the lock ${path} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    }
    const holder = holderOf(path);
    if (holder === undefined || !deadHere(holder.host, holder.pid)) {
      const who = holder === undefined ? 'another novasim command' : `another novasim command (process ${holder.pid}${holder.host === HOST ? '' : ` on ${holder.host}`})`;
      throw new OperationError(`${out}: ${who} is writing it; wait for it to finish or choose another --out (if none is running, remove ${path})`);
    }
    // A dead process's lock: move it aside (a rename succeeds for one taker only), then try again.
    const aside = join(path, '..', scratchName(`${target.split(/[\\/]/).pop()}.lock`, 'replaced'));
    try {
      renameSync(path, aside);
    } catch {
      continue; // another process took it over first; the next attempt sees its lock
    }
    const moved = holderOf(aside);
    // Between reading the dead holder and the rename, another process may have taken the lock over: give it back.
    if (moved !== undefined && !deadHere(moved.host, moved.pid)) renameSync(aside, path);
    else rmSync(aside, { force: true });
  }
  throw new OperationError(`${out}: cannot take the lock ${path}`);
}
