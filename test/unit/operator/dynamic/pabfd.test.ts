import { describe, expect, it } from 'vitest';
import { staticThreshold } from '../../../../src/operator/dynamic/overload/static-threshold.js';
import { powerAwareBestFit } from '../../../../src/operator/dynamic/pabfd.js';
import { PlanningHost } from '../../../../src/operator/dynamic/planning-host.js';
import { aHost, aServer } from './fixtures.js';

/**
 * A: a G4 half used (1860 of 3720 MIPS, 102 W now); B: a G5 half used
 * (2660 of 5320, 116 W); C: a G5 switched off (93.7 W at 0 %).
 */
function cloud() {
  return [aHost(0, 'G4', [aServer(10, 1860)]), aHost(1, 'G5', [aServer(11, 2660)]), aHost(2, 'G5')].map((h) => new PlanningHost(h));
}
const thr = staticThreshold(0.8);

describe('PABFD: the host whose draw rises least', () => {
  it('wakes a switched-off host when its slope is the cheapest: 532 MIPS cost C 3.3 W, A 4.86 W, B 5 W', () => {
    const hosts = cloud();

    // A: 1860 + 532 = 64.3 % -> 106.86 W (+4.86); B: 60 % -> 121 W (+5); C: 10 % -> 97 W (+3.3).
    expect(powerAwareBestFit(hosts, aServer(1, 532), new Set(), thr)?.id).toBe(2);
    expect(powerAwareBestFit(hosts, aServer(1, 532), new Set([hosts[2]!]), thr)?.id).toBe(0);
  });

  it('refuses a host the server would overload, unless the host uses no CPU', () => {
    const hosts = cloud();

    // 1200 more: A would be at 82.3 % > 80 %; B at 72.6 % (+10.02 W); C at 22.6 % (+8.32 W).
    expect(powerAwareBestFit(hosts, aServer(1, 1200), new Set(), thr)?.id).toBe(2);
    expect(powerAwareBestFit(hosts, aServer(1, 1200), new Set([hosts[2]!]), thr)?.id).toBe(1);
    expect(powerAwareBestFit(hosts, aServer(1, 1200), new Set([hosts[1]!, hosts[2]!]), thr)).toBeNull();
  });

  it('refuses a host whose cores are slower than one vCPU asks', () => {
    const hosts = cloud();

    // 1900 MIPS for one vCPU: more than a G4 core (1860).
    expect(powerAwareBestFit(hosts, aServer(1, 1900), new Set([hosts[2]!, hosts[1]!]), thr)).toBeNull();
  });

  it('refuses a host without the RAM the server claims', () => {
    const hosts = cloud();

    expect(powerAwareBestFit(hosts, aServer(1, 100, { ramClaimMb: 4097 }), new Set(), thr)).toBeNull();
  });

  it('leaves the hosts as it found them', () => {
    const hosts = cloud();
    powerAwareBestFit(hosts, aServer(1, 532), new Set(), thr);

    expect(hosts.map((h) => h.residents.length)).toEqual([1, 1, 0]);
    expect(hosts.map((h) => h.usedSpeed())).toEqual([1860, 2660, 0]);
  });
});
