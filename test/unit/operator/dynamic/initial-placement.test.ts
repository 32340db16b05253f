import { describe, expect, it } from 'vitest';
import { placeInitially } from '../../../../src/operator/dynamic/initial-placement.js';
import { interQuartileRange } from '../../../../src/operator/dynamic/overload/adaptive-threshold.js';
import { staticThreshold } from '../../../../src/operator/dynamic/overload/static-threshold.js';
import type { Move } from '../../../../src/operator/dynamic/types.js';
import { aHost, aServer } from './fixtures.js';

/** The benchmark's server types (MIPS, RAM MB), by block of ceil(N / 4) servers. */
const TYPES = [
  [2500, 870],
  [2000, 1740],
  [1000, 1740],
  [500, 613],
] as const;

function benchmark(hosts: number, servers: number) {
  const block = Math.ceil(servers / 4);
  return {
    hosts: Array.from({ length: hosts }, (_, id) => aHost(id, id % 2 === 0 ? 'G4' : 'G5')),
    servers: Array.from({ length: servers }, (_, id) => {
      const [speed, ramMb] = TYPES[Math.floor(id / block)]!;
      return aServer(id, 0, { speed, ramMb });
    }),
  };
}

/** How many hosts got 1, 2, 3, ... servers. */
function spread(placed: readonly Move[]): Record<number, number> {
  const perHost = new Map<number, number>();
  for (const m of placed) perHost.set(m.to, (perHost.get(m.to) ?? 0) + 1);
  const counts: Record<number, number> = {};
  for (const n of perHost.values()) counts[n] = (counts[n] ?? 0) + 1;
  return counts;
}

describe('placeInitially', () => {
  it('first fit puts each server on the first host that holds its whole flavor', () => {
    const { hosts, servers } = benchmark(4, 8);

    const { placed, unplaced } = placeInitially(hosts, servers, { kind: 'first-fit' });

    // Hosts G4, G5, G4, G5. The 2500- and 2000-MIPS servers need a G5 core: two fill host 1 (5000 of 5320 MIPS), two host 3.
    // The 1000- and 500-MIPS servers fit host 0 until its RAM is out (1740 + 1740 + 613 = 4093 of 4096 MB); the last goes to host 2.
    expect(placed.map((m) => m.to)).toEqual([1, 1, 3, 3, 0, 0, 0, 2]);
    expect(unplaced).toEqual([]);
  });

  it('PABFD takes the smallest absolute draw, every host being idle "now": an empty host while one can take the server', () => {
    const { hosts, servers } = benchmark(4, 8);

    const { placed } = placeInitially(hosts, servers, { kind: 'pabfd', detector: staticThreshold(0.8) });

    // The big servers alternate between the two G5s (an empty one draws least after the move); the small ones
    // alternate between the G4s: 1000 MIPS on an empty G4 (26.9 %) beats a second one (53.8 %), and so on.
    expect(placed.map((m) => m.to)).toEqual([1, 3, 1, 3, 0, 2, 0, 2]);
  });

  it('names the servers no host can take', () => {
    const { placed, unplaced } = placeInitially([aHost(0, 'G4')], [aServer(7, 0, { speed: 2500 })], { kind: 'first-fit' });

    expect(placed).toEqual([]);
    expect(unplaced).toEqual([7]);
  });

  describe('at the size of the benchmark (800 hosts, 1052 servers)', () => {
    const { hosts, servers } = benchmark(800, 1052);

    it("first fit (NPA, DVFS) fills 414 hosts, as CloudSim 3.0.3's reference run did", () => {
      const { placed } = placeInitially(hosts, servers, { kind: 'first-fit' });

      // research/cloudsim-planetlab-20110303.md 2.3: 414 hosts, all with ids <= 525: 245 with 2 servers, 150 with 3, 1 with 4, 18 with 6.
      expect(spread(placed)).toEqual({ 2: 245, 3: 150, 4: 1, 6: 18 });
      expect(Math.max(...placed.map((m) => m.to))).toBeLessThanOrEqual(525);
    });

    it('PABFD puts servers on all 800 hosts: 548 with one and 252 with two, for THR and for IQR (its fallback)', () => {
      expect(spread(placeInitially(hosts, servers, { kind: 'pabfd', detector: staticThreshold(0.8) }).placed)).toEqual({ 1: 548, 2: 252 });
      expect(spread(placeInitially(hosts, servers, { kind: 'pabfd', detector: interQuartileRange(1.5, staticThreshold(0.7)) }).placed)).toEqual({ 1: 548, 2: 252 });
    });
  });
});
