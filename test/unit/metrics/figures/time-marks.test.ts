import { describe, expect, it } from 'vitest';
import { TimeMarks } from '../../../../src/metrics/figures/time-marks.js';
import { factBus, hostFact, operatorFact, refusedFact, serverFact } from '../fixtures.js';
import { smallCloud } from '../inventory-fixture.js';

describe('TimeMarks', () => {
  it('marks host failures, evacuations and operator steps, counted per slice of the run, and no failed fence or refused evacuation', () => {
    const { inventory, web, db } = smallCloud();
    const [c1, c2] = [inventory.hosts[0]!, inventory.hosts[1]!];
    const facts = factBus();
    const marks = new TimeMarks(facts);

    facts.emit(serverFact(0, web, 'create', 'accepted'));
    facts.emit(hostFact(1800, c1, 'fail_host', 'accepted', 'last heartbeat at 1800s'));
    facts.emit(hostFact(1860, c1, 'service_down', 'transition', 'no heartbeat for service_down_time'));
    facts.emit(hostFact(1900, c1, 'fence_host', 'failed', 'fencing failed'));
    facts.emit(serverFact(2000, web, 'evacuate', 'accepted'));
    facts.emit(serverFact(2001, db, 'evacuate', 'accepted'));
    facts.emit(serverFact(2002, db, 'evacuate', 'rejected', {}, { httpStatus: 409 }));
    facts.emit(refusedFact(2003, 'ghost', 'evacuate'));
    // A host fact about one of its servers is no mark of the host's own.
    facts.emit(hostFact(2500, c1, 'fence_host', 'completed', '', web));
    facts.emit(hostFact(3600, c2, 'disable_host', 'accepted'));
    facts.emit(operatorFact(3601, c2, 'drain_start', 'accepted', 'maintenance'));
    facts.emit(operatorFact(3602, c2, 'rebalance', 'accepted', 'optimisation', '', web));
    facts.emit(hostFact(7000, c1, 'recover_host', 'accepted', 'booted'));

    expect(marks.marks(7200)).toEqual([
      { day: 1800 / 86_400, kind: 'host failure', count: 1 },
      { day: 1860 / 86_400, kind: 'host down or fenced', count: 1 },
      { day: 2000 / 86_400, kind: 'evacuation', count: 2 },
      { day: 3600 / 86_400, kind: 'operator action', count: 2 },
      { day: 7000 / 86_400, kind: 'host back', count: 1 },
    ]);
    // Slices are a 400th of the run: in a run 400 s long, each second is its own slice.
    expect(marks.marks(400).filter((m) => m.kind === 'evacuation').map((m) => m.count)).toEqual([1, 1]);
  });
});
