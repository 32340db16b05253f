/**
 * Placement's candidate limit, worked by hand on six identical empty hosts
 * (8 vCPUs, 16 GiB, 200 GB), each case asked of the host index and of the
 * plain scan. Without the run's streams Placement's salt is 0, and its
 * order for the small flavor's size is hosts 3, 5, 0, 4, 2, 1 (pinned in
 * the first test): a limit of N keeps the first N of those that are
 * viable. first_fit then takes the lowest host id among what is kept.
 */
import { describe, expect, it } from 'vitest';
import { makeRng, type Rng } from '../../../src/engine/random.js';
import type { HostId } from '../../../src/model/ids.js';
import { Inventory } from '../../../src/model/inventory.js';
import { filterTrail } from '../../../src/model/placement-decision.js';
import { SCHEDULER_DEFAULTS, type SchedulerConfig } from '../../../src/scheduling/config.js';
import { PlacementOrder } from '../../../src/scheduling/placement-order.js';
import { floydSample, type PlacementStreams } from '../../../src/scheduling/placement-stage.js';
import { makeScheduler } from '../../../src/scheduling/registry.js';
import { addHosts, request } from '../../support/placement-cloud.js';

const SMALL = { vcpus: 1, ramMb: 2048, diskGb: 20 };
/** Placement's order of the six hosts for the small flavor's size, salt 0. */
const ORDER = [3, 5, 0, 4, 2, 1];

function sixHosts() {
  const inventory = new Inventory();
  const hosts = addHosts(inventory, Array.from({ length: 6 }, () => ({ vcpus: 8, ramMb: 16384, diskGb: 200 })));
  const small = inventory.addFlavor({ name: 'small', ...SMALL });
  const project = inventory.addProject('p').id;
  return { inventory, hosts, small, project };
}

type Cloud = ReturnType<typeof sixHosts>;

function decide(cloud: Cloud, indexed: boolean, config: Partial<SchedulerConfig>, extra: Parameters<typeof request>[2] = {}, streams?: PlacementStreams) {
  const scheduler = makeScheduler({ ...SCHEDULER_DEFAULTS, policy: 'first_fit', ...config }, cloud.inventory, streams ? { indexed, streams } : { indexed });
  return scheduler.select(request(cloud.small, cloud.project, extra), 0, makeRng('t'));
}

/** A stream that hands out the given whole numbers, in order, and fails on any other draw. */
function scripted(ints: number[]): Rng {
  return {
    next: () => {
      throw new Error('unexpected draw');
    },
    int: (n) => {
      const value = ints.shift();
      if (value === undefined || value >= n) throw new Error(`unexpected draw int(${n})`);
      return value;
    },
  };
}

describe("Placement's order", () => {
  it('is a fixed permutation per size and salt, shared by flavors of the same size', () => {
    const order = new PlacementOrder(0);

    expect(Array.from(order.ranks(SMALL, 6).hostAt)).toEqual(ORDER);
    expect(Array.from(order.ranks({ ...SMALL }, 6).hostAt)).toEqual(ORDER);
    expect(Array.from(order.ranks({ vcpus: 2, ramMb: 4096, diskGb: 40 }, 6).hostAt)).toEqual([2, 5, 0, 4, 1, 3]);
    expect(Array.from(new PlacementOrder(1).ranks(SMALL, 6).hostAt)).toEqual([5, 3, 0, 4, 1, 2]);
  });

  it("Floyd's sample draws k times and keeps k distinct places", () => {
    // j = 4: draw 3 of [0, 5), keep 3; j = 5: draw 3 of [0, 6) again, so keep j = 5.
    expect(Array.from(floydSample(6, 2, scripted([3, 3])))).toEqual([3, 5]);
    expect(Array.from(floydSample(6, 6, makeRng('all')))).toEqual([0, 1, 2, 3, 4, 5]);
  });
});

