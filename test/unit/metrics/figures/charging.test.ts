import { describe, expect, it } from 'vitest';
import { Charging, hourlyCost, type ChargingRates, type StatusRate } from '../../../../src/metrics/figures/charging.js';
import { renderServersCsv } from '../../../../src/metrics/writers/servers-csv.js';
import { Availability } from '../../../../src/metrics/figures/availability.js';
import { factBus, refusedFact, serverFact } from '../fixtures.js';
import { smallCloud } from '../inventory-fixture.js';

const HOUR = 3600;
const rate = (r: Partial<StatusRate>): StatusRate => ({ perVcpuHour: 0, perGbRamHour: 0, perGbDiskHour: 0, perFlavorHour: {}, ...r });

// web-1 is an m1.small of 2 vCPUs, 4096 MB and 40 GB:
//   ACTIVE            2 x 0.02 + 4 x 0.005 = 0.06 an hour
//   SHUTOFF           4 x 0.005            = 0.02 an hour
//   SHELVED_OFFLOADED 40 x 0.0001          = 0.004 an hour
const RATES: ChargingRates = {
  ACTIVE: rate({ perVcpuHour: 0.02, perGbRamHour: 0.005 }),
  SHUTOFF: rate({ perGbRamHour: 0.005 }),
  SHELVED_OFFLOADED: rate({ perGbDiskHour: 0.0001 }),
};

/** web-1: ACTIVE from 0 to 3 h, SHUTOFF to 4 h, then SHELVED (for no time) and SHELVED_OFFLOADED. */
function activeStoppedShelved() {
  const { inventory, web } = smallCloud();
  const facts = factBus();
  const charging = new Charging(facts, RATES, inventory);
  facts.emit(serverFact(0, web, 'create', 'accepted', { previous: 'BUILD' }));
  facts.emit(serverFact(0, web, 'create', 'completed', { previous: 'BUILD', status: 'ACTIVE' }));
  facts.emit(serverFact(3 * HOUR, web, 'stop', 'accepted', { previous: 'ACTIVE' }));
  facts.emit(serverFact(3 * HOUR, web, 'stop', 'completed', { previous: 'ACTIVE', status: 'SHUTOFF' }));
  facts.emit(serverFact(4 * HOUR, web, 'shelve', 'completed', { previous: 'SHUTOFF', status: 'SHELVED' }));
  facts.emit(serverFact(4 * HOUR, web, 'shelve_offload', 'completed', { previous: 'SHELVED', status: 'SHELVED_OFFLOADED' }));
  return { inventory, web, charging, facts };
}

describe('Charging', () => {
  it('charges 3 h ACTIVE, 1 h SHUTOFF and 10 h SHELVED_OFFLOADED: 0.18 + 0.02 + 0.04 = 0.24', () => {
    const { charging, web } = activeStoppedShelved();

    expect(charging.of(web.id, 14 * HOUR)).toBeCloseTo(0.24, 12);
    expect(charging.summary(14 * HOUR)).toEqual({
      total: 0.24,
      by_project: { admin: 0, demo: 0.24 },
      by_status: { ACTIVE: 0.18, SHELVED_OFFLOADED: 0.04, SHUTOFF: 0.02 },
    });
  });

  it('tells what every server has cost so far at any time, as the summary totals it', () => {
    const { inventory, web } = smallCloud();
    const facts = factBus();
    const running = new Charging(facts, RATES, inventory);
    facts.emit(serverFact(0, web, 'create', 'completed', { previous: 'BUILD', status: 'ACTIVE' }));
    expect(running.accruedAt(2 * HOUR)).toBeCloseTo(0.12, 12);

    const { charging } = activeStoppedShelved();
    expect(charging.accruedAt(4 * HOUR)).toBeCloseTo(0.2, 12);
    expect(charging.accruedAt(14 * HOUR)).toBeCloseTo(charging.summary(14 * HOUR).total, 12);
  });

  it('stops charging at deletion, and a request that changes nothing changes no rate', () => {
    const { charging, web, facts } = activeStoppedShelved();

    facts.emit(serverFact(6 * HOUR, web, 'reboot', 'rejected', { previous: 'SHELVED_OFFLOADED' }));
    facts.emit(serverFact(14 * HOUR, web, 'delete', 'completed', { previous: 'SHELVED_OFFLOADED', status: 'DELETED' }));

    expect(charging.of(web.id, 100 * HOUR)).toBeCloseTo(0.24, 12);
    expect(charging.summary(100 * HOUR).total).toBe(0.24);
  });

  it('leaves statuses without a rate free, and ignores requests naming no server', () => {
    const { inventory, web, db } = smallCloud();
    const facts = factBus();
    const charging = new Charging(facts, RATES, inventory);

    facts.emit(serverFact(0, db, 'create', 'accepted', { previous: 'BUILD' }));
    facts.emit(refusedFact(0, 'ghost', 'stop'));
    facts.emit(serverFact(0, web, 'pause', 'completed', { previous: 'ACTIVE', status: 'PAUSED' }));

    expect(charging.summary(10 * HOUR).total).toBe(0);
  });

  it('adds a per-flavor rate to the per-unit terms; a flavor not listed adds nothing', () => {
    const { web } = smallCloud();
    const priced = rate({ perVcpuHour: 0.01, perFlavorHour: { 'm1.small': 0.05 } });

    expect(hourlyCost(priced, web.flavor)).toBeCloseTo(0.07, 12);
    expect(hourlyCost(priced, { ...web.flavor, name: 'm1.tiny' })).toBeCloseTo(0.02, 12);
    expect(hourlyCost(undefined, web.flavor)).toBe(0);
  });

  it("charges at the flavor the server holds since its last fact (a resize's new flavor from the fact that brings it)", () => {
    const { inventory, web } = smallCloud();
    const large = inventory.addFlavor({ name: 'm1.large', vcpus: 4, ramMb: 8192, diskGb: 80 });
    const facts = factBus();
    const charging = new Charging(facts, { ACTIVE: rate({ perVcpuHour: 1 }) }, inventory);
    facts.emit(serverFact(0, web, 'create', 'completed', { previous: 'BUILD', status: 'ACTIVE' }));

    web.flavor = large;
    facts.emit(serverFact(HOUR, web, 'resize', 'transition', { previous: 'ACTIVE', status: 'ACTIVE' }));

    expect(charging.of(web.id, 2 * HOUR)).toBe(2 + 4);
  });

  it('fills the cost column of servers.csv', () => {
    const { inventory, charging } = activeStoppedShelved();

    const rows = renderServersCsv(inventory, 14 * HOUR, new Availability(factBus(), inventory), charging).trim().split('\n');

    expect(rows.map((r) => r.split(',').at(-1))).toEqual(['cost', '0.24', '0']);
  });
});
