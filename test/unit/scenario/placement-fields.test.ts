import { describe, expect, it } from 'vitest';
import { accepted, expectOneError, scenarioText } from './load.js';

const TWO_ZONES = [
  'aggregates:',
  '  - { name: fast, availability_zone: az1, metadata: { ssd: true, gen: 5, tier: gold }, build_failure_probability: 0.1 }',
  '  - { name: slow, availability_zone: az2 }',
  '  - { name: gpu }',
].join('\n');
const HOSTS = [
  'hosts:',
  '  - { name: h, vcpus: 4, ram_mb: 8192, disk_gb: 100, aggregates: [fast, gpu], build_failure_probability: 0.5 }',
  '  - { name_prefix: s-, count: 2, vcpus: 4, ram_mb: 8192, disk_gb: 100, aggregates: [slow] }',
  '  - { name: plain, vcpus: 4, ram_mb: 8192, disk_gb: 100 }',
].join('\n');
const GROUPS = [
  'server_groups:',
  '  - { name: web, policy: anti-affinity, project: p, rules: { max_server_per_host: 2 } }',
  '  - { name: db, policy: soft-affinity, project: q }',
].join('\n');

/** A scenario with zones az1, az2 and nova, groups web (project p) and db (project q), and `extra`. */
const placed = (extra: string): string => scenarioText(`${TWO_ZONES}\n${GROUPS}\n${extra}`, HOSTS);

describe('scenario aggregates and host placement fields', () => {
  it('reads aggregates with their zone and metadata written as text', () => {
    const s = accepted(placed(''));

    expect(s.aggregates).toEqual([
      { name: 'fast', availability_zone: 'az1', metadata: { ssd: 'true', gen: '5', tier: 'gold' }, build_failure_probability: 0.1 },
      { name: 'slow', availability_zone: 'az2', metadata: {} },
      { name: 'gpu', metadata: {} },
    ]);
  });

  it('reads the aggregates and build failure probability of both host forms', () => {
    const [one, many, plain] = accepted(placed('')).hosts;

    expect(one).toMatchObject({ name: 'h', aggregates: ['fast', 'gpu'], build_failure_probability: 0.5 });
    expect(many).toMatchObject({ name_prefix: 's-', aggregates: ['slow'] });
    expect(plain!.aggregates).toBeUndefined();
    expect(plain!.build_failure_probability).toBeUndefined();
  });

  it('defaults to no aggregates and no server groups', () => {
    const s = accepted(scenarioText(''));

    expect(s.aggregates).toEqual([]);
    expect(s.server_groups).toEqual([]);
  });

  it.each([
    ['a duplicate aggregate name', '  - { name: gpu, availability_zone: az9 }', '{ name: gpu, availability_zone: az9', "aggregates[3].name: duplicate name 'gpu'"],
    ['a metadata value that is a list', '  - { name: odd, metadata: { tags: [a, b] } }', 'tags:', 'aggregates[3].metadata.tags: expected a text, a number or true/false, got a list'],
    ['a build failure probability above 1', '  - { name: odd, build_failure_probability: 1.5 }', 'odd', 'aggregates[3].build_failure_probability: expected a number >= 0 <= 1, got 1.5'],
    ['a zone set in metadata', '  - { name: odd, metadata: { availability_zone: az3 } }', 'odd', "aggregates[3].metadata.availability_zone: set the zone with the aggregate's availability_zone field, not in metadata"],
  ])('refuses %s', (_, line, where, message) => {
    const text = scenarioText(`${TWO_ZONES}\n${line}`, HOSTS);

    expectOneError(text, where, message);
  });

  it.each([
    ['an unknown aggregate', '  - { name: x, vcpus: 1, ram_mb: 1024, disk_gb: 10, aggregates: [gpu, nvme] }', "hosts[3].aggregates[1]: unknown aggregate 'nvme'; known: fast, slow, gpu"],
    ['an aggregate listed twice', '  - { name: x, vcpus: 1, ram_mb: 1024, disk_gb: 10, aggregates: [gpu, gpu] }', "hosts[3].aggregates[1]: aggregate 'gpu' is listed twice"],
    [
      'a host in two zones',
      '  - { name: x, vcpus: 1, ram_mb: 1024, disk_gb: 10, aggregates: [fast, gpu, slow] }',
      "hosts[3].aggregates[2]: cannot add this host to aggregate 'slow' (zone 'az2'): it is already in availability zone 'az1' through aggregate 'fast'",
    ],
    [
      'a negative build failure probability on a host group',
      '  - { name_prefix: x-, count: 2, vcpus: 1, ram_mb: 1024, disk_gb: 10, build_failure_probability: -0.1 }',
      'hosts[3].build_failure_probability: expected a number >= 0 <= 1, got -0.1',
    ],
  ])('refuses %s on a host', (_, line, message) => {
    const text = scenarioText(TWO_ZONES, `${HOSTS}\n${line}`);

    expectOneError(text, line, message);
  });

  it('accepts a host in a zoned and an unzoned aggregate, and in two aggregates of the same zone', () => {
    const text = scenarioText(`${TWO_ZONES}\n  - { name: fast2, availability_zone: az1 }`, `${HOSTS}\n  - { name: x, vcpus: 1, ram_mb: 1024, disk_gb: 10, aggregates: [gpu, fast, fast2] }`);

    expect(accepted(text).hosts[3]!.aggregates).toEqual(['gpu', 'fast', 'fast2']);
  });
});

