import type { ServerId } from '../model/ids.js';
import type { Server } from '../model/server.js';
import type { TaskState } from '../model/states.js';

/** A spawn in progress: the task_state it runs in, when it began and how long it takes in all. */
interface Spawn {
  readonly taskState: TaskState;
  readonly start: number;
  readonly seconds: number;
}

/**
 * The API's `progress` of a build (or rebuild) while it spawns, derived
 * from when the spawn began, how long it takes (the image download plus
 * the spawn's share of the sampled duration) and `now`, never from an
 * event per percent. Before the spawn a build shows 0 (Nova's drivers
 * report no progress while scheduling, networking or mapping devices);
 * during it, the share elapsed, floored, at most 99; the build's end sets
 * 100. `server.progress` holds the value outside a spawn; `settle` writes
 * the derived value into servers still spawning, for outputs read at the end.
 */
export class BuildProgress {
  readonly #spawns = new Map<ServerId, Spawn>();

  begin(server: Server, now: number, seconds: number): void {
    server.progress = 0;
    this.#spawns.set(server.id, { taskState: server.taskState, start: now, seconds });
  }

  /** Progress at `now`. */
  of(server: Server, now: number): number {
    const spawn = this.#spawns.get(server.id);
    return spawn !== undefined && server.taskState === spawn.taskState ? share(spawn, now) : server.progress;
  }

  /** The spawn is over (built, failed or superseded): the field holds `progress` from now on. */
  end(server: Server, progress: number): void {
    this.#spawns.delete(server.id);
    server.progress = progress;
  }

  /** Writes the derived progress into every server still spawning; O(spawns in flight). */
  settle(servers: readonly Server[], now: number): void {
    for (const [id, spawn] of this.#spawns) {
      const server = servers[id]!;
      if (server.taskState === spawn.taskState) server.progress = share(spawn, now);
      else this.#spawns.delete(id);
    }
  }
}

function share(spawn: Spawn, now: number): number {
  if (spawn.seconds <= 0) return 99;
  // The epsilon keeps an exact share (13.2 of 26.4 s) from flooring to 49 through rounding error.
  return Math.min(99, Math.max(0, Math.floor((100 * (now - spawn.start)) / spawn.seconds + 1e-9)));
}
