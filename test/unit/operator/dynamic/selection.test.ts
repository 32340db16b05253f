import { describe, expect, it } from 'vitest';
import type { Rng } from '../../../../src/engine/random.js';
import { maximumCorrelation } from '../../../../src/operator/dynamic/selection/maximum-correlation.js';
import { minimumMigrationTime } from '../../../../src/operator/dynamic/selection/minimum-migration-time.js';
import { minimumUtilisation } from '../../../../src/operator/dynamic/selection/minimum-utilisation.js';
import { randomSelection } from '../../../../src/operator/dynamic/selection/random-selection.js';
import type { Resident } from '../../../../src/operator/dynamic/types.js';
import { aServer } from './fixtures.js';

const on = (...servers: ReturnType<typeof aServer>[]): Resident[] => servers.map((server) => ({ server, role: 'none' }));

describe('MMT', () => {
  it('picks the server with the least RAM, the first of equals', () => {
    const residents = on(aServer(1, 900, { ramMb: 1740 }), aServer(2, 400, { ramMb: 613 }), aServer(3, 100, { ramMb: 613 }));

    expect(minimumMigrationTime().select(residents)?.id).toBe(2);
  });

  it('never picks a server already migrating, and picks nothing from a host of migrating servers', () => {
    const residents = on(aServer(1, 900, { ramMb: 1740 }), aServer(2, 400, { ramMb: 613, migrating: true }));

    expect(minimumMigrationTime().select(residents)?.id).toBe(1);
    expect(minimumMigrationTime().select(on(aServer(2, 400, { migrating: true })))).toBeNull();
  });
});

describe('MU', () => {
  it('picks the server using the least of its own CPU, not the least MIPS', () => {
    // 400 of 500 MIPS is 80 %; 1000 of 2500 is 40 %.
    const residents = on(aServer(1, 400, { speed: 500 }), aServer(2, 1000, { speed: 2500 }));

    expect(minimumUtilisation().select(residents)?.id).toBe(2);
  });
});

describe('RS', () => {
  it('picks the movable server its stream points at', () => {
    const fixed = (u: number): Rng => ({ next: () => u, int: (n) => Math.floor(u * n) });
    const residents = on(aServer(1, 1), aServer(2, 1, { migrating: true }), aServer(3, 1), aServer(4, 1));

    expect(randomSelection(fixed(0)).select(residents)?.id).toBe(1);
    expect(randomSelection(fixed(0.5)).select(residents)?.id).toBe(3);
    expect(randomSelection(fixed(0.99)).select(residents)?.id).toBe(4);
  });
});

describe('MC', () => {
  const mc = maximumCorrelation(minimumMigrationTime());

  it("picks a server whose history the others' histories explain best, not the one that moves alone", () => {
    // a and c rise and fall together; b goes its own way. b comes first, so a tie would pick it.
    const a = [0.1, 0.4, 0.2, 0.5, 0.3, 0.6, 0.2, 0.45];
    const b = [0.3, 0.31, 0.29, 0.3, 0.32, 0.3, 0.31, 0.28];
    const c = [0.12, 0.41, 0.25, 0.48, 0.33, 0.59, 0.18, 0.47];
    const residents = on(aServer(1, 100, { history: b }), aServer(2, 100, { history: a }), aServer(3, 100, { history: c }));

    expect([2, 3]).toContain(mc.select(residents)?.id);
  });

  it('falls back to MMT where no fit can be made: one server, or fewer samples than coefficients', () => {
    expect(mc.select(on(aServer(1, 100, { history: [0.1, 0.2, 0.3] })))?.id).toBe(1);
    // One sample each: one regressor and an intercept need two.
    const short = on(aServer(1, 100, { history: [0.1], ramMb: 1740 }), aServer(2, 100, { history: [0.3], ramMb: 613 }));
    expect(mc.select(short)?.id).toBe(2);
  });
});
