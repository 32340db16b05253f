import { describe, expect, it } from 'vitest';
import { Bus } from '../../../src/engine/bus.js';
import { CpuEnergy, cloudsimIntervalJoules, npaIntervalJoules } from '../../../src/metrics/figures/cpu-energy.js';
import { HostLoad } from '../../../src/metrics/figures/host-load.js';
import type { RunFact } from '../../../src/metrics/run-facts.js';
import type { HostId } from '../../../src/model/ids.js';
import { JOULES_PER_KWH } from '../../../src/metrics/format.js';
import { wattsAt } from '../../../src/metrics/figures/power-model.js';
import { esv, hostSlaTime, pdm, pdmMeanOfRatios, serverSlaWork, Sla, slatah, slatahMeanOfRatios, slav } from '../../../src/metrics/figures/sla.js';
import { isSpecPowerTable, specPowerCurve } from '../../../src/model/specpower-curve.js';

const G4 = [86, 89.4, 92.6, 96, 99.5, 102, 106, 108, 112, 114, 117].map((w, k) => [k / 10, w] as const);
const G5 = [93.7, 97, 101, 105, 110, 116, 121, 125, 129, 133, 135].map((w, k) => [k / 10, w] as const);

describe('specPowerCurve (a SPECpower table read as CloudSim reads it)', () => {
  const g4 = specPowerCurve(G4);

  it('gives the measured watts at each 10 % and interpolates linearly in between', () => {
    expect(g4(0)).toBe(86);
    expect(g4(0.5)).toBe(102);
    expect(g4(1)).toBe(117);
    expect(g4(0.25)).toBeCloseTo(94.3, 12);
    expect(g4(0.643)).toBeCloseTo(106.86, 12);
  });

  it('agrees with the power model read through wattsAt to the last digits', () => {
    const model = { name: 'g5', points: G5, offW: 0 };
    const g5 = specPowerCurve(G5);
    for (let u = 0; u <= 1; u += 0.0137) expect(g5(u)).toBeCloseTo(wattsAt(model, u), 10);
  });

  it('refuses loads outside 0..1, and tables that are not 11 points at every 10 %', () => {
    expect(() => g4(1.0001)).toThrow(RangeError);
    expect(() => g4(-0.1)).toThrow(RangeError);
    expect(() => specPowerCurve([[0, 80], [1, 200]])).toThrow(RangeError);
    expect(isSpecPowerTable(G4)).toBe(true);
    expect(isSpecPowerTable([[0, 80], [1, 200]])).toBe(false);
  });
});

describe("CloudSim's energy integration", () => {
  const g5 = specPowerCurve(G5);

  it('takes the trapezoid between the draws at two updates', () => {
    // 300 s from 50 % (116 W) to 70 % (125 W): 120.5 W on average.
    expect(cloudsimIntervalJoules(g5(0.5), g5(0.7), 0.5, 300)).toBe(120.5 * 300);
  });

  it('charges nothing for an interval that starts at 0 % (the host counts as off), whatever follows', () => {
    expect(cloudsimIntervalJoules(g5(0), g5(0.9), 0, 300.1)).toBe(0);
  });

  it('adds up a hand-worked day of one host: off, then 300 s at 10 %->30 %, then 300 s at 30 %->30 %', () => {
    const updates = [0, 0.1, 0.3, 0.3];
    const times = [0, 300.1, 600.1, 900.1];
    let joules = 0;
    for (let i = 1; i < updates.length; i++) joules += cloudsimIntervalJoules(g5(updates[i - 1]!), g5(updates[i]!), updates[i - 1]!, times[i]! - times[i - 1]!);

    // (97 + 105) / 2 x 300 + 105 x 300 = 30300 + 31500 J.
    expect(joules).toBeCloseTo(61_800, 8);
    expect(joules / JOULES_PER_KWH).toBeCloseTo(0.017167, 6);
  });

  it('charges NPA the peak of every host all the time: 100.8 kW x 86100.1 s is 2410.80 kWh', () => {
    const fleet = 400 * 117 + 400 * 135;

    expect(npaIntervalJoules(fleet, 86_100.1) / JOULES_PER_KWH).toBeCloseTo(2410.8028, 4);
  });
});

