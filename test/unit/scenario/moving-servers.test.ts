import { describe, expect, it } from 'vitest';
import { NOVA_DEFAULTS } from '../../../src/cloud/config.js';
import type { Summary } from '../../../src/run/outputs/summary-sections.js';
import { runFiles } from '../../support/run-files.js';
import { accepted, expectOneError, scenarioText } from './load.js';

const HOSTS = [
  'hosts:',
  '  - { name_prefix: c, count: 3, vcpus: 8, ram_mb: 16384, disk_gb: 200, shared_storage: true, migration_bandwidth_mb_s: 1000 }',
].join('\n');

const MOVES = [
  'scheduler: { policy: first_fit }',
  'actions:',
  '  - { at: 0, action: create, server: db, flavor: f, image: i, project: p, dirty_rate_mb_s: 1500 }',
  '  - { at: 0, action: create, server: web, flavor: f, image: i, project: p }',
  '  - { at: 1m, action: live_migrate, server: db, as: admin }',
  '  - { at: 1m, action: live_migrate, server: web, as: admin }',
  '  - { at: 2h, action: migrate, server: web, as: admin }',
  '  - { at: 3h, action: confirm_resize, server: web }',
  '  - { at: 4h, action: resize, server: db, flavor: g }',
].join('\n');

const FLAVOR_G = 'flavors:\n  - { name: f, vcpus: 1, ram_mb: 1024, disk_gb: 10 }\n  - { name: g, vcpus: 2, ram_mb: 2048, disk_gb: 20, dirty_rate_mb_s: 10 }';

describe('the scenario fields of moves', () => {
  // nova/conf/compute.py and nova/conf/libvirt.py
  it.each([
    ['max_concurrent_live_migrations', 1], ['live_migration_bandwidth', 0], ['live_migration_downtime', 500],
    ['live_migration_downtime_steps', 10], ['live_migration_downtime_delay', 75], ['live_migration_completion_timeout', 800],
    ['live_migration_timeout_action', 'abort'], ['live_migration_permit_post_copy', false], ['live_migration_permit_auto_converge', false],
  ] as const)("defaults %s to Nova's %s", (option, value) => {
    expect(accepted(scenarioText('')).config[option]).toBeUndefined();
    expect(NOVA_DEFAULTS[option]).toBe(value);
  });

  it("refuses values Nova's options refuse", () => {
    expectOneError(scenarioText('config:\n  live_migration_downtime: 50'), 'live_migration_downtime', 'config.live_migration_downtime: expected a whole number >= 100, got 50');
    expectOneError(scenarioText('config:\n  live_migration_downtime_steps: 2'), 'steps', 'config.live_migration_downtime_steps: expected a whole number >= 3, got 2');
    expectOneError(scenarioText('config:\n  live_migration_timeout_action: pause'), 'timeout_action', 'config.live_migration_timeout_action: expected one of abort, force_complete, got "pause"');
  });

  it("refuses a durations entry for live_migrate: the model times it", () => {
    expectOneError(
      scenarioText('durations:\n  live_migrate: 10s'),
      'live_migrate',
      "durations.live_migrate: a live migration's duration comes from the pre-copy model (flavor dirty_rate_mb_s, host migration_bandwidth_mb_s, config live_migration_*), not from durations",
    );
  });

  it('refuses dirty_rate_mb_s on a request other than create', () => {
    expectOneError(
      scenarioText('actions:\n  - { at: 0, action: create, server: a, flavor: f, image: i, project: p }\n  - { at: 1, action: live_migrate, server: a, dirty_rate_mb_s: 5 }'),
      'dirty_rate_mb_s: 5',
      "actions[1].dirty_rate_mb_s: 'dirty_rate_mb_s' does not apply to live_migrate",
    );
  });
});

describe('a run with moves', () => {
  const text = scenarioText(MOVES, HOSTS).replace(/flavors:\n.*\n/, `${FLAVOR_G}\n`);

  it('writes migrations.csv and summary.json migrations', async () => {
    const files = await runFiles(accepted(text));
    const summary = JSON.parse(files['summary.json']!) as Summary;

    // Both start on c1 (first fit). db (1024 MB dirtied at 1500 MB/s over 1000) never converges: aborted
    // after 800 s x 2 GiB, in its 1563rd round. web waits for db's slot on c1, then moves in 1.024 s; its
    // cold migration copies nothing (shared storage) and is confirmed at 3h; db's resize is still awaiting
    // confirmation at the end.
    expect(files['migrations.csv']!.split('\n')).toEqual([
      'server,kind,source,destination,start,end,duration_s,downtime_s,data_mb,rounds,outcome',
      'db,live-migration,c1,c2,60,1660,1600,0,1600000,1563,aborted',
      'web,live-migration,c1,c2,60,1661.024,1601.024,0,1024,1,completed',
      'web,migration,c2,c1,7200,10805,20,19,0,0,confirmed',
      'db,resize,c1,c2,14400,86400,20,19,0,0,open',
      '',
    ]);
    expect(summary.migrations).toMatchObject({ count: 4, failed: 0, aborted: 1 });
    expect(summary.migrations.by_kind['live-migration'].outcomes).toMatchObject({ completed: 1, aborted: 1 });
  });
});
