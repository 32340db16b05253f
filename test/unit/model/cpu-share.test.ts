import { describe, expect, it } from 'vitest';
import { cpuInUse, shareCpu, type CpuRequest } from '../../../src/model/cpu-share.js';

/** An HP ProLiant ML110 G4 of the benchmark: two cores of 1860 MIPS. */
const G4 = { cores: 2, coreSpeed: 1860 };
/** An ML110 G5: two cores of 2660 MIPS. */
const G5 = { cores: 2, coreSpeed: 2660 };
const ask = (perVcpu: number, role: CpuRequest['role'] = 'none', vcpus = 1): CpuRequest => ({ perVcpu, vcpus, role });

describe('shareCpu (CloudSim\'s time-shared scheduler with oversubscription)', () => {
  it('gives every request in full while they fit, and keeps the rest available', () => {
    const shares = shareCpu(G4, [ask(1000), ask(1500)]);

    expect([...shares.allocated]).toEqual([1000, 1500]);
    expect(shares.available).toBe(1220);
    expect(shares.oversubscribed).toBe(false);
  });

  it('caps a vCPU at one core: 2500 MIPS asked of 1860 MIPS cores gets 1860', () => {
    expect([...shareCpu(G4, [ask(2500)]).allocated]).toEqual([1860]);
  });

  it('gives a server migrating out 90 % while reserving all of it, and one migrating in 10 % of its request', () => {
    const requests = [ask(1500), ask(1800, 'out'), ask(1500, 'in')];
    const shares = shareCpu(G4, requests);

    // Reserved: 1500 + 1800 + 10 % of 1500 = 3450 of 3720.
    expect([...shares.allocated]).toEqual([1500, 1620, 150]);
    expect(shares.available).toBeCloseTo(270, 9);
    // The host counts the migrating-out server whole: 1500 + 1620 / 0.9 + 150.
    expect(cpuInUse(requests, shares)).toBeCloseTo(3450, 9);
  });

  it('scales every share by capacity / asked once they do not fit, then floors each to whole MIPS', () => {
    // Asked: 2500 + 2000 + 1000 = 5500 of 5320; factor 5320 / 5500 = 0.967...
    const shares = shareCpu(G5, [ask(2500), ask(2000), ask(1000)]);

    expect([...shares.allocated]).toEqual([2418, 1934, 967]);
    expect(shares.available).toBe(0);
    expect(shares.oversubscribed).toBe(true);
  });

  it('scales a migrating server before taking 90 % out, and takes 10 % before scaling in', () => {
    // Asked: 1500 + 1800 + 10 % of 2000 + 2000 = 5500 of 5320.
    const shares = shareCpu(G5, [ask(1500), ask(1800, 'out'), ask(2000, 'in'), ask(2000)]);
    const f = 5320 / 5500;

    expect([...shares.allocated]).toEqual([Math.floor(1500 * f), Math.floor(1800 * f * 0.9), Math.floor(2000 * 0.1 * f), Math.floor(2000 * f)]);
    expect([...shares.allocated]).toEqual([1450, 1566, 193, 1934]);
  });

  it('gives nothing to a server asking for nothing, scaled or not', () => {
    // Asked: 1860 + 1860 (both capped) + 500 = 4220 of 3720.
    expect([...shareCpu(G4, [ask(2500), ask(0), ask(2000), ask(0), ask(500)]).allocated]).toEqual([1639, 0, 1639, 0, 440]);
    expect([...shareCpu(G4, [ask(0)]).allocated]).toEqual([0]);
  });

  it('counts vCPU-seconds with cores of speed 1, and keeps fractions when the quantum is 0', () => {
    const host = { cores: 4, coreSpeed: 1 };
    const fits = shareCpu(host, [ask(0.9, 'none', 2), ask(0.8, 'none', 2), ask(0.5)], 0);

    expect([...fits.allocated]).toEqual([1.8, 1.6, 0.5]);
    expect(fits.available).toBeCloseTo(0.1, 12);

    const over = shareCpu(host, [ask(0.9, 'none', 2), ask(0.8, 'none', 2), ask(0.5), ask(0.6)], 0);
    const factor = 4 / 4.5;

    expect([...over.allocated].map((x) => +x.toFixed(12))).toEqual([1.8 * factor, 1.6 * factor, 0.5 * factor, 0.6 * factor].map((x) => +x.toFixed(12)));
    expect([...over.allocated].reduce((a, b) => a + b)).toBeCloseTo(4, 12);
  });
});
