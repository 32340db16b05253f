import { describe, expect, it } from 'vitest';
import {
  allowedDowntimeMs,
  completionTimeoutS,
  downtimeSteps,
  novaDataGb,
  precopy,
  type LiveMigrationCase,
  type LiveMigrationSettings,
} from '../../../src/migration/live-precopy.js';

/** Nova's defaults ([libvirt] live_migration_*), no round limit. */
const NOVA: LiveMigrationSettings = {
  downtimeMs: 500,
  downtimeSteps: 10,
  downtimeDelayS: 75,
  completionTimeoutS: 800,
  timeoutAction: 'abort',
  permitPostCopy: false,
  permitAutoConverge: false,
  maxRounds: 0,
};

const guest = (ramMb: number, dirtyRateMbS: number, bandwidthMbS: number, diskMb = 0): LiveMigrationCase => ({ ramMb, dirtyRateMbS, bandwidthMbS, diskMb });

describe("Nova's downtime ramp and timeout", () => {
  it("reproduces downtime_steps' own example: 10 steps of 30 s per GB, 3 GB, 400 ms", () => {
    const steps = downtimeSteps({ ...NOVA, downtimeMs: 400, downtimeDelayS: 30 }, 3);

    expect(steps.map((s) => [s.afterS, s.downtimeMs])).toEqual([
      [0, 40], [90, 76], [180, 112], [270, 148], [360, 184], [450, 220], [540, 256], [630, 292], [720, 328], [810, 364], [900, 400],
    ]);
  });

  it('allows the step whose time has been passed (update_downtime compares with >)', () => {
    const steps = downtimeSteps(NOVA, 2); // a step every 150 s: 50, 95, ..., 500 ms

    expect(allowedDowntimeMs(steps, 0.001)).toBe(50);
    expect(allowedDowntimeMs(steps, 150)).toBe(50);
    expect(allowedDowntimeMs(steps, 150.001)).toBe(95);
    expect(allowedDowntimeMs(steps, 10_000)).toBe(500);
  });

  it('counts at least 2 GiB of RAM, and each copied disk at least 2 GiB (_live_migration_data_gb)', () => {
    expect(novaDataGb(1024, 0)).toBe(2);
    expect(novaDataGb(8192, 0)).toBe(8);
    expect(novaDataGb(8192, 1024)).toBe(10);
    expect(novaDataGb(8192, 20 * 1024)).toBe(28);
    expect(completionTimeoutS(NOVA, 2)).toBe(1600);
  });
});

describe('pre-copy rounds', () => {
  it('converges in two rounds: 4 GiB, 100 MiB/s dirtied, 1000 MiB/s', () => {
    // round 1: 4096 MiB in 4.096 s, 409.6 dirtied (0.41 s > 50 ms); round 2: 409.6 in 0.4096 s, 40.96
    // dirtied = 40.96 ms <= 50 ms: stop-and-copy. 4.096 + 0.4096 + 0.04096 s; 4096 + 409.6 + 40.96 MiB.
    const r = precopy(guest(4096, 100, 1000), NOVA);

    expect(r.end).toBe('converged');
    expect(r.rounds).toBe(2);
    expect(r.totalS).toBeCloseTo(4.54656, 9);
    expect(r.downtimeS).toBeCloseTo(0.04096, 9);
    expect(r.dataMb).toBeCloseTo(4546.56, 6);
  });

  it('halves what is left each round when the guest dirties half the bandwidth', () => {
    // 2048 -> 1024 -> 512 -> 256 -> 128 -> 64 MiB sent (4.032 s); 32 MiB left = 32 ms <= 50 ms.
    const r = precopy(guest(2048, 500, 1000), NOVA);

    expect(r).toMatchObject({ end: 'converged', rounds: 6, throttle: 0 });
    expect(r.totalS).toBeCloseTo(4.064, 9);
    expect(r.downtimeS).toBeCloseTo(0.032, 9);
    expect(r.dataMb).toBeCloseTo(4064, 6);
  });

  it('an idle guest moves in one round with no downtime', () => {
    const r = precopy(guest(8192, 0, 1024), NOVA);

    expect(r).toEqual({ end: 'converged', totalS: 8, downtimeS: 0, dataMb: 8192, rounds: 1, throttle: 0 });
  });

  it('a block migration copies the disk first, then the memory', () => {
    // 20 GiB of disk at 1024 MiB/s: 20 s, then 2 GiB of RAM: 2 s.
    expect(precopy(guest(2048, 0, 1024, 20 * 1024), NOVA)).toEqual({ end: 'converged', totalS: 22, downtimeS: 0, dataMb: 22528, rounds: 1, throttle: 0 });
    // 10 GiB of disk at 1000 MiB/s (10.24 s), then the two rounds of the first case.
    const r = precopy(guest(4096, 100, 1000, 10 * 1024), NOVA);
    expect(r.totalS).toBeCloseTo(14.78656, 9);
    expect(r.downtimeS).toBeCloseTo(0.04096, 9);
    expect(r.dataMb).toBeCloseTo(14786.56, 6);
  });

  it('a round limit forces the stop-and-copy of a slowly converging guest', () => {
    // 8 GiB at 1000 MiB/s dirtied at 800: 8192, 6553.6, 5242.88, 4194.304, 3355.4432 sent; 2684.35456 left.
    const r = precopy(guest(8192, 800, 1000), { ...NOVA, maxRounds: 5 });

    expect(r).toMatchObject({ end: 'round-limit', rounds: 5 });
    expect(r.downtimeS).toBeCloseTo(2.68435456, 9);
    expect(r.totalS).toBeCloseTo(30.22258176, 9);
  });

  it('without a round limit QEMU goes on until the ramp lets it stop (444 rounds at 99%)', () => {
    const r = precopy(guest(8192, 990, 1000), NOVA);

    expect(r).toMatchObject({ end: 'converged', rounds: 444 });
    expect(r.totalS).toBeCloseTo(809.8448, 3);
    expect(r.downtimeS).toBeCloseTo(0.0945, 4); // allowed by then: 95 ms (the second step, after 600 s)
  });
});

