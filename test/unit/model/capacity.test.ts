import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitCount, fits, freeRoom, inService } from '../../../src/model/capacity.js';
import { makeHost, type Host } from '../../../src/model/host.js';
import type { HostId } from '../../../src/model/ids.js';

const aHost = (changes: Partial<Host> = {}): Host =>
  Object.assign(makeHost(0 as HostId, 'h', { vcpus: 8, ramMb: 16384, diskGb: 200 }, { vcpus: 0, ramMb: 512, diskGb: 0 }, { vcpus: 2, ramMb: 1, diskGb: 1 }), changes);

describe('inService', () => {
  it.each([
    ['an enabled host whose service is up', {}, 100, true],
    ['a disabled host', { enabled: false }, 100, false],
    ['a host that stopped reporting, before service_down_time has passed', { alive: false, reporting: false, downSince: 160 }, 100, true],
    ['the same host once it has', { alive: false, reporting: false, downSince: 160 }, 160, false],
    ['a host whose service is forced down', { forcedDown: true }, 100, false],
    ['a host switched off (disabled and forced down)', { poweredOn: false, alive: false, reporting: false, enabled: false, forcedDown: true }, 100, false],
  ] as const)('%s', (_what, changes, now, expected) => {
    expect(inService(aHost(changes), now)).toBe(expected);
  });
});

describe('fitCount', () => {
  it('takes the scarcest class the size asks for', () => {
    expect(fitCount({ vcpus: 16, ramMb: 8192, diskGb: 100 }, { vcpus: 2, ramMb: 2048, diskGb: 40 })).toBe(2);
  });

  it('ignores a class the size asks none of, even when it is overcommitted', () => {
    expect(fitCount({ vcpus: 4, ramMb: 4096, diskGb: -10 }, { vcpus: 1, ramMb: 1024, diskGb: 0 })).toBe(4);
  });

  it('finds no room where a class it asks for is overcommitted, and none for a size of nothing', () => {
    expect(fitCount({ vcpus: -2, ramMb: 4096, diskGb: 10 }, { vcpus: 1, ramMb: 1024, diskGb: 0 })).toBe(0);
    expect(fitCount({ vcpus: 4, ramMb: 4096, diskGb: 10 }, { vcpus: 0, ramMb: 0, diskGb: 0 })).toBe(0);
  });

  it("counts a host's room as Placement does: (total - reserved) x ratio less the claims", () => {
    const host = aHost({ used: { vcpus: 10, ramMb: 4096, diskGb: 20 } });

    expect(freeRoom(host)).toEqual({ vcpus: 6, ramMb: 11776, diskGb: 180 });
    expect(fitCount(freeRoom(host), { vcpus: 2, ramMb: 4096, diskGb: 40 })).toBe(2);
  });
});

describe('fits', () => {
  it("agrees with Placement's test (used + asked <= capacity in every class asked for) on random hosts", () => {
    const amount = fc.integer({ min: 0, max: 64 });
    fc.assert(
      fc.property(amount, amount, amount, fc.integer({ min: 1, max: 16 }), fc.integer({ min: 1, max: 16 }), amount, (cpu, ram, disk, needCpu, needRam, needDisk) => {
        const host = aHost({ used: { vcpus: cpu, ramMb: ram * 256, diskGb: disk * 3 } });
        const need = { vcpus: needCpu, ramMb: needRam * 512, diskGb: needDisk };
        const placement = (['vcpus', 'ramMb', 'diskGb'] as const).every((c) => need[c] === 0 || host.used[c] + need[c] <= host.capacity[c]);

        expect(fits(host, need)).toBe(placement);
      }),
    );
  });
});
