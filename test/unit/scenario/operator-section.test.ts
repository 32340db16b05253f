import { describe, expect, it } from 'vitest';
import { scenarioSpec } from '../../../src/scenario/schema.js';
import { accepted, expectOneError, scenarioText } from './load.js';

const hosts = 'hosts:\n  - { name_prefix: c, count: 3, vcpus: 4, ram_mb: 8192, disk_gb: 100 }';
const withOperator = (lines: string): string => scenarioText(`operator:\n${lines}`, hosts);

describe('scenario operator workflows', () => {
  it('drains one move at a time, retrying twice 10 minutes apart, and runs no rolling update or optimisation by default', () => {
    const { operator } = accepted(scenarioText(''));

    expect(operator.maintenance).toEqual({ max_parallel_moves: 1, retry_delay: 600, max_attempts: 3 });
    expect([operator.rolling_update, operator.optimisation]).toEqual([undefined, undefined]);
  });

  it('reads a rolling update with its defaults', () => {
    const { operator } = accepted(withOperator('  rolling_update: { start: 1d, pool_size: 2, update_duration: 30m }'));

    expect(operator.rolling_update).toEqual({ start: 86_400, pool_size: 2, update_duration: 1800, order: 'file', inactive: 'migrate' });
  });

  it('reads an optimisation, its time of day in seconds', () => {
    const { operator } = accepted(withOperator('  optimisation: { mode: consolidate, at: "02:30", migration_budget: 5 }'));

    expect(operator.optimisation).toEqual({
      mode: 'consolidate', every: 86_400, at: 9000, migration_budget: 5, power_off_empty: true, min_headroom: 1, headroom_flavor: undefined,
    });
  });

  it('refuses a pool that would take every host out of service', () => {
    const text = withOperator('  rolling_update: { pool_size: 3, update_duration: 30m }');

    expectOneError(text, 'pool_size', 'operator.rolling_update.pool_size: expected fewer than the 3 hosts (some must stay in service)');
  });

  it('refuses a rolling update without its update duration, and an unknown headroom flavor', () => {
    expectOneError(withOperator('  rolling_update: { pool_size: 1 }'), 'rolling_update', "operator.rolling_update.update_duration: missing required field 'update_duration' (a duration >= 0 such as 90, 90s, 5m, 2h, 3d or 1w)");
    expectOneError(withOperator('  optimisation: { mode: spread, headroom_flavor: huge }'), 'headroom_flavor', "operator.optimisation.headroom_flavor: unknown flavor 'huge'; known: f");
  });

  it('takes drain_host with a host and an optional update_duration, which no other action takes', () => {
    const text = scenarioText('actions:\n  - { at: 1h, action: drain_host, host: c1, update_duration: 2h }', hosts);

    expect(accepted(text).actions[0]).toMatchObject({ action: 'drain_host', host: 'c1', update_duration: 7200 });
    expectOneError(scenarioText('actions:\n  - { at: 1h, action: disable_host, host: c1, update_duration: 2h }', hosts), 'disable_host', "actions[0].update_duration: 'update_duration' does not apply to disable_host");
    expectOneError(scenarioText('actions:\n  - { at: 1h, action: drain_host }', hosts), 'drain_host', "actions[0]: drain_host needs 'host'");
  });

  it('describes every field of the three sections in the JSON Schema', () => {
    type Node = { properties?: Record<string, Node>; description?: string };
    const operator = (scenarioSpec.jsonSchema() as Node).properties!.operator!.properties!;
    const undescribed = ['maintenance', 'rolling_update', 'optimisation'].flatMap((section) =>
      Object.entries(operator[section]!.properties!).filter(([, field]) => !field.description).map(([name]) => `${section}.${name}`),
    );

    expect(undescribed).toEqual([]);
  });
});
