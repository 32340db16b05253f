import { describe, expect, it } from 'vitest';
import { powerModelsOf } from '../../../src/scenario/power-and-charging.js';
import { scenarioSpec } from '../../../src/scenario/schema.js';
import { accepted, expectOneError, lineOf, refused, scenarioText } from './load.js';

const HOSTS = [
  'hosts:',
  '  - { name_prefix: a, count: 2, vcpus: 4, ram_mb: 8192, disk_gb: 100 }',
  '  - { name: b, vcpus: 4, ram_mb: 8192, disk_gb: 100, power_model: curve }',
].join('\n');
const POWER = [
  'power:',
  '  default: flat',
  '  models:',
  '    - { name: flat, idle_w: 100, peak_w: 300 }',
  '    - { name: curve, points: [[0, 80], [0.5, 180], [1, 250]], off_w: 9 }',
].join('\n');

describe('the power section', () => {
  it('reads both forms of model and gives each host its own model or the default', () => {
    const s = accepted(scenarioText(POWER, HOSTS));

    const models = powerModelsOf(s, [2, 1])!;

    expect(models.map((m) => m.name)).toEqual(['flat', 'flat', 'curve']);
    expect(models[0]).toEqual({ name: 'flat', points: [[0, 100], [1, 300]], offW: 0 });
    expect(models[2]).toEqual({ name: 'curve', points: [[0, 80], [0.5, 180], [1, 250]], offW: 9 });
  });

  it('is optional: no power section, no models', () => {
    expect(powerModelsOf(accepted(scenarioText('')), [1])).toBeNull();
  });

  it.each([
    ['do not start at utilisation 0', '[[0.1, 80], [1, 250]]', '[0][0]: expected the first point at utilisation 0 (the points must cover 0 to 1), got 0.1'],
    ['stop short of utilisation 1', '[[0, 80], [0.9, 250]]', '[1][0]: expected the last point at utilisation 1 (the points must cover 0 to 1), got 0.9'],
    ['are out of order', '[[0, 80], [0.6, 150], [0.5, 180], [1, 250]]', '[2][0]: expected utilisations in increasing order, got 0.5 after 0.6'],
  ])('refuses points that %s', (_, points, message) => {
    const text = scenarioText(`power:\n  default: c\n  models:\n    - { name: c, points: ${points} }`);
    expectOneError(text, 'points:', `power.models[0].points${message}`);
  });

  it('refuses a host naming an unknown model', () => {
    const text = scenarioText(POWER, HOSTS.replace('power_model: curve', 'power_model: curvy'));
    expectOneError(text, 'curvy', "hosts[1].power_model: unknown power model 'curvy'; known: flat, curve");
  });

  it('refuses a host with no model when the section has no default', () => {
    const text = scenarioText(POWER.replace('  default: flat\n', ''), HOSTS);
    expectOneError(text, 'name_prefix: a', 'hosts[0]: names no power_model and power has no default: name one, or set power.default');
  });

  it('refuses a host naming a model when there is no power section', () => {
    const text = scenarioText('', HOSTS);
    expectOneError(text, 'power_model: curve', "hosts[1].power_model: unknown power model 'curve'; known: none (the scenario has no power section)");
  });

  it('refuses a duplicate model name and an unknown default', () => {
    const text = scenarioText(POWER.replace('default: flat', 'default: flt').replace('name: curve', 'name: flat'), HOSTS.replace(', power_model: curve', ''));

    expect(refused(text)).toEqual([
      `${lineOf(text, 'name: flat, points')}: power.models[1].name: duplicate name 'flat'`,
      `${lineOf(text, 'flt')}: power.default: unknown power model 'flt'; known: flat`,
    ]);
  });
});

describe('the charging section', () => {
  it('reads rates per status, per unit and per flavor, with 0 for the terms left out', () => {
    const s = accepted(scenarioText('charging:\n  rates:\n    ACTIVE: { per_vcpu_hour: 0.02 }\n    PAUSED: { per_flavor_hour: { f: 0.05 } }'));

    expect(s.charging!.rates).toEqual({
      ACTIVE: { perVcpuHour: 0.02, perGbRamHour: 0, perGbDiskHour: 0, perFlavorHour: {} },
      PAUSED: { perVcpuHour: 0, perGbRamHour: 0, perGbDiskHour: 0, perFlavorHour: { f: 0.05 } },
    });
  });

  const STATUS_LIST = 'ACTIVE, BUILD, DELETED, ERROR, HARD_REBOOT, MIGRATING, PASSWORD, PAUSED, REBOOT, REBUILD, RESCUE, RESIZE, REVERT_RESIZE, SHELVED, SHELVED_OFFLOADED, SHUTOFF, SOFT_DELETED, SUSPENDED, UNKNOWN, VERIFY_RESIZE';
  it.each([
    ['a status the API does not have', 'RUNNING: { per_vcpu_hour: 0.02 }', 'RUNNING', `charging.rates.RUNNING: unknown key 'RUNNING'; expected one of ${STATUS_LIST}`],
    ['a per-flavor rate for a flavor the scenario does not define', 'ACTIVE: { per_flavor_hour: { g: 0.05 } }', 'ACTIVE', "charging.rates.ACTIVE.per_flavor_hour.g: unknown flavor 'g'; known: f"],
    ['a negative rate', 'ACTIVE: { per_vcpu_hour: -1 }', 'ACTIVE', 'charging.rates.ACTIVE.per_vcpu_hour: expected a number >= 0, got -1'],
  ])('refuses %s', (_, rate, where, message) => {
    expectOneError(scenarioText(`charging:\n  rates:\n    ${rate}`), where, message);
  });
});

describe('the JSON Schema', () => {
  type Schema = { readonly properties?: Record<string, Schema>; readonly items?: Schema; readonly anyOf?: readonly Schema[]; readonly description?: string };
  const props = (x: Schema | undefined): Record<string, Schema> => x?.properties ?? {};
  const schema = scenarioSpec.jsonSchema() as Schema;

  it('describes power, its two forms of model, charging and the hosts\' power_model', () => {
    const { power, charging, hosts } = props(schema);

    expect(power!.description).toMatch(/power models/);
    expect(Object.keys(props(power))).toEqual(['default', 'models']);
    const forms = props(power).models!.items!.anyOf!;
    expect(forms.map((f) => Object.keys(props(f)))).toEqual([['name', 'points', 'off_w'], ['name', 'idle_w', 'peak_w', 'off_w']]);
    expect(forms.flatMap((f) => Object.values(props(f))).every((field) => field.description !== undefined)).toBe(true);
    expect(props(charging).rates!.description).toMatch(/statuses not listed are free/);
    for (const form of hosts!.items!.anyOf!) expect(props(form)).toHaveProperty('power_model.description');
  });
});
