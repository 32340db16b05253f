import { describe, expect, it } from 'vitest';
import { NOVA_DEFAULTS } from '../../../src/cloud/config.js';
import { firstRunFinding, lastRunAtOrBefore, runAfter, runAtOrAfter, taskGrid } from '../../../src/cloud/periodic-schedule.js';

const config = { ...NOVA_DEFAULTS, shelved_poll_interval: 30, sync_power_state_interval: 600, update_resources_interval: -1, image_cache_manager_interval: 0 };

describe('taskGrid (oslo.service periodic_task)', () => {
  it('a bare task runs every 60 s from the service start, first one interval after it', () => {
    expect(taskGrid('_poll_unconfirmed_resizes', config, 1000, 17)).toEqual({ first: 1060, origin: 1000, spacing: 60 });
  });

  it('spacing 0 means the default interval; a negative spacing turns the task off', () => {
    expect(taskGrid('_run_image_cache_manager_pass', config, 0, 0)).toEqual({ first: 60, origin: 0, spacing: 60 });
    expect(taskGrid('update_available_resource', config, 0, 0)).toBeNull();
  });

  it('a task spaced closer than the fuzzy delay first runs at the loop\'s first tick, then on its grid', () => {
    const grid = taskGrid('_poll_shelved_instances', config, 0, 45)!;
    expect(grid).toEqual({ first: 45, origin: 0, spacing: 30 });
    expect([runAfter(grid, 45), runAfter(grid, 60)]).toEqual([60, 90]);
  });

  it('a run_immediately task runs at the first tick, fuzzy delay after the start, then every spacing after that', () => {
    const grid = taskGrid('_sync_power_states', config, 1000, 37)!;
    expect(grid).toEqual({ first: 1037, origin: 1037, spacing: 600 });
    expect([runAtOrAfter(grid, 1000), runAtOrAfter(grid, 1038), runAtOrAfter(grid, 1637)]).toEqual([1037, 1637, 1637]);
  });
});

describe('the first run that finds something old enough', () => {
  const grid = { first: 60, origin: 0, spacing: 60 };

  it('<= (resize confirm) acts at a run exactly the wait later; is_older_than waits for the next run', () => {
    expect(firstRunFinding('_poll_unconfirmed_resizes', grid, 52, 68)).toBe(120);
    expect(firstRunFinding('_reclaim_queued_deletes', grid, 52, 68)).toBe(180);
    expect(firstRunFinding('_reclaim_queued_deletes', grid, 52, 67.999)).toBe(120);
  });

  it('never before the first run', () => {
    expect(firstRunFinding('_reclaim_queued_deletes', grid, 0, 1)).toBe(60);
    expect(runAtOrAfter(grid, -5)).toBe(60);
  });

  it('the last run at or before a time', () => {
    expect([lastRunAtOrBefore(grid, 59.9), lastRunAtOrBefore(grid, 60), lastRunAtOrBefore(grid, 179.9)]).toEqual([null, 60, 120]);
  });
});