describe.each([
  ['the host index', true],
  ['the plain scan', false],
])('max_placement_results, answered by %s', (_, indexed) => {
  it('does not cut when exactly the limit is viable', () => {
    const d = decide(sixHosts(), indexed, { maxPlacementResults: 6 });

    expect(d.filters[0]).toEqual({ filter: 'Placement', before: 6, after: 6 });
    expect(d.chosen).toBe(0);
  });

  it('cuts one more than the limit to the first in its order: the last one is left out', () => {
    const d = decide(sixHosts(), indexed, { maxPlacementResults: 5 }, { alternates: 5 });

    expect(d.filters[0]).toEqual({ filter: 'Placement', before: 6, after: 5, viable: 6 });
    expect(d.chosen).toBe(0);
    expect(d.alternates).toEqual([2, 3, 4, 5]); // host 1, last in Placement's order, is not among them
  });

  it('with a limit of one, only the first host in its order is a candidate', () => {
    const d = decide(sixHosts(), indexed, { maxPlacementResults: 1 }, { alternates: 2 });

    expect(d.filters[0]).toEqual({ filter: 'Placement', before: 6, after: 1, viable: 6 });
    expect(d.chosen).toBe(3);
    expect(d.alternates).toEqual([]);
  });

  it('does not limit a request with a server group, whatever the limit', () => {
    const cloud = sixHosts();
    const group = cloud.inventory.addGroup('g', 'soft-anti-affinity', cloud.project);

    const d = decide(cloud, indexed, { maxPlacementResults: 1 }, { group });

    expect(d.filters[0]).toEqual({ filter: 'Placement', before: 6, after: 6 });
    expect(d.chosen).toBe(0);
  });

  it('does not limit a request for target hosts', () => {
    const d = decide(sixHosts(), indexed, { maxPlacementResults: 1 }, { onlyHosts: [1 as HostId, 0 as HostId] });

    expect(d.filters[0]).toEqual({ filter: 'Placement', before: 2, after: 2 });
    expect(d.chosen).toBe(0);
  });

  it('leaves a disabled host out before the limit (Train): the next host in its order takes the slot', () => {
    const cloud = sixHosts();
    cloud.hosts[3]!.enabled = false;
    cloud.inventory.hostChanged(cloud.hosts[3]!);

    const d = decide(cloud, indexed, { maxPlacementResults: 1 });

    expect(d.filters.slice(0, 2)).toEqual([
      { filter: 'Placement', before: 6, after: 1, viable: 5 },
      { filter: 'ComputeFilter', before: 1, after: 1 },
    ]);
    expect(d.chosen).toBe(5);
  });

  it('before Train, a disabled host takes a slot and ComputeFilter empties the list: NoValidHost with room left', () => {
    const cloud = sixHosts();
    cloud.hosts[3]!.enabled = false;
    cloud.inventory.hostChanged(cloud.hosts[3]!);

    const d = decide(cloud, indexed, { maxPlacementResults: 1, prefilterDisabledComputes: false });

    expect(d.chosen).toBeNull();
    expect(filterTrail(d.filters)).toBe('Placement: 6 -> 1 (limited from 6 viable), ComputeFilter: 1 -> 0');
  });

  it('randomised, keeps a sample drawn from its own stream, a new one per request, and draws nothing when it does not cut', () => {
    const cloud = sixHosts();
    const sample = scripted([3, 3, 0, 1]);
    const streams: PlacementStreams = { stream: (name) => (name === 'placement-order' ? scripted([0]) : sample) };
    const scheduler = makeScheduler({ ...SCHEDULER_DEFAULTS, policy: 'first_fit', maxPlacementResults: 2, randomizeAllocationCandidates: true }, cloud.inventory, {
      indexed,
      streams,
    });
    const ask = (extra: Parameters<typeof request>[2] = {}) => scheduler.select(request(cloud.small, cloud.project, { alternates: 1, ...extra }), 0, makeRng('t'));

    // Places 3 and 5 of the order: hosts 4 and 1.
    const first = ask();
    expect(first.filters[0]).toEqual({ filter: 'Placement', before: 6, after: 2, viable: 6 });
    expect([first.chosen, ...first.alternates]).toEqual([1, 4]);
    // A group request is not limited, so it draws nothing (the scripted stream would throw).
    expect(ask({ group: cloud.inventory.addGroup('g', 'soft-affinity', cloud.project) }).filters[0]).toEqual({ filter: 'Placement', before: 6, after: 6 });
    // Places 0 and 1 of the order: hosts 3 and 5.
    const second = ask();
    expect([second.chosen, ...second.alternates]).toEqual([3, 5]);
  });

  it('weighs only the hosts kept, and equal weights still go to the lowest host id', () => {
    const d = decide(sixHosts(), indexed, { policy: 'filter_scheduler', maxPlacementResults: 3 }, { alternates: 2 });

    expect(d.filters[0]).toEqual({ filter: 'Placement', before: 6, after: 3, viable: 6 });
    expect([d.chosen, ...d.alternates]).toEqual([0, 3, 5]); // kept: 3, 5, 0; all empty, so all weigh the same
  });
});