describe('a migration that does not converge (dirty rate above the bandwidth)', () => {
  // 2 GiB dirtied at 1500 MiB/s over 1000 MiB/s: every round resends the whole 2048 MiB in 2.048 s.
  // The timeout is 800 s x 2 GiB = 1600 s, 0.512 s into round 782 (which began at 1599.488 s).
  const hot = guest(2048, 1500, 1000);

  it('is aborted at the completion timeout with the default action', () => {
    const r = precopy(hot, NOVA);

    expect(r).toMatchObject({ end: 'aborted', totalS: 1600, downtimeS: 0, rounds: 782 });
    expect(r.dataMb).toBeCloseTo(1_600_000, 3);
  });

  it('force_complete pauses the guest for what is left (capped at its RAM)', () => {
    // unsent 1536 + dirtied 768 since the round began > 2048: 2048 MiB paused = 2.048 s.
    const r = precopy(hot, { ...NOVA, timeoutAction: 'force_complete' });

    expect(r).toMatchObject({ end: 'paused', rounds: 782 });
    expect(r.totalS).toBeCloseTo(1602.048, 9);
    expect(r.downtimeS).toBeCloseTo(2.048, 9);
    expect(r.dataMb).toBeCloseTo(1_602_048, 3);
  });

  it('force_complete with post-copy permitted runs the guest on the destination meanwhile', () => {
    const r = precopy(hot, { ...NOVA, timeoutAction: 'force_complete', permitPostCopy: true });

    expect(r).toMatchObject({ end: 'post-copy', downtimeS: 0 });
    expect(r.totalS).toBeCloseTo(1602.048, 9);
  });

  it('never ends without a completion timeout', () => {
    const r = precopy(hot, { ...NOVA, completionTimeoutS: 0 });

    expect(r.end).toBe('never');
    expect(r.totalS).toBe(Number.POSITIVE_INFINITY);
  });

  it('auto-converge throttles the guest until it converges (20% then +10% every second busy round)', () => {
    // rounds 1-7 resend 2048 MiB; the throttle reaches 40% after round 6, 70% after round 12;
    // round 15 sends 68.02 MiB and leaves 30.61 (30.6 ms).
    const r = precopy(hot, { ...NOVA, permitAutoConverge: true });

    expect(r).toMatchObject({ end: 'converged', rounds: 15 });
    expect(r.throttle).toBeCloseTo(0.7, 9);
    expect(r.totalS).toBeCloseTo(21.1609560896, 9);
    expect(r.downtimeS).toBeCloseTo(0.0306110016, 9);
  });

  it('ignores auto-converge when post-copy is permitted, as Nova does', () => {
    const r = precopy(hot, { ...NOVA, permitAutoConverge: true, permitPostCopy: true });

    expect(r).toMatchObject({ end: 'aborted', throttle: 0 });
  });
});
