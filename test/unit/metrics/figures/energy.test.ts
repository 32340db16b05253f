import { describe, expect, it } from 'vitest';
import { Energy } from '../../../../src/metrics/figures/energy.js';
import { wattsAt, type PowerModel } from '../../../../src/metrics/figures/power-model.js';
import { makeHost } from '../../../../src/model/host.js';
import { Inventory } from '../../../../src/model/inventory.js';
import { inventoryFacts } from '../fixtures.js';

const HOUR = 3600;
const linear: PowerModel = { name: 'linear', points: [[0, 100], [1, 300]], offW: 10 };
const curve: PowerModel = { name: 'curve', points: [[0, 80], [0.5, 180], [1, 250]], offW: 10 };

/** Hosts of 8 physical vCPUs (16 in Placement at cpu_allocation_ratio 2), each with `models[i]`, and a clock. */
function cloud(models: readonly PowerModel[] | null, hosts = 1) {
  const inventory = new Inventory();
  for (let i = 0; i < hosts; i++) {
    inventory.addHost((id) => makeHost(id, `h${i}`, { vcpus: 8, ramMb: 16384, diskGb: 200 }, { vcpus: 0, ramMb: 0, diskGb: 0 }, { vcpus: 2, ramMb: 1, diskGb: 1 }));
  }
  const clock = { now: 0 };
  const energy = new Energy(inventoryFacts(inventory, clock), inventory.hosts, models);
  return { inventory, energy, clock, h: inventory.hosts };
}

const HALF = { vcpus: 4, ramMb: 4096, diskGb: 40 };

/** Idle for 1 h, half busy for 2 h, then emptied and switched off for 2 h: the run ends at 5 h. */
function idleHalfOff(model: PowerModel) {
  const c = cloud([model]);
  const host = c.h[0]!;
  c.clock.now = HOUR;
  c.inventory.claim(host.id, HALF);
  c.clock.now = 3 * HOUR;
  c.inventory.release(host.id, HALF);
  host.poweredOn = false;
  host.alive = false;
  c.inventory.hostChanged(host);
  return c;
}

describe('wattsAt', () => {
  it('interpolates linearly between the points and clamps utilisation to 0..1', () => {
    expect(wattsAt(linear, 0.25)).toBe(150);
    expect(wattsAt(curve, 0.25)).toBe(130);
    expect(wattsAt(curve, 0.75)).toBe(215);
    expect(wattsAt(curve, 1)).toBe(250);
    expect(wattsAt(curve, 1.5)).toBe(250);
    expect(wattsAt(curve, -1)).toBe(80);
  });
});

describe('Energy', () => {
  it('integrates a linear model exactly: 1 h at 100 W, 2 h at 200 W, 2 h off at 10 W = 0.52 kWh', () => {
    const { energy, h } = idleHalfOff(linear);

    expect(energy.hostKwh(h[0]!.id, 5 * HOUR)).toBeCloseTo(0.52, 12);
    expect(energy.summary(5 * HOUR)).toEqual({
      total_kwh: 0.52,
      mean_power_w: 104,
      peak_power_w: 200,
      hosts_powered_on: { min: 0, mean: 0.6, max: 1 },
    });
  });

  it('integrates a table of points exactly: 1 h at 80 W, 2 h at 180 W, 2 h off at 10 W = 0.46 kWh', () => {
    const { energy, h } = idleHalfOff(curve);

    expect(energy.hostKwh(h[0]!.id, 5 * HOUR)).toBeCloseTo(0.46, 12);
    expect(energy.summary(5 * HOUR)).toMatchObject({ total_kwh: 0.46, mean_power_w: 92, peak_power_w: 180 });
  });

  it('reads utilisation as claimed vCPUs over physical vCPUs, capped at 1', () => {
    const { inventory, energy, h } = cloud([linear]);

    inventory.claim(h[0]!.id, { vcpus: 2, ramMb: 0, diskGb: 0 });
    expect(energy.powerW).toBe(150);
    inventory.claim(h[0]!.id, { vcpus: 10, ramMb: 0, diskGb: 0 }); // 12 of 8 physical: overcommitted
    expect(energy.powerW).toBe(300);
  });

  it('counts a failed host (on, not alive) at 0 W and a switched-off host at off_w', () => {
    const { inventory, energy, clock, h } = cloud([linear, linear], 2);
    expect(energy.powerW).toBe(200);

    clock.now = HOUR;
    h[0]!.alive = false;
    inventory.hostChanged(h[0]!);
    h[1]!.poweredOn = false;
    h[1]!.alive = false;
    inventory.hostChanged(h[1]!);

    expect(energy.powerW).toBe(10);
    expect(energy.hostsPoweredOn).toBe(1);
    expect(energy.summary(2 * HOUR)).toMatchObject({ total_kwh: 0.21, peak_power_w: 200, hosts_powered_on: { min: 1, mean: 1.5, max: 2 } });
  });

  it('without power models gives null power figures and still counts the hosts switched on', () => {
    const { energy, h } = cloud(null, 3);

    expect([energy.powerW, energy.hostsPoweredOn]).toEqual([null, 3]);
    expect(energy.hostKwh(h[0]!.id, HOUR)).toBeNull();
    expect(energy.summary(HOUR)).toEqual({
      total_kwh: null,
      mean_power_w: null,
      peak_power_w: null,
      hosts_powered_on: { min: 3, mean: 3, max: 3 },
    });
  });
});

describe('Energy following the CPU (dynamic consolidation, model nova)', () => {
  /** One host of the linear model (100 W idle, 300 W peak, 10 W off) whose draw follows host_cpu facts. */
  function cpuCloud() {
    const inventory = new Inventory();
    inventory.addHost((id) => makeHost(id, 'h0', { vcpus: 8, ramMb: 16384, diskGb: 200 }, { vcpus: 0, ramMb: 0, diskGb: 0 }, { vcpus: 2, ramMb: 1, diskGb: 1 }));
    const clock = { now: 0 };
    const facts = inventoryFacts(inventory, clock);
    const energy = new Energy(facts, inventory.hosts, [linear], 0, true);
    const cpu = (time: number, allocatedMips: number) => {
      clock.now = time;
      facts.emit({ type: 'host_cpu', time, host: inventory.hosts[0]!.id, allocatedMips, requestedMips: allocatedMips, capacityMips: 8 });
    };
    return { inventory, energy, clock, cpu };
  }

  it('integrates the draw at the CPU given, not the claims: 1 h idle, 2 h at half the CPU (200 W), 1 h at more than all of it (300 W) = 0.8 kWh', () => {
    const c = cpuCloud();
    c.inventory.claim(c.inventory.hosts[0]!.id, { vcpus: 16, ramMb: 1024, diskGb: 1 }); // claims every vCPU: by claims it would draw 300 W
    c.cpu(0, 0);
    c.cpu(HOUR, 4);
    c.cpu(3 * HOUR, 9);

    expect(c.energy.summary(4 * HOUR).total_kwh).toBe(0.8);
    expect(c.energy.kwh(4 * HOUR)).toBeCloseTo(0.8, 12);
  });

  it('draws off_w once the host is switched off, whatever its last CPU', () => {
    const c = cpuCloud();
    c.cpu(0, 8);
    c.clock.now = HOUR;
    const host = c.inventory.hosts[0]!;
    host.poweredOn = false;
    c.inventory.hostChanged(host);

    expect(c.energy.summary(2 * HOUR).total_kwh).toBe(0.31);
    expect(c.energy.hostsPoweredOn).toBe(0);
  });
});
