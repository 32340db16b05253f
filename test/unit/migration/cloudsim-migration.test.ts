import { describe, expect, it } from 'vitest';
import { cloudsimMigrationSeconds } from '../../../src/migration/cloudsim-migration.js';

describe('cloudsimMigrationSeconds', () => {
  it('sends the RAM over half the host bandwidth: the benchmark\'s 9.81, 13.92 and 27.84 s on 1 Gbit/s hosts', () => {
    expect(cloudsimMigrationSeconds(613, 1_000_000)).toBeCloseTo(9.808, 12);
    expect(cloudsimMigrationSeconds(870, 1_000_000)).toBeCloseTo(13.92, 12);
    expect(cloudsimMigrationSeconds(1740, 1_000_000)).toBeCloseTo(27.84, 12);
  });
});