describe('the SLA figures', () => {
  it('SLATAH from host histories: time active with less given than asked, pooled over hosts', () => {
    // Host A: active 0-600, short of CPU in 300-600; then inactive. Host B: active 0-300, never short.
    const a = hostSlaTime([
      { time: 0, allocated: 1000, requested: 1000, active: true },
      { time: 300, allocated: 900, requested: 1000, active: true },
      { time: 600, allocated: 0, requested: 0, active: false },
      { time: 900, allocated: 0, requested: 0, active: false },
    ]);
    const b = hostSlaTime([
      { time: 0, allocated: 500, requested: 500, active: true },
      { time: 300, allocated: 0, requested: 0, active: false },
    ]);

    expect(a).toEqual({ activeSeconds: 600, violatedSeconds: 300 });
    expect(b).toEqual({ activeSeconds: 300, violatedSeconds: 0 });
    expect(slatah([a, b])).toBeCloseTo(300 / 900, 15);
    expect(slatahMeanOfRatios([a, b])).toBeCloseTo((0.5 + 0) / 2, 15);
  });

  it('PDM from server histories: only what a server lost while migrating out counts', () => {
    // 300 s at 1000 asked / 1000 given; 14 s migrating at 1000 / 900; 286 s at 1000 / 800 without migrating.
    const s = serverSlaWork([
      { time: 0, allocated: 1000, requested: 1000, migrating: false },
      { time: 300, allocated: 900, requested: 1000, migrating: true },
      { time: 314, allocated: 800, requested: 1000, migrating: false },
      { time: 600, allocated: 0, requested: 0, migrating: false },
    ]);
    const idle = serverSlaWork([
      { time: 0, allocated: 500, requested: 500, migrating: false },
      { time: 600, allocated: 0, requested: 0, migrating: false },
    ]);

    expect(s).toEqual({ requested: 600_000, lostToMigration: 1400 });
    expect(pdm([s, idle])).toBeCloseTo(1400 / 900_000, 15);
    expect(pdmMeanOfRatios([s, idle])).toBeCloseTo(1400 / 600_000 / 2, 15);
  });

  it('SLAV is SLATAH x PDM and ESV is energy x SLAV: the reference THR-MMT-0.8 figures', () => {
    // research/cloudsim-planetlab-20110303.md 2.2.
    const v = slav(4.996805195842e-2, 7.139069119995e-4);

    expect(v).toBeCloseTo(3.567253767226e-5, 15);
    expect(esv(198.083145503, v)).toBeCloseTo(7.066128470192e-3, 12);
  });
});

describe('the CPU figures, listening to the facts', () => {
  const g5 = specPowerCurve(G5);
  const hostCpu = (time: number, host: number, allocatedMips: number, requestedMips: number) =>
    ({ type: 'host_cpu', time, host: host as HostId, allocatedMips, requestedMips, capacityMips: 5320 }) as const;

  it('keep one state per host and instant, the last told, as CloudSim keeps its histories', () => {
    const facts = new Bus<RunFact>();
    const sla = new Sla(facts);
    // At 300 the host is short of CPU, then a migration lands at the same instant and it is not: only the second counts.
    for (const f of [hostCpu(0, 0, 1000, 1000), hostCpu(300, 0, 900, 1000), hostCpu(300, 0, 1000, 1000), hostCpu(600, 0, 0, 0), hostCpu(900, 0, 0, 0)]) facts.emit(f);

    expect(sla.summary(1).slatah).toBe(0);
    expect(sla.shutdowns()).toBe(1);
  });

  it('count a shutdown for a host idle from its first state, and SLATAH as pooled time', () => {
    const facts = new Bus<RunFact>();
    const sla = new Sla(facts);
    for (const f of [hostCpu(0, 0, 900, 1000), hostCpu(0, 1, 0, 0), hostCpu(300, 0, 1000, 1000), hostCpu(300, 1, 500, 500), hostCpu(600, 0, 1000, 1000), hostCpu(600, 1, 500, 500)]) facts.emit(f);

    expect(sla.shutdowns()).toBe(1);
    // Host 0: 600 s active, 300 s short; host 1: 300 s active.
    expect(sla.summary(1).slatah).toBe(300 / 900);
  });

  it("integrate energy as CloudSim's trapezoid, or every host at peak for NPA", () => {
    const facts = new Bus<RunFact>();
    const trapezoid = new CpuEnergy(facts, { watts: [g5], mode: 'trapezoid' });
    const peak = new CpuEnergy(facts, { watts: [g5], mode: 'peak' });
    facts.emit(hostCpu(300.1, 0, 532, 532));
    facts.emit({ type: 'datacenter_update', time: 300.1, seconds: 300.1 });
    facts.emit(hostCpu(600.1, 0, 1596, 1596));
    facts.emit({ type: 'datacenter_update', time: 600.1, seconds: 300 });

    // The first interval starts at 0 % and is free; the second runs 10 % -> 30 %: (97 + 105) / 2 W for 300 s.
    expect(trapezoid.kwh * JOULES_PER_KWH).toBeCloseTo(101 * 300, 9);
    expect(peak.kwh * JOULES_PER_KWH).toBeCloseTo(135 * 600.1, 9);
    expect(trapezoid.hostsActive).toBe(1);
  });

  it('give the hosts utilisation as percentiles of a 1 % histogram, and the hosts short of CPU', () => {
    const facts = new Bus<RunFact>();
    const load = new HostLoad(facts);
    [0.05, 0.2, 0.5, 0.8].forEach((u, h) => facts.emit(hostCpu(300, h, u * 5320, h === 3 ? 5320 : u * 5320)));
    facts.emit(hostCpu(300, 4, 0, 0));

    expect(load.now()).toEqual({ active: 4, p10: 0.05, p50: 0.2, p90: 0.8, max: 0.8, short: 1 });
  });
});
