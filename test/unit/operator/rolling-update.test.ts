import { describe, expect, it } from 'vitest';
import { makeRng } from '../../../src/engine/random.js';
import { Drains } from '../../../src/operator/drains.js';
import { HostUpdates } from '../../../src/operator/host-updates.js';
import { RollingUpdate } from '../../../src/operator/rolling-update.js';
import type { RollingUpdateSettings } from '../../../src/operator/types.js';
import { SCHEDULER_DEFAULTS } from '../../../src/scheduling/config.js';
import { movePlanner } from '../../../src/scenario/operator-wiring.js';
import { tinyCloud, type TinyCloud } from '../../support/tiny-cloud.js';

const HOUR = 3600;

function rollingUpdate(c: TinyCloud, settings: Partial<RollingUpdateSettings> = {}): void {
  const drains = new Drains(c.sim, c.nova, { max_parallel_moves: 1, retry_delay: 600, max_attempts: 3 });
  const planner = movePlanner('pack', SCHEDULER_DEFAULTS, c.inventory, c.sim, makeRng('t'));
  const all = { start: c.now, pool_size: 1, update_duration: HOUR, order: 'file', inactive: 'migrate', ...settings } as const;
  new RollingUpdate(c.sim, c.nova, drains, new HostUpdates(c.sim, c.nova), all, planner).start();
}

/** Twelve small servers: first fit puts eight on compute-0 and four on compute-1. */
function loaded(hosts = 4): TinyCloud {
  const c = tinyCloud({ hosts });
  for (let i = 0; i < 12; i++) c.create(`s-${i}`);
  return c;
}

const facts = (c: TinyCloud, action: string) => c.hostFacts.filter((f) => f.action === action);
const done = (c: TinyCloud): boolean => facts(c, 'rolling_update_done').length > 0;

describe('rolling update', () => {
  it.each([1, 2, 3])('updates every host exactly once with a pool of %i', (pool) => {
    const c = loaded();

    rollingUpdate(c, { pool_size: pool });
    c.runUntil(() => done(c));

    expect(facts(c, 'updated').map((f) => f.host.name).sort()).toEqual(['compute-0', 'compute-1', 'compute-2', 'compute-3']);
    expect(c.inventory.hosts.every((h) => h.enabled)).toBe(true);
    expect(c.inventory.servers.every((s) => s.vmState === 'active' && s.host !== null)).toBe(true);
  });

  it('keeps at most pool_size hosts out of service at once', () => {
    const c = loaded(5);
    let worst = 0;
    c.inventory.observe({ hostChanged: () => (worst = Math.max(worst, c.inventory.hosts.filter((h) => !h.enabled).length)) });

    rollingUpdate(c, { pool_size: 2 });
    c.runUntil(() => done(c));

    expect(worst).toBe(2);
  });

  it('sends a host’s servers to hosts already updated once there are some', () => {
    const c = loaded();
    const updated = new Set<string>();
    const landings: [string, boolean][] = [];
    c.nova.cloud.onActionEnd((server, action, outcome) => {
      if (action === 'live_migrate' && outcome === 'completed') landings.push([server.name, updated.has(c.hostOf(server).name)]);
    });

    rollingUpdate(c);
    c.runUntil(() => {
      for (const f of facts(c, 'updated')) updated.add(f.host.name);
      return done(c);
    });

    // compute-0 goes first, with nowhere updated yet: its eight servers go where the scheduler puts them.
    expect(landings.slice(0, 8).every(([, toUpdated]) => !toUpdated)).toBe(true);
    expect(landings.slice(8).every(([, toUpdated]) => toUpdated)).toBe(true);
  });

  it('lets stopped servers stay through the update with inactive: stay', () => {
    const c = loaded();
    const stopped = c.inventory.serverNamed('s-0')!;
    c.act('stop', stopped);

    rollingUpdate(c, { inactive: 'stay' });
    c.runUntil(() => done(c));

    expect([c.hostOf(stopped).name, stopped.vmState]).toEqual(['compute-0', 'stopped']);
    expect(c.rows.filter((r) => r.action === 'migrate')).toEqual([]);
    expect(facts(c, 'drained').find((f) => f.host.name === 'compute-0')!.reason).toMatch(/1 server not running or in ERROR stays through the update$/);
  });

  it('ends with a rolling_update_done fact that counts the hosts', () => {
    const c = loaded();
    const start = c.now;

    rollingUpdate(c);
    c.runUntil(() => done(c));

    const [fact] = facts(c, 'rolling_update_done');
    expect(fact!.reason).toBe(`rolling update: 4 hosts updated in ${Math.round(c.now - start)} s`);
    expect(c.now - start).toBeGreaterThanOrEqual(4 * HOUR);
  });
});
