/**
 * What to undo when the user interrupts a command (Ctrl-C, SIGINT) or a
 * scheduler stops it (SIGTERM): each piece of work that writes registers
 * its own cleanup (stop its workers, remove its temporary folder, release
 * its lock) and unregisters it when done. Only the command line installs
 * the handlers: a library caller's process keeps its own signal handling.
 */
import { EXIT } from './input-error.js';

type Cleanup = () => void | Promise<void>;

const cleanups = new Set<Cleanup>();

/** Registers `cleanup` to run on SIGINT or SIGTERM; call the returned function once the work is done. */
export function onInterrupt(cleanup: Cleanup): () => void {
  cleanups.add(cleanup);
  return () => void cleanups.delete(cleanup);
}

const CODES = { SIGINT: EXIT.interrupted, SIGTERM: EXIT.terminated } as const;

/**
 * Makes SIGINT and SIGTERM run every registered cleanup, say so, and exit
 * 130 or 143. A second signal during the cleanup exits at once.
 */
export function installInterruptHandlers(say: (text: string) => void): void {
  let stopping = false;
  for (const signal of Object.keys(CODES) as (keyof typeof CODES)[]) {
    process.on(signal, () => {
      if (stopping) process.exit(CODES[signal]);
      stopping = true;
      // Newest first: a worker registered after the folder it writes stops before the folder is removed.
      const undo = async (): Promise<void> => {
        for (const cleanup of [...cleanups].reverse()) {
          try {
            await cleanup();
          } catch {
            /* the next run removes what is left (its leftovers are named for this process) */
          }
        }
      };
      void undo().then(() => {
        say(`novasim: stopped by ${signal}; nothing half-written was left in place\n`);
        process.exit(CODES[signal]);
      });
    });
  }
}
