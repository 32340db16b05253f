import type { Rng } from '../engine/random.js';
import type { HostId } from '../model/ids.js';
import type { NovaConfig } from './config.js';
import { firstRunFinding, runAfter, runAtOrAfter, taskGrid, type PeriodicTaskName, type TaskGrid } from './periodic-schedule.js';

/**
 * When each host's nova-compute process started, which is where its
 * periodic tasks' clocks start (periodic-schedule.ts). Every service
 * starts with the run (t = 0); a host that boots again (recover_host after
 * a failure or a fence, power_on_host) starts a new process and so new
 * clocks. A partitioned host's process kept running: its clocks go on.
 * The periodic_fuzzy_delay of each start is drawn when first needed, from
 * its own stream, so other streams never shift.
 */
export class ComputeServices {
  readonly #start: number[] = [];
  readonly #fuzzy: (number | undefined)[] = [];

  constructor(
    private readonly config: NovaConfig,
    private readonly rng: Rng,
  ) {}

  /** The host's compute service started again at `now`. */
  restarted(host: HostId, now: number): void {
    this.#start[host] = now;
    this.#fuzzy[host] = undefined;
  }

  startOf(host: HostId): number {
    return this.#start[host] ?? 0;
  }

  /** The task's runs on the host's service (a server with no host: a service started with the run); null if the task is off. */
  grid(task: PeriodicTaskName, host: HostId | null): TaskGrid | null {
    if (host === null) return taskGrid(task, this.config, 0, this.#fuzzyOf(null));
    return taskGrid(task, this.config, this.startOf(host), this.#fuzzyOf(host));
  }

  /** The first run of `task` on the host that finds something dated `since` older than `wait`; null if the task never runs. */
  firstRunFinding(task: PeriodicTaskName, host: HostId | null, since: number, wait: number): number | null {
    const grid = this.grid(task, host);
    return grid === null ? null : firstRunFinding(task, grid, since, wait);
  }

  /** The first run of `task` on the host at or after `time`; null if the task never runs. */
  nextRun(task: PeriodicTaskName, host: HostId | null, time: number): number | null {
    const grid = this.grid(task, host);
    return grid === null ? null : runAtOrAfter(grid, time);
  }

  /** The first run of `task` on the host strictly after `time`; null if the task never runs. */
  nextRunAfter(task: PeriodicTaskName, host: HostId | null, time: number): number | null {
    const grid = this.grid(task, host);
    return grid === null ? null : runAfter(grid, time);
  }

  /** random.randint(0, periodic_fuzzy_delay), once per service start (nova/service.py Service.start). */
  #fuzzyOf(host: HostId | null): number {
    const max = this.config.periodic_fuzzy_delay;
    if (max <= 0 || host === null) return 0;
    let fuzzy = this.#fuzzy[host];
    if (fuzzy === undefined) this.#fuzzy[host] = fuzzy = this.rng.int(max + 1);
    return fuzzy;
  }
}