describe('scenario flavor extra specs', () => {
  const flavorText = (specs: string) =>
    scenarioText('').replace('{ name: f, vcpus: 1, ram_mb: 1024, disk_gb: 10 }', `{ name: f, vcpus: 1, ram_mb: 1024, disk_gb: 10, extra_specs: ${specs} }`);

  it('reads extra specs as text, and defaults to none', () => {
    expect(accepted(flavorText("{ 'aggregate_instance_extra_specs:ssd': true, 'hw:cpu_cores': 2 }")).flavors[0]!.extra_specs).toEqual({
      'aggregate_instance_extra_specs:ssd': 'true',
      'hw:cpu_cores': '2',
    });
    expect(accepted(scenarioText('')).flavors[0]!.extra_specs).toEqual({});
  });

  it('refuses an extra spec that is a mapping', () => {
    const text = flavorText('{ nested: { a: 1 } }');

    expectOneError(text, 'extra_specs', 'flavors[0].extra_specs.nested: expected a text, a number or true/false, got a mapping');
  });
});

describe('scenario server groups', () => {
  it('reads groups with their policy, project and rules', () => {
    expect(accepted(placed('')).server_groups).toEqual([
      { name: 'web', policy: 'anti-affinity', project: 'p', rules: { max_server_per_host: 2 } },
      { name: 'db', policy: 'soft-affinity', project: 'q' },
    ]);
  });

  it.each([
    ['a duplicate name', '  - { name: web, policy: affinity, project: q }', "server_groups[2].name: duplicate name 'web'"],
    ['an unknown policy', '  - { name: g, policy: together, project: p }', 'server_groups[2].policy: expected one of affinity, anti-affinity, soft-affinity, soft-anti-affinity, got "together"'],
    ['an unknown project', '  - { name: g, policy: affinity, project: nobody }', "server_groups[2].project: unknown project 'nobody'; known: p, q"],
    ['rules on an affinity group', '  - { name: g, policy: affinity, project: p, rules: { max_server_per_host: 2 } }', 'server_groups[2].rules: Only anti-affinity policy supports rules; this group\'s policy is affinity'],
    ['rules on a soft-anti-affinity group', '  - { name: g, policy: soft-anti-affinity, project: p, rules: { max_server_per_host: 2 } }', 'server_groups[2].rules: Only anti-affinity policy supports rules; this group\'s policy is soft-anti-affinity'],
    ['max_server_per_host 0', '  - { name: g, policy: anti-affinity, project: p, rules: { max_server_per_host: 0 } }', 'server_groups[2].rules.max_server_per_host: expected a whole number >= 1, got 0'],
    ['an unknown rule', '  - { name: g, policy: anti-affinity, project: p, rules: { max_server_per_host: 2, max_servers: 2 } }', "server_groups[2].rules.max_servers: unknown key 'max_servers'; expected one of max_server_per_host"],
  ])('refuses %s', (_, line, message) => {
    expectOneError(placed(line), line, message);
  });
});
