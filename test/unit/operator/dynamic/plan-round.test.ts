import { describe, expect, it } from 'vitest';
import { staticThreshold } from '../../../../src/operator/dynamic/overload/static-threshold.js';
import { planRound, planRoundFully } from '../../../../src/operator/dynamic/plan-round.js';
import { minimumMigrationTime } from '../../../../src/operator/dynamic/selection/minimum-migration-time.js';
import { aHost, aServer } from './fixtures.js';

const THR_MMT = { detector: staticThreshold(0.8), selector: minimumMigrationTime() };

describe('planRound (THR-0.8 with MMT)', () => {
  /**
   * H0, a G4, asks 3100 of 3720 MIPS (83 %): overloaded. H1 (G5) asks 1000,
   * H2 (G5) 500, H3 (G4) is switched off.
   */
  const a = aServer(1, 1500, { ramMb: 870 });
  const b = aServer(2, 1600, { ramMb: 613 });
  const c = aServer(3, 1000, { ramMb: 1740 });
  const d = aServer(4, 500, { ramMb: 613 });
  const cloud = [aHost(0, 'G4', [a, b]), aHost(1, 'G5', [c]), aHost(2, 'G5', [d]), aHost(3, 'G4')];

  it('moves the smallest server off the overloaded host to the cheapest rise, then empties the least used host', () => {
    // Overload: MMT takes b (613 MB) off H0, which then asks 40 % and is fine.
    //   b on H1: 18.8 % -> 48.9 %, +14.8 W; on H2: 9.4 % -> 39.5 %, +12.9 W; on H3 (off): 0 -> 43 %, +14.3 W. H2 wins.
    // Underload (H0 overloaded and H3 off are out): H2 is the least used by the last update (9.4 %);
    //   its servers, b (just planned there) and d, both go to H1, the only host left.
    expect(planRound(cloud, THR_MMT)).toEqual([
      { server: 2, from: 0, to: 2 },
      { server: 2, from: 2, to: 1 },
      { server: 4, from: 2, to: 1 },
    ]);
  });

  it('leaves a cloud alone when nothing is overloaded and no host can be emptied', () => {
    const full = [aHost(0, 'G5', [aServer(1, 2000), aServer(2, 2000)]), aHost(1, 'G5', [aServer(3, 2100), aServer(4, 2000)])];

    expect(planRound(full, THR_MMT)).toEqual([]);
  });

  it('empties a host all or nothing: a server that fits nowhere keeps its companions home', () => {
    // H1 (least used) holds one server too big for H0's cores (2600 > 1860 MIPS per core) and one small.
    const cloud2 = [aHost(0, 'G4', [aServer(1, 1000)]), aHost(1, 'G5', [aServer(2, 2600), aServer(3, 100)]), aHost(2, 'G5', [aServer(4, 2660), aServer(5, 2600)])];

    // H0 (26.9 %) is least used: its server goes to H1. H1 is then a destination and stays; H2 cannot be emptied.
    expect(planRound(cloud2, THR_MMT)).toEqual([{ server: 1, from: 0, to: 1 }]);
  });

  it('does not choose servers already migrating, nor empty a host whose servers are all on the move', () => {
    const moving = aServer(9, 3000, { migrating: true, ramMb: 613 });
    const cloud3 = [aHost(0, 'G5', [moving, aServer(1, 1500, { ramMb: 1740 })]), aHost(1, 'G5', [{ server: moving, role: 'in' }]), aHost(2, 'G5', [aServer(2, 100)])];

    const moves = planRound(cloud3, THR_MMT);

    expect(moves.some((m) => m.server === 9)).toBe(false);
    expect(moves[0]).toEqual({ server: 1, from: 0, to: 2 });
  });
});

describe('planRoundFully with a destination rule (model nova: the hosts Nova\'s scheduler accepts)', () => {
  const a = aServer(1, 1500, { ramMb: 870 });
  const b = aServer(2, 1600, { ramMb: 613 });
  const c = aServer(3, 1000, { ramMb: 1740 });
  const d = aServer(4, 500, { ramMb: 613 });
  const cloud = () => [aHost(0, 'G4', [a, b]), aHost(1, 'G5', [c]), aHost(2, 'G5', [d]), aHost(3, 'G4')];

  it('gives the same moves as planRound when the rule allows every host', () => {
    const plan = planRoundFully(cloud(), { ...THR_MMT, allowed: () => true });

    expect(plan.moves).toEqual(planRound(cloud(), THR_MMT));
    expect(plan).toMatchObject({ overloaded: [0], stranded: [] });
  });

  it('never puts a server on a host the rule refuses: b skips H2 (the cheapest rise) for H3, the next cheapest', () => {
    // Without the rule b goes to H2 (+12.9 W); refused there, H3 (off, +14.3 W) beats H1 (+14.8 W).
    const plan = planRoundFully(cloud(), { ...THR_MMT, allowed: (server, host) => !(server.id === 2 && host === 2) });

    expect(plan.moves[0]).toEqual({ server: 2, from: 0, to: 3 });
    expect(plan.moves.every((m) => !(m.server === 2 && m.to === 2))).toBe(true);
  });

  it('reports the overloaded host\'s server no allowed host takes as stranded, and plans no move for it', () => {
    const plan = planRoundFully(cloud(), { ...THR_MMT, allowed: (server) => server.id !== 2 });

    expect(plan.stranded).toEqual([2]);
    expect(plan.moves.some((m) => m.server === 2)).toBe(false);
  });
});
