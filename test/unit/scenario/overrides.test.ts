import { describe, expect, it } from 'vitest';
import { applyOverrides, parseOverride, type Override } from '../../../src/scenario/overrides.js';

const set = (text: string): Override => {
  const o = parseOverride(text);
  if (typeof o === 'string') throw new Error(o);
  return o;
};

describe('parseOverride', () => {
  it.each(['__proto__.build_failure_probability=1', 'hosts.0.constructor=1', 'config.prototype.x=2'])('refuses %s: a segment only a prototype has', (text) => {
    expect(parseOverride(text)).toMatch(/is not a scenario field$/);
  });

  it('reads the value as YAML and item numbers as numbers', () => {
    expect(parseOverride('hosts.0.vcpus=64')).toEqual({ path: ['hosts', 0, 'vcpus'], value: 64, text: 'hosts.0.vcpus=64' });
  });
});

describe('applyOverrides', () => {
  const doc = { hosts: [{ name: 'a' }], scheduler: { policy: 'pack' }, flavors: { m1: 1 } };

  it('sets a field, makes missing mappings, and leaves the document it was given alone', () => {
    const { value, problems } = applyOverrides(doc, [set('scheduler.policy=spread'), set('config.resize_confirm_window=1h')]);

    expect(problems).toEqual([]);
    expect(value).toEqual({ ...doc, scheduler: { policy: 'spread' }, config: { resize_confirm_window: '1h' } });
    expect(doc.scheduler.policy).toBe('pack');
  });

  it('adds an item just past the end of a list, and refuses any further', () => {
    const { value, problems } = applyOverrides(doc, [set('hosts.1.name=b'), set('hosts.3.name=d'), set('hosts.4294967294.vcpus=1')]);

    expect((value as typeof doc).hosts).toEqual([{ name: 'a' }, { name: 'b' }]);
    expect(problems).toEqual([
      '--set hosts.3.name=d: item 3 is beyond the end of hosts, a list of 2',
      '--set hosts.4294967294.vcpus=1: item 4294967294 is beyond the end of hosts, a list of 2',
    ]);
  });

  it('a list item past the end of a list that is not there yet is refused (not silently dropped)', () => {
    expect(applyOverrides(doc, [set('actions.4294967296.action=explode')]).problems).toEqual([
      '--set actions.4294967296.action=explode: item 4294967296 is beyond the end of actions, a list of 0',
    ]);
  });

  it('a number names a key on a mapping', () => {
    expect(applyOverrides(doc, [set('flavors.7=2')]).value).toMatchObject({ flavors: { m1: 1, 7: 2 } });
  });

  it('a field name on a list is refused', () => {
    expect(applyOverrides(doc, [set('hosts.name=x')]).problems).toEqual(["--set hosts.name=x: 'name' names a field, but hosts is a list (give an item number)"]);
  });

  it('no mapping anywhere gains a field through a prototype', () => {
    const { value } = applyOverrides(doc, [set('scheduler.policy=spread')]);

    expect(({} as Record<string, unknown>)['build_failure_probability']).toBeUndefined();
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });
});
