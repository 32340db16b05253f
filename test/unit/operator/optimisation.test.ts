import { describe, expect, it } from 'vitest';
import { makeRng } from '../../../src/engine/random.js';
import { Consolidation } from '../../../src/operator/consolidation.js';
import { Drains } from '../../../src/operator/drains.js';
import { HeadroomGuard } from '../../../src/operator/headroom-guard.js';
import { Optimiser, type OptimisationRun, type RunReport } from '../../../src/operator/optimisation.js';
import { ramLoad } from '../../../src/operator/room.js';
import { Spreading } from '../../../src/operator/spreading.js';
import { SCHEDULER_DEFAULTS } from '../../../src/scheduling/config.js';
import { movePlanner } from '../../../src/scenario/operator-wiring.js';
import { LARGE, OWNER, tinyCloud, type TinyCloud } from '../../support/tiny-cloud.js';

const SETTINGS = { max_parallel_moves: 1, retry_delay: 600, max_attempts: 3 };

/** One small server on each of `hosts` hosts (the spread policy places them apart). */
function oneEach(hosts: number): TinyCloud {
  const c = tinyCloud({ hosts, scheduler: { policy: 'spread' } });
  for (let i = 0; i < hosts; i++) c.create(`s-${i}`);
  return c;
}

function consolidation(c: TinyCloud, minHeadroom = 0): { strategy: Consolidation; guard: HeadroomGuard } {
  const guard = new HeadroomGuard(c.sim, c.nova, c.large, minHeadroom);
  const planner = movePlanner('pack', SCHEDULER_DEFAULTS, c.inventory, c.sim, makeRng('t'));
  return { strategy: new Consolidation(c.nova, new Drains(c.sim, c.nova, SETTINGS), planner, guard), guard };
}

/** Runs one run to its end and returns its report. */
function runOnce(c: TinyCloud, strategy: OptimisationRun, budget: number): RunReport {
  let report: RunReport | undefined;
  strategy.run(budget, (r) => (report = r));
  c.runUntil(() => report !== undefined);
  return report!;
}

const moves = (c: TinyCloud) => c.rows.filter((r) => (r.action === 'live_migrate' || r.action === 'migrate') && r.outcome === 'accepted');
const on = (c: TinyCloud) => c.inventory.hosts.filter((h) => h.poweredOn).map((h) => h.name);

describe('consolidation', () => {
  it('empties the hosts with the fewest servers onto the fullest, within the budget, and switches them off', () => {
    const c = oneEach(4);
    const { strategy } = consolidation(c);

    const report = runOnce(c, strategy, 2);

    expect(report.moves).toBe(2);
    expect(moves(c)).toHaveLength(2);
    expect(on(c)).toEqual(['compute-1', 'compute-3']);
    expect([c.host('compute-1').servers.size, c.host('compute-3').servers.size]).toEqual([3, 1]);
  });

  it('switches off only empty hosts, over several runs', () => {
    const c = oneEach(4);
    const { strategy } = consolidation(c);
    const switchedOffHolding: number[] = [];
    c.inventory.observe({ hostChanged: (h) => void (!h.poweredOn && switchedOffHolding.push(h.servers.size)) });

    for (let run = 0; run < 3; run++) runOnce(c, strategy, 2);

    expect(on(c)).toEqual(['compute-1']);
    expect(switchedOffHolding.every((n) => n === 0)).toBe(true);
    expect(c.hostFacts.filter((f) => f.action === 'power_off_host').map((f) => f.outcome)).toEqual(['completed', 'completed', 'completed']);
  });

  it('does not start on a host whose servers exceed what is left of the budget', () => {
    const c = tinyCloud({ hosts: 2, scheduler: { policy: 'first_fit' } });
    for (let i = 0; i < 3; i++) c.create(`s-${i}`);
    c.create('big', { flavor: LARGE });
    c.act('live_migrate', c.inventory.serverNamed('big')!, { host: 'compute-1' }, true);
    const { strategy } = consolidation(c);

    const report = runOnce(c, strategy, 0);

    expect([report.moves, on(c)]).toEqual([0, ['compute-0', 'compute-1']]);
    expect(report.note).toMatch(/budget spent$/);
  });

  it('keeps the headroom: a host is switched off only while enough room stays, and switched on when it falls short', () => {
    const c = oneEach(3);
    const { strategy, guard } = consolidation(c, 2);

    runOnce(c, strategy, 10);
    expect([on(c).length, guard.headroom]).toEqual([2, 2]);
    for (let i = 0; i < 2; i++) c.create(`more-${i}`, { flavor: LARGE });

    expect(c.hostFacts.filter((f) => f.action === 'wake_host').map((f) => f.reason)).toEqual(['consolidation: headroom of m1.large 1 < 2']);
    expect(on(c)).toHaveLength(3);
  });

  it('gives the host back to service when a server cannot move (a group keeps it there)', () => {
    const c = tinyCloud({ hosts: 2, scheduler: { policy: 'spread' } });
    c.inventory.addGroup('ha', 'anti-affinity', c.inventory.projects.get(OWNER)!.id);
    c.create('m1', { group: 'ha' });
    c.create('m2', { group: 'ha' });
    const { strategy } = consolidation(c);

    const report = runOnce(c, strategy, 10);

    expect(report.note).toMatch(/would not fit|gave up/);
    expect(c.inventory.hosts.map((h) => [h.enabled, h.poweredOn, h.servers.size])).toEqual([[true, true, 1], [true, true, 1]]);
  });
});

