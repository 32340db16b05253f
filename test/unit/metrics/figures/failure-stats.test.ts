import { describe, expect, it } from 'vitest';
import { FailureStats } from '../../../../src/metrics/figures/failure-stats.js';
import { failureCloud, runningOn } from '../failure-fixture.js';
import { factBus, hostFact, serverFact } from '../fixtures.js';

describe('FailureStats', () => {
  it('times detection, fencing, evacuation and repair of a crash and a partition', () => {
    const { inventory, hosts, flavor } = failureCloud();
    const [h0, h1] = hosts;
    const a = runningOn(inventory, h0.id, flavor); // local disk
    const b = runningOn(inventory, h0.id, flavor);
    const c = runningOn(inventory, h1.id, flavor);
    c.bootFromVolume = true;
    const gone = runningOn(inventory, h0.id, flavor);
    gone.deletedAt = 50; // still holds its claim in this fixture, but deleted: not affected
    const facts = factBus();
    const stats = new FailureStats(facts, inventory);

    // Crash of host-0 at 100: a and b are affected.
    h0.alive = false;
    facts.emit(hostFact(100, h0, 'fail_host', 'accepted'));
    facts.emit(hostFact(160, h0, 'service_down', 'transition'));
    facts.emit(hostFact(170, h0, 'fence_host', 'failed', 'IPMI timeout'));
    facts.emit(hostFact(190, h0, 'fence_host', 'completed'));
    facts.emit(serverFact(200, a, 'evacuate', 'accepted'));
    a.ephemeralLostGb += 40; // rebuilt blank on host-1
    facts.emit(serverFact(250, a, 'evacuate', 'completed', {}, { elapsed: 50 }));
    facts.emit(serverFact(260, b, 'evacuate', 'failed', { status: 'ERROR' }, { reason: 'No valid host was found.' }));
    facts.emit(hostFact(1000, h0, 'recover_host', 'accepted', 'booted'));

    // Partition of host-1 at 2000: c runs on there, boots from a volume, so its evacuation splits its brain.
    facts.emit(hostFact(2000, h1, 'partition_host', 'accepted'));
    facts.emit(hostFact(2075, h1, 'service_down', 'transition'));
    facts.emit(serverFact(2100, c, 'evacuate', 'accepted'));
    facts.emit(hostFact(2100, h1, 'split_brain_start', 'transition', '', c));
    facts.emit(serverFact(2200, c, 'evacuate', 'completed', {}, { elapsed: 100 }));
    facts.emit(hostFact(2400, h1, 'recover_host', 'accepted', 'reconnected; its guests kept running'));
    facts.emit(hostFact(2400, h1, 'split_brain_end', 'transition', '', c));

    const [crash, partition] = stats.records;
    expect(crash).toMatchObject({ kind: 'crash', at: 100, affected: [a.id, b.id], detect: 60, fence: 90, repair: 900 });
    expect(crash).toMatchObject({ evacuations: [150], notEvacuated: 1, ephemeralLostGb: 40, splitBrainIntervals: 0 });
    expect(partition).toMatchObject({ kind: 'partition', affected: [c.id], detect: 75, fence: null, repair: 400, evacuations: [200] });
    expect(partition).toMatchObject({ splitBrainIntervals: 1, splitBrainSeconds: 300, dataAtRiskGb: 40, ephemeralLostGb: 0 });

    expect(stats.summary(5000)).toEqual({
      count: 2,
      by_kind: { crash: 1, partition: 1 },
      servers_affected: 3,
      detect_s: { p50: 60, p95: 75, max: 75 },
      fence_s: { p50: 90, p95: 90, max: 90, fenced: 1 },
      evacuate_s: { p50: 150, p95: 200, max: 200, evacuated: 2 },
      not_evacuated: 1,
      ephemeral_lost_gb: 40,
      split_brain: { intervals: 1, seconds: 300, data_at_risk_gb: 40 },
      repair_s: { p50: 400, p95: 900, max: 900 },
    });
  });

  it('counts a server evacuated on a second try as evacuated, not lost', () => {
    const { inventory, hosts, flavor } = failureCloud();
    const [h0] = hosts;
    const a = runningOn(inventory, h0.id, flavor);
    const facts = factBus();
    const stats = new FailureStats(facts, inventory);
    facts.emit(hostFact(10, h0, 'fail_host', 'accepted'));
    facts.emit(serverFact(80, a, 'evacuate', 'failed', { status: 'ERROR' }));
    expect(stats.summary(100).not_evacuated).toBe(1);
    facts.emit(serverFact(130, a, 'evacuate', 'completed'));
    expect(stats.summary(200)).toMatchObject({ not_evacuated: 0, evacuate_s: { p50: 120, p95: 120, max: 120, evacuated: 1 } });
  });

  it('makes a crash of a host already cut off one crash, and ignores rejected facts and hosts that never failed', () => {
    const { inventory, hosts, flavor } = failureCloud();
    const [h0, h1] = hosts;
    runningOn(inventory, h0.id, flavor);
    const facts = factBus();
    const stats = new FailureStats(facts, inventory);
    facts.emit(hostFact(0, h1, 'fence_host', 'completed'));
    facts.emit(hostFact(5, h1, 'recover_host', 'accepted'));
    facts.emit(hostFact(10, h0, 'partition_host', 'accepted'));
    facts.emit(hostFact(20, h0, 'fail_host', 'accepted'));
    facts.emit(hostFact(30, h0, 'partition_host', 'rejected'));
    expect(stats.records).toHaveLength(1);
    expect(stats.summary(100)).toMatchObject({ count: 1, by_kind: { crash: 1, partition: 0 }, servers_affected: 1 });
  });

  it('counts a split brain still open at the end up to the end', () => {
    const { inventory, hosts, flavor } = failureCloud();
    const [h0] = hosts;
    const a = runningOn(inventory, h0.id, flavor);
    const facts = factBus();
    const stats = new FailureStats(facts, inventory);
    facts.emit(hostFact(0, h0, 'partition_host', 'accepted'));
    facts.emit(hostFact(90, h0, 'split_brain_start', 'transition', '', a));
    expect(stats.summary(250).split_brain).toEqual({ intervals: 1, seconds: 160, data_at_risk_gb: 40 });
  });
});
