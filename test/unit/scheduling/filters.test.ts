import { describe, expect, it } from 'vitest';
import { makeRng } from '../../../src/engine/random.js';
import { Inventory } from '../../../src/model/inventory.js';
import { SCHEDULER_DEFAULTS, type SchedulerConfig } from '../../../src/scheduling/config.js';
import { matchExtraSpec } from '../../../src/scheduling/filters/extra-specs-ops.js';
import { makeScheduler } from '../../../src/scheduling/registry.js';
import { addHosts, placeOn, request } from '../../support/placement-cloud.js';

/** Four 4 vCPU / 8 GiB / 100 GB hosts: host-0 and host-1 in zone az1 (aggregate "fast", ssd=true), host-2 and host-3 in nova. */
function fourHosts() {
  const inventory = new Inventory();
  const fast = inventory.addAggregate('fast', { availability_zone: 'az1', ssd: 'true', cpu_gen: '3,4' });
  const hosts = addHosts(
    inventory,
    [0, 1, 2, 3].map((i) => ({ vcpus: 4, ramMb: 8192, diskGb: 100, placement: { aggregates: i < 2 ? [fast] : [], buildFailureProbability: 0 } })),
  );
  const small = inventory.addFlavor({ name: 'small', vcpus: 1, ramMb: 2048, diskGb: 20 });
  const big = inventory.addFlavor({ name: 'big', vcpus: 4, ramMb: 8192, diskGb: 100 });
  const project = inventory.addProject('p').id;
  return { inventory, hosts, small, big, project };
}

const decide = (inventory: Inventory, config: Partial<SchedulerConfig>, req: ReturnType<typeof request>) =>
  makeScheduler({ ...SCHEDULER_DEFAULTS, policy: 'first_fit', ...config }, inventory).select(req, 100, makeRng('t'));