describe('spreading', () => {
  it('moves servers off the most loaded host onto the least loaded, lowering the highest load, within the budget', () => {
    const c = tinyCloud({ hosts: 3 });
    for (let i = 0; i < 6; i++) c.create(`s-${i}`);
    const planner = movePlanner('spread', SCHEDULER_DEFAULTS, c.inventory, c.sim, makeRng('t'));
    const strategy = new Spreading(c.sim, c.nova, new Drains(c.sim, c.nova, SETTINGS).mover, planner);
    const before = Math.max(...c.inventory.hosts.map(ramLoad));

    const report = runOnce(c, strategy, 3);

    expect(report.moves).toBe(3);
    expect(c.inventory.hosts.map((h) => h.servers.size)).toEqual([3, 2, 1]);
    expect(Math.max(...c.inventory.hosts.map(ramLoad))).toBeLessThan(before);
  });

  it('stops when no move lowers the most loaded host', () => {
    const c = oneEach(3);
    const planner = movePlanner('spread', SCHEDULER_DEFAULTS, c.inventory, c.sim, makeRng('t'));
    const strategy = new Spreading(c.sim, c.nova, new Drains(c.sim, c.nova, SETTINGS).mover, planner);

    const report = runOnce(c, strategy, 5);

    expect(report.moves).toBe(0);
    expect(report.note).toMatch(/has no move that lowers it$/);
  });
});

describe('optimiser', () => {
  it('runs at the time of day, then every period, and skips a run while the previous one goes on', () => {
    const c = tinyCloud();
    const starts: number[] = [];
    let finish: (() => void) | undefined;
    const strategy: OptimisationRun = {
      mode: 'spread',
      firstHost: () => c.host('compute-0'),
      run: (_budget, done) => {
        starts.push(c.now);
        finish = () => done({ moves: 0, note: '' });
      },
    };
    new Optimiser(c.sim, c.nova, { mode: 'spread', every: 86_400, at: 7200, migration_budget: 5, power_off_empty: true, min_headroom: 0, headroom_flavor: undefined }, strategy).start();

    c.runTo(7200 + 86_400);
    finish!();
    c.runTo(7200 + 2 * 86_400);

    expect(starts).toEqual([7200, 7200 + 2 * 86_400]);
    expect(c.hostFacts.map((f) => f.action)).toEqual(['optimise_start', 'optimise_skipped', 'optimise_end', 'optimise_start']);
  });
});
