import type { NovaConfig } from './config.js';

/**
 * When Nova's compute manager runs its periodic tasks, as oslo.service
 * schedules them (oslo_service/periodic_task.py, nova/service.py):
 *
 * - a task's spacing is its option's value; 0 (or a bare decorator) means
 *   DEFAULT_INTERVAL, 60 s; a negative spacing means the task never runs;
 * - a task's clock starts when the service imports its manager (service
 *   start): it is first due one spacing later, and then on the grid
 *   start + k × spacing (a run moves last_run to the latest grid point);
 * - the first tick of the loop comes periodic_fuzzy_delay (a whole number
 *   of seconds drawn from 0 to the option) after start, so a task first
 *   runs at start + max(spacing, fuzzy delay), then on its grid;
 * - a run_immediately task (_sync_power_states) runs at that first tick and
 *   then every spacing after it.
 *
 * Left out: oslo.service adds 0 to 5 % of the spacing (whole seconds, so
 * 0-2 s for a 60 s task) to each run's grid point, and the drift adds up;
 * and a tick's own run time delays the next. Both make Nova a little
 * later than the times here; neither changes which run first sees a
 * server as old enough by more than a few seconds an hour.
 */

/** The compute manager's periodic tasks novasim models, by their names in nova/compute/manager.py. */
export type PeriodicTaskName =
  | '_poll_unconfirmed_resizes'
  | '_reclaim_queued_deletes'
  | '_poll_shelved_instances'
  | '_sync_power_states'
  | '_check_instance_build_time'
  | '_poll_rescued_instances'
  | 'update_available_resource'
  | '_run_image_cache_manager_pass';

/**
 * How a task compares a server's age with its wait: `after` is
 * timeutils.is_older_than (now - t > wait, strict); `at_or_after` is a
 * `<=` in the query (_poll_unconfirmed_resizes' updated_at <= now - window)
 * or the image cache's `age >= maxage`.
 */
export type Due = 'after' | 'at_or_after';

interface TaskRow {
  /** The decorator's spacing, read from the config (0: the default interval). */
  readonly spacing: (config: NovaConfig) => number;
  readonly runImmediately: boolean;
  readonly due: Due;
}

const bare = (due: Due): TaskRow => ({ spacing: () => 0, runImmediately: false, due });

/** Each task's decorator arguments and its age test, as in nova/compute/manager.py (research/nova/periodic-tasks.md). */
// prettier-ignore
export const PERIODIC_TASKS: Readonly<Record<PeriodicTaskName, TaskRow>> = {
  _poll_unconfirmed_resizes:     bare('at_or_after'),
  _reclaim_queued_deletes:       bare('after'),
  _check_instance_build_time:    bare('after'),
  _poll_rescued_instances:       bare('after'),
  _poll_shelved_instances:       { spacing: (c) => c.shelved_poll_interval, runImmediately: false, due: 'after' },
  _sync_power_states:            { spacing: (c) => c.sync_power_state_interval, runImmediately: true, due: 'at_or_after' },
  update_available_resource:     { spacing: (c) => c.update_resources_interval, runImmediately: false, due: 'at_or_after' },
  _run_image_cache_manager_pass: { spacing: (c) => c.image_cache_manager_interval, runImmediately: false, due: 'at_or_after' },
};

/** oslo.service's DEFAULT_INTERVAL: the spacing of a task that names none, and the longest sleep between ticks. */
export const DEFAULT_INTERVAL = 60;

/** The runs of one task on one compute service: `first`, then `origin + k × spacing` for every such time after `first`. */
export interface TaskGrid {
  readonly first: number;
  readonly origin: number;
  readonly spacing: number;
}

/** The task's grid on a service started at `start` whose loop first ticks `fuzzyDelay` later; null if the task never runs. */
export function taskGrid(task: PeriodicTaskName, config: NovaConfig, start: number, fuzzyDelay: number): TaskGrid | null {
  const row = PERIODIC_TASKS[task];
  const configured = row.spacing(config);
  if (configured < 0) return null;
  const spacing = configured === 0 ? DEFAULT_INTERVAL : configured;
  if (row.runImmediately) return { first: start + fuzzyDelay, origin: start + fuzzyDelay, spacing };
  return { first: start + Math.max(spacing, fuzzyDelay), origin: start, spacing };
}

/** The first run at or after `time` (a `<=` condition: is the thing at least this old). */
export function runAtOrAfter(grid: TaskGrid, time: number): number {
  if (time <= grid.first) return grid.first;
  return grid.origin + Math.ceil((time - grid.origin) / grid.spacing) * grid.spacing;
}

/** The first run strictly after `time` (timeutils.is_older_than's strict `>`). */
export function runAfter(grid: TaskGrid, time: number): number {
  if (time < grid.first) return grid.first;
  return grid.origin + (Math.floor((time - grid.origin) / grid.spacing) + 1) * grid.spacing;
}

/** The last run at or before `time`; null if there was none yet. */
export function lastRunAtOrBefore(grid: TaskGrid, time: number): number | null {
  if (time < grid.first) return null;
  return Math.max(grid.first, grid.origin + Math.floor((time - grid.origin) / grid.spacing) * grid.spacing);
}

/** The first run of `task` on `grid` that finds something of age `since` older than `wait`, by the task's own comparison. */
export function firstRunFinding(task: PeriodicTaskName, grid: TaskGrid, since: number, wait: number): number {
  return PERIODIC_TASKS[task].due === 'after' ? runAfter(grid, since + wait) : runAtOrAfter(grid, since + wait);
}