describe('filters', () => {
  it('Placement keeps enabled hosts with room (Train pre-filter); ComputeFilter drops down services', () => {
    const { inventory, hosts, big, small, project } = fourHosts();
    placeOn(inventory, hosts[0]!.id, small, project);
    hosts[1]!.enabled = false;
    inventory.hostChanged(hosts[1]!);
    hosts[2]!.downSince = 50;
    inventory.hostChanged(hosts[2]!);
    const d = decide(inventory, {}, request(big, project));
    expect(d.filters.slice(0, 2)).toEqual([
      { filter: 'Placement', before: 4, after: 2 },
      { filter: 'ComputeFilter', before: 2, after: 1 },
    ]);
    expect(d.chosen).toBe(3);
  });

  it('before Train, Placement returns disabled hosts and ComputeFilter drops them with the down ones', () => {
    const { inventory, hosts, big, small, project } = fourHosts();
    placeOn(inventory, hosts[0]!.id, small, project);
    hosts[1]!.enabled = false;
    inventory.hostChanged(hosts[1]!);
    hosts[2]!.downSince = 50;
    inventory.hostChanged(hosts[2]!);
    const d = decide(inventory, { prefilterDisabledComputes: false }, request(big, project));
    expect(d.filters.slice(0, 2)).toEqual([
      { filter: 'Placement', before: 4, after: 3 },
      { filter: 'ComputeFilter', before: 3, after: 1 },
    ]);
    expect(d.chosen).toBe(3);
  });

  it('a service that goes down later still counts as up until then', () => {
    const { inventory, hosts, big, project } = fourHosts();
    hosts[0]!.downSince = 150;
    inventory.hostChanged(hosts[0]!);
    expect(decide(inventory, {}, request(big, project)).chosen).toBe(0);
    const later = makeScheduler({ ...SCHEDULER_DEFAULTS, policy: 'first_fit' }, inventory).select(request(big, project), 150, makeRng('t'));
    expect(later.chosen).toBe(1);
  });

  it('AvailabilityZoneFilter keeps the zone asked for; no zone asked passes every host', () => {
    const { inventory, small, project } = fourHosts();
    const inNova = decide(inventory, {}, request(small, project, { availabilityZone: 'nova' }));
    expect(inNova.filters).toContainEqual({ filter: 'AvailabilityZoneFilter', before: 4, after: 2 });
    expect(inNova.chosen).toBe(2);
    expect(decide(inventory, {}, request(small, project)).filters).toContainEqual({ filter: 'AvailabilityZoneFilter', before: 4, after: 4 });
  });

  it('AggregateInstanceExtraSpecsFilter pins a flavor to aggregates by its extra specs', () => {
    const { inventory, project } = fourHosts();
    const filters = ['AggregateInstanceExtraSpecsFilter'];
    const ssd = inventory.addFlavor({ name: 'ssd', vcpus: 1, ramMb: 512, diskGb: 1, extraSpecs: { 'aggregate_instance_extra_specs:ssd': 'true' } });
    const gen4 = inventory.addFlavor({ name: 'gen4', vcpus: 1, ramMb: 512, diskGb: 1, extraSpecs: { cpu_gen: '>= 4' } });
    const other = inventory.addFlavor({ name: 'other', vcpus: 1, ramMb: 512, diskGb: 1, extraSpecs: { 'hw:cpu_policy': 'dedicated' } });
    const fresh = makeScheduler({ ...SCHEDULER_DEFAULTS, policy: 'first_fit', filters }, inventory);
    const run = (flavor: typeof ssd) => fresh.select(request(flavor, project), 0, makeRng('t'));
    expect(run(ssd).filters.at(-1)).toEqual({ filter: 'AggregateInstanceExtraSpecsFilter', before: 4, after: 2 });
    expect(run(gen4).filters.at(-1)).toEqual({ filter: 'AggregateInstanceExtraSpecsFilter', before: 4, after: 2 });
    // Specs in other scopes are not this filter's business.
    expect(run(other).filters.at(-1)).toEqual({ filter: 'AggregateInstanceExtraSpecsFilter', before: 4, after: 4 });
  });

  it('ServerGroupAntiAffinityFilter allows up to max_server_per_host members per host', () => {
    const { inventory, hosts, small, project } = fourHosts();
    const one = inventory.addGroup('one', 'anti-affinity', project);
    const two = inventory.addGroup('two', 'anti-affinity', project, 2);
    for (const g of [one, two]) {
      placeOn(inventory, hosts[0]!.id, small, project, g);
      placeOn(inventory, hosts[1]!.id, small, project, g);
      placeOn(inventory, hosts[1]!.id, small, project, g);
    }
    // host-1 is full (4 small servers) so Placement drops it; host-0 already holds one member of `one`.
    expect(decide(inventory, {}, request(small, project, { group: one })).filters.at(-2)).toEqual({ filter: 'ServerGroupAntiAffinityFilter', before: 3, after: 2 });
    expect(decide(inventory, {}, request(small, project, { group: two })).chosen).toBe(0);
  });

  it('a hard group that cannot be met leaves no host (NoValidHost)', () => {
    const { inventory, hosts, small, big, project } = fourHosts();
    const anti = inventory.addGroup('anti', 'anti-affinity', project);
    for (const h of hosts) placeOn(inventory, h.id, small, project, anti);
    const d = decide(inventory, {}, request(small, project, { group: anti }));
    expect(d.chosen).toBeNull();
    expect(d.filters.at(-1)).toEqual({ filter: 'ServerGroupAntiAffinityFilter', before: 4, after: 0 });
    const aff = inventory.addGroup('aff', 'affinity', project);
    placeOn(inventory, hosts[3]!.id, small, project, aff);
    const full = decide(inventory, {}, request(big, project, { group: aff }));
    expect(full.chosen).toBeNull();
    expect(full.filters).toEqual([{ filter: 'Placement', before: 4, after: 0 }]);
  });

  it('ServerGroupAffinityFilter sends later members to the hosts the group uses', () => {
    const { inventory, hosts, small, project } = fourHosts();
    const aff = inventory.addGroup('aff', 'affinity', project);
    expect(decide(inventory, {}, request(small, project, { group: aff })).chosen).toBe(0);
    placeOn(inventory, hosts[2]!.id, small, project, aff);
    const d = decide(inventory, {}, request(small, project, { group: aff }));
    expect(d.filters.at(-1)).toEqual({ filter: 'ServerGroupAffinityFilter', before: 4, after: 1 });
    expect(d.chosen).toBe(2);
  });

  it('ignored hosts (a move\'s source, hosts tried) are dropped first', () => {
    const { inventory, small, project } = fourHosts();
    const d = decide(inventory, {}, request(small, project, { ignoreHosts: [0 as never, 1 as never] }));
    expect(d.filters[1]).toEqual({ filter: 'ignore_hosts', before: 4, after: 2 });
    expect(d.chosen).toBe(2);
  });
});

describe("extra spec operators (Nova's extra_specs_ops)", () => {
  it.each([
    ['true', 'true', true],
    ['true', 'True', false],
    ['16', '= 8', true], // '=' means at least
    ['4', '= 8', false],
    ['8', '== 8.0', true],
    ['8', '!= 8', false],
    ['8', '<= 8', true],
    ['abc', 's== abc', true],
    ['abc', 's!= abc', false],
    ['abc', 's< abd', true],
    ['abc', 's>= abd', false],
    ['fast ssd', '<in> ssd', true],
    ['fast', '<all-in> fa st', true],
    ['b', '<or> a <or> b', true],
    ['c', '<or> a <or> b', false],
    ['x', '>= 4', false], // text where a number is wanted never matches
  ] as const)('%s against %s is %s', (value, spec, expected) => {
    expect(matchExtraSpec(value, spec)).toBe(expected);
  });
});
