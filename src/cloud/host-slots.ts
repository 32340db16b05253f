import type { HostId, ServerId } from '../model/ids.js';
import type { Server } from '../model/server.js';
import type { Cloud } from './cloud.js';
import type { NovaConfig } from './config.js';

/**
 * A compute service's limit on one kind of work it runs at once, and the
 * line of servers waiting for a turn, first come first served (Nova's
 * semaphores and thread pools: max_concurrent_live_migrations,
 * max_concurrent_builds, max_concurrent_snapshots; 0 is unbounded). The
 * operation asks for a slot when its step is to be timed, holds the step
 * while it waits, and leaves when its work ends or is abandoned; the next
 * in line is then started through `connect`'s callback.
 */
export class HostSlots {
  readonly #running = new Map<HostId, Set<ServerId>>();
  readonly #waiting = new Map<HostId, ServerId[]>();
  readonly #sourceOf = new Map<ServerId, HostId>();
  #start: (server: Server) => void = () => {};
  readonly #turnListeners: ((server: Server) => void)[] = [];

  constructor(
    private readonly cloud: Cloud,
    /** The option that sets the limit, read when a slot is asked for. */
    private readonly limitOf: (config: NovaConfig) => number,
  ) {}

  /** Wires what starts work whose turn has come (the executor, built after the slots). */
  connect(start: (server: Server) => void): void {
    this.#start = start;
  }

  /** Tells `listener` each time a server's work takes a slot (at once, or when its turn in line comes). Listeners only observe. */
  onTurn(listener: (server: Server) => void): void {
    this.#turnListeners.push(listener);
  }

  /** Takes a slot on `source` for the server's work, or queues it; true when it runs now. Idempotent. */
  acquire(server: Server, source: HostId): boolean {
    const running = this.#runningOn(source);
    if (running.has(server.id)) return true;
    const waiting = this.#waitingOn(source);
    if (waiting.includes(server.id)) return false;
    this.#sourceOf.set(server.id, source);
    const limit = this.limitOf(this.cloud.config);
    if (limit <= 0 || running.size < limit) {
      running.add(server.id);
      for (const listener of this.#turnListeners) listener(server);
      return true;
    }
    waiting.push(server.id);
    return false;
  }

  /** Does the server's work hold a slot now (it runs, rather than waits in line)? */
  holds(server: Server): boolean {
    const source = this.#sourceOf.get(server.id);
    return source !== undefined && this.#running.get(source)?.has(server.id) === true;
  }

  /** How many run on `source` now (for live migrations: outgoing ones). */
  runningFrom(source: HostId): number {
    return this.#running.get(source)?.size ?? 0;
  }

  /** How many wait for a slot on `source`. */
  waitingOn(source: HostId): number {
    return this.#waiting.get(source)?.length ?? 0;
  }

  /** The server's work ended or was abandoned: frees its slot for the next in line, or leaves the line. Idempotent. */
  leave(server: Server): void {
    const source = this.#sourceOf.get(server.id);
    if (source === undefined) return;
    this.#sourceOf.delete(server.id);
    const waiting = this.#waitingOn(source);
    const at = waiting.indexOf(server.id);
    if (at >= 0) {
      waiting.splice(at, 1);
      return;
    }
    const running = this.#runningOn(source);
    running.delete(server.id);
    const next = waiting.shift();
    if (next === undefined) return;
    running.add(next);
    const turn = this.cloud.inventory.servers[next]!;
    for (const listener of this.#turnListeners) listener(turn);
    this.#start(turn);
  }

  #runningOn(source: HostId): Set<ServerId> {
    let running = this.#running.get(source);
    if (running === undefined) this.#running.set(source, (running = new Set()));
    return running;
  }

  #waitingOn(source: HostId): ServerId[] {
    let waiting = this.#waiting.get(source);
    if (waiting === undefined) this.#waiting.set(source, (waiting = []));
    return waiting;
  }
}
