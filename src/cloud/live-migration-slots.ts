import type { HostId, ServerId } from '../model/ids.js';
import type { Server } from '../model/server.js';
import type { Cloud } from './cloud.js';

/**
 * max_concurrent_live_migrations: a compute service runs at most that many
 * outgoing live migrations at once (ComputeManager._live_migration_executor,
 * a thread pool of that size; 0 is unbounded). Further ones wait their turn
 * in order (their migration status is `queued`; the server already shows
 * MIGRATING, the API having set task_state migrating). A slot is held from
 * the start of the migration job to its end or rollback.
 */
export class LiveMigrationSlots {
  readonly #running = new Map<HostId, Set<ServerId>>();
  readonly #waiting = new Map<HostId, ServerId[]>();
  readonly #sourceOf = new Map<ServerId, HostId>();
  #start: (server: Server) => void = () => {};

  constructor(private readonly cloud: Cloud) {}

  /** Wires what starts a migration whose turn has come (the executor, built after the slots). */
  connect(start: (server: Server) => void): void {
    this.#start = start;
  }

  /** Takes a slot on `source` for the server's migration, or queues it; true when it runs now. Idempotent. */
  acquire(server: Server, source: HostId): boolean {
    const running = this.#runningOn(source);
    if (running.has(server.id)) return true;
    const waiting = this.#waitingOn(source);
    if (waiting.includes(server.id)) return false;
    this.#sourceOf.set(server.id, source);
    const limit = this.cloud.config.max_concurrent_live_migrations;
    if (limit <= 0 || running.size < limit) {
      running.add(server.id);
      return true;
    }
    waiting.push(server.id);
    return false;
  }

  /** Live migrations running out of `source` now. */
  runningFrom(source: HostId): number {
    return this.#running.get(source)?.size ?? 0;
  }

  /** Live migrations waiting for a slot on `source`. */
  waitingOn(source: HostId): number {
    return this.#waiting.get(source)?.length ?? 0;
  }

  /** The server's migration ended or was abandoned: frees its slot for the next in line, or leaves the line. */
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
    this.#start(this.cloud.inventory.servers[next]!);
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
