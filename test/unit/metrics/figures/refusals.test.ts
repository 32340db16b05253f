import { describe, expect, it } from 'vitest';
import { Refusals } from '../../../../src/metrics/figures/refusals.js';
import { RunStats } from '../../../../src/metrics/figures/run-stats.js';
import { factBus, hostFact, operatorFact, refusedFact, serverFact } from '../fixtures.js';
import { smallCloud } from '../inventory-fixture.js';

describe('Refusals', () => {
  it("counts every refused request by status and by reason, one rule's refusals together whatever server they name", () => {
    const { inventory, web, db } = smallCloud();
    const facts = factBus();
    const refusals = new Refusals(facts);
    const stats = new RunStats(facts);
    const stopped = (uuid: string): string => `Cannot 'os-stop' instance ${uuid} while it is in vm_state stopped`;

    facts.emit(serverFact(10, web, 'stop', 'rejected', {}, { reason: stopped('0b7e4a1c-1d2e-4f00-8a9b-000000000001'), httpStatus: 409 }));
    facts.emit(serverFact(20, db, 'stop', 'rejected', {}, { reason: stopped('0b7e4a1c-1d2e-4f00-8a9b-000000000002'), httpStatus: 409 }));
    facts.emit(serverFact(25, db, 'stop', 'accepted'));
    facts.emit(refusedFact(30, 'ghost', 'reboot', 'Instance ghost could not be found.', 404));
    facts.emit(hostFact(40, inventory.hosts[0]!, 'fail_host', 'rejected', 'host is already down'));
    facts.emit(operatorFact(50, inventory.hosts[1]!, 'drain_start', 'accepted', 'maintenance'));

    expect(refusals.summary()).toEqual({
      total: 4,
      by_status: { '404': 1, '409': 2, none: 1 },
      top_reasons: [
        { action: 'stop', http_status: 409, reason: "Cannot 'os-stop' instance <uuid> while it is in vm_state stopped", count: 2 },
        { action: 'fail_host', http_status: null, reason: 'host is already down', count: 1 },
        { action: 'reboot', http_status: 404, reason: 'Instance ghost could not be found.', count: 1 },
      ],
      other: 0,
    });
    const rejected = Object.values(stats.requestSummary()).reduce((sum, c) => sum + (c?.rejected ?? 0), 0);
    expect(refusals.summary().total).toBe(rejected);
  });

  it('lists the ten most frequent reasons and counts the rest in other', () => {
    const facts = factBus();
    const refusals = new Refusals(facts);

    for (let i = 0; i < 12; i++) for (let n = 0; n <= i; n++) facts.emit(refusedFact(i, `s-${i}`, 'reboot', `Instance s-${i} could not be found.`));

    const summary = refusals.summary();
    expect(summary.top_reasons.map((r) => r.count)).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3]);
    expect(summary.other).toBe(2 + 1);
    expect(summary.total).toBe(78);
  });
});
