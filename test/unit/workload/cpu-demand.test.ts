import { describe, expect, it } from 'vitest';
import { makeRng } from '../../../src/engine/random.js';
import { DiurnalDemand, type DiurnalShape } from '../../../src/workload/demand/diurnal-demand.js';
import { SampledDemand } from '../../../src/workload/demand/sampled-demand.js';
import { planetLabFiles, readPlanetLabTrace } from '../../../src/workload/traces/planetlab.js';

describe('SampledDemand (CloudSim\'s PlanetLab utilisation model)', () => {
  const demand = new SampledDemand([0.1, 0.4, 0.2], 300);

  it('holds each sample at its own time and interpolates linearly between them', () => {
    expect(demand.at(0)).toBe(0.1);
    expect(demand.at(300)).toBe(0.4);
    expect(demand.at(150)).toBeCloseTo(0.25, 15);
    expect(demand.at(450)).toBeCloseTo(0.3, 15);
  });

  it('closes the last interval with a copy of the last sample, then holds it', () => {
    expect(demand.length).toBe(4);
    expect(demand.at(700)).toBe(0.2);
    expect(demand.at(900)).toBe(0.2);
    expect(demand.at(5000)).toBe(0.2);
  });

  it("computes CloudSim's doubles term for term: u1 + (u2 - u1) / 300 * (t - 300 k)", () => {
    const t = 300.1;
    const expected = 0.4 + ((0.2 - 0.4) / ((2 - 1) * 300)) * (t - 1 * 300);

    expect(demand.at(t)).toBe(expected);
  });

  it('asks for exactly 0 between two zero samples, and only there', () => {
    const zeros = new SampledDemand([0.05, 0, 0, 0.01], 300);

    expect(zeros.at(300.1)).toBe(0);
    expect(zeros.at(0.1)).toBeGreaterThan(0);
    expect(zeros.at(600.1)).toBeGreaterThan(0);
  });
});

describe('the PlanetLab day of 2011-03-03', () => {
  const folder = 'data/planetlab/20110303';
  const traces = planetLabFiles(folder, { kind: 'file', file: 'data/planetlab/vm-order-20110303.txt' }).map(
    (name) => new SampledDemand(readPlanetLabTrace(`${folder}/${name}`, 288), 300),
  );

  /** The first update (300 k + 0.1, k >= 1) at which the trace asks for exactly nothing: when CloudSim 3.0.3 deletes its VM. */
  const firstZero = (d: SampledDemand): number | null => {
    for (let k = 1; k <= 287; k++) if (d.at(300 * k + 0.1) === 0) return 300 * k + 0.1;
    return null;
  };

  it('has the 532 servers CloudSim removes for a zero request, at the times its reference run removed them', () => {
    const times = traces.map(firstZero).filter((t): t is number => t !== null);
    const by = (t: number): number => times.filter((x) => x <= t).length;

    // research/cloudsim-planetlab-20110303.md, section 3.1: 58 at 300.1 s, 314 by 3600.1 s, 477 by 21600.1 s, 500 by 43200.1 s, 532 by 86100.1 s.
    expect([by(300.1), by(3600.1), by(21600.1), by(43200.1), by(86100.1)]).toEqual([58, 314, 477, 500, 532]);
  });
});

describe('DiurnalDemand', () => {
  const shape: DiurnalShape = { mean: 0.4, amplitude: 0.3, peakAt: 14 * 3600, noiseSd: 0, interval: 300 };
  const stream = () => makeRng('7/cpu/web/1');

  it('peaks at the given hour and bottoms out twelve hours away', () => {
    const d = new DiurnalDemand(shape, stream);

    expect(d.at(14 * 3600)).toBeCloseTo(0.7, 12);
    expect(d.at(2 * 3600)).toBeCloseTo(0.1, 12);
    expect(d.at(14 * 3600 + 86_400)).toBeCloseTo(0.7, 12);
  });

  it('clamps to [0, 1]', () => {
    const d = new DiurnalDemand({ ...shape, mean: 0.9, amplitude: 0.5 }, stream);

    expect(d.at(14 * 3600)).toBe(1);
    expect(new DiurnalDemand({ ...shape, mean: 0.1, amplitude: 0.5 }, stream).at(2 * 3600)).toBe(0);
  });

  it('draws its noise from its own stream: the same curve however it is read, forward or back', () => {
    const noisy = { ...shape, noiseSd: 0.1 };
    const times = [0, 150, 300, 7200.5, 3600, 86_000, 10];
    const once = times.map((t) => new DiurnalDemand(noisy, stream).at(t));
    const reused = new DiurnalDemand(noisy, stream);

    expect(times.map((t) => reused.at(t))).toEqual(once);
    expect(new DiurnalDemand(noisy, () => makeRng('7/cpu/web/2')).at(7200)).not.toBe(once[3]);
  });

  it('is linear between samples, as a trace is', () => {
    const d = new DiurnalDemand({ ...shape, noiseSd: 0.1 }, stream);
    const [a, b] = [d.at(600), d.at(900)];

    expect(d.at(675)).toBeCloseTo(a + (b - a) / 4, 14);
  });
});
