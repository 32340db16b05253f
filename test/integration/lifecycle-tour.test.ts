import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, read, readCsv, runScenario, tempDir } from './helpers.js';

/** Every API status Nova shows (UNKNOWN is not a state a server can be walked into). */
const NOVA_STATUSES = [
  'BUILD', 'ACTIVE', 'REBOOT', 'HARD_REBOOT', 'PASSWORD', 'REBUILD', 'RESIZE', 'VERIFY_RESIZE',
  'REVERT_RESIZE', 'MIGRATING', 'PAUSED', 'SUSPENDED', 'SHUTOFF', 'RESCUE', 'SHELVED',
  'SHELVED_OFFLOADED', 'SOFT_DELETED', 'DELETED', 'ERROR',
];

describe('scenarios/lifecycle-tour.yaml', () => {
  let dir: string;
  let out: string;
  let events: Record<string, string>[];
  const rowsOf = (server: string, action: string, outcome: string) =>
    events.filter((e) => e.server === server && e.action === action && e.outcome === outcome);

  beforeAll(() => {
    ensureBuilt();
    dir = tempDir('tour');
    out = join(dir, 'out');
    const r = runScenario('scenarios/lifecycle-tour.yaml', out);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    events = readCsv(out, 'events.csv');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('events.csv shows every Nova API status', () => {
    const seen = new Set(events.map((e) => e.status));
    expect(NOVA_STATUSES.filter((s) => !seen.has(s))).toEqual([]);
  });

  it('the tour server alone passes through every status (ERROR by reset_state)', () => {
    const seen = new Set(events.filter((e) => e.server === 'tour').map((e) => e.status));
    expect(NOVA_STATUSES.filter((s) => !seen.has(s))).toEqual([]);
  });

  it('the three Nova timers act as periodic tasks', () => {
    expect(rowsOf('tour', 'confirm_resize', 'accepted').map((e) => e.reason)).toEqual(['_poll_unconfirmed_resizes']);
    expect(rowsOf('tour', 'shelve_offload', 'accepted').map((e) => e.reason)).toEqual(['_poll_shelved_instances']);
    expect(rowsOf('tour', 'force_delete', 'accepted').map((e) => e.reason)).toEqual(['_reclaim_queued_deletes']);
    // The shelved server waits shelved_offload_time (15m) and then the next 5-minute poll.
    const shelved = Number(rowsOf('tour', 'shelve', 'completed')[0]!.time);
    const offloaded = Number(rowsOf('tour', 'shelve_offload', 'accepted')[0]!.time);
    expect(offloaded - shelved).toBeGreaterThanOrEqual(15 * 60);
    expect(offloaded - shelved).toBeLessThan(20 * 60);
  });

  it('a create that finds no valid host ends in ERROR, and its delete skips SOFT_DELETED', () => {
    const failed = rowsOf('too-big', 'create', 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ status: 'ERROR', vm_state: 'error' });
    expect(failed[0]!.reason).toMatch(/^No valid host was found/);
    expect(events.filter((e) => e.server === 'too-big').map((e) => e.status)).not.toContain('SOFT_DELETED');
    expect(rowsOf('too-big', 'delete', 'completed')[0]).toMatchObject({ status: 'DELETED' });
  });

  it('a resize that finds no valid host fails and leaves the server ACTIVE', () => {
    const failed = rowsOf('tour', 'resize', 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ status: 'ACTIVE', vm_state: 'active', task_state: '' });
    expect(failed[0]!.reason).toMatch(/^No valid host was found/);
  });

  it('Nova refuses the requests it should, with its reasons', () => {
    const rejected = events.filter((e) => e.outcome === 'rejected').map((e) => `${e.action}: ${e.reason!.replace(/[0-9a-f-]{36}/, 'UUID')}`);
    expect(rejected).toEqual([
      "pause: Cannot 'pause' instance UUID while it is in task_state rebooting",
      "reboot: Cannot 'reboot' instance UUID while it is in vm_state resized",
      "live_migrate: Policy doesn't allow os_compute_api:os-migrate-server:migrate_live to be performed.",
      "pause: Cannot 'pause' instance UUID while it is in vm_state paused",
      'stop: Instance UUID is locked',
      "start: Cannot 'os-start' instance UUID while it is in vm_state active",
      "reset_state: Policy doesn't allow os_compute_api:os-admin-actions:reset_state to be performed.",
      'reboot: Instance tour could not be found.',
    ]);
  });

  it('a rejected request changes nothing', () => {
    events.forEach((e, i) => {
      if (e.outcome !== 'rejected' || e.vm_state === '') return;
      const before = events.slice(0, i).reverse().find((p) => p.server === e.server)!;
      expect([e.status, e.vm_state, e.task_state, e.power_state]).toEqual([before.status, before.vm_state, before.task_state, before.power_state]);
    });
  });

  it('summary.json ends with both servers DELETED and every claim released', () => {
    const summary = JSON.parse(read(out, 'summary.json'));
    expect(summary.servers_by_status.DELETED).toBe(2);
    const others = Object.entries(summary.servers_by_status).filter(([s, n]) => s !== 'DELETED' && n !== 0);
    expect(others).toEqual([]);
    expect(summary.utilisation).toEqual({ vcpus: 0, ram: 0, disk: 0 });
    expect(summary.requests.evacuate).toBeUndefined();
  });
});
