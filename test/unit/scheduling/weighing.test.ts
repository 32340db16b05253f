import { describe, expect, it } from 'vitest';
import { makeRng } from '../../../src/engine/random.js';
import { Inventory } from '../../../src/model/inventory.js';
import { SCHEDULER_DEFAULTS, type SchedulerConfig } from '../../../src/scheduling/config.js';
import { makeScheduler } from '../../../src/scheduling/registry.js';
import { addHosts, placeOn, request } from '../../support/placement-cloud.js';

/**
 * Three 8 vCPU / 16 GiB / 200 GB hosts holding 0, 1 and 3 "unit" servers
 * (2 vCPU, 4 GiB, 50 GB): free RAM 16384, 12288, 4096 MB; free vCPUs 8, 6, 2;
 * free disk 200, 150, 50 GB. Nova's resource weighers have minval 0, so
 * each normalises to free / max free: RAM 1, 0.75, 0.25; the same for CPU
 * and disk.
 */
function threeHosts() {
  const inventory = new Inventory();
  const hosts = addHosts(inventory, [0, 1, 2].map(() => ({ vcpus: 8, ramMb: 16384, diskGb: 200 })));
  const unit = inventory.addFlavor({ name: 'unit', vcpus: 2, ramMb: 4096, diskGb: 50 });
  const tiny = inventory.addFlavor({ name: 'tiny', vcpus: 1, ramMb: 512, diskGb: 0 });
  const project = inventory.addProject('p').id;
  placeOn(inventory, hosts[1]!.id, unit, project);
  for (let i = 0; i < 3; i++) placeOn(inventory, hosts[2]!.id, unit, project);
  return { inventory, hosts, unit, tiny, project };
}

const decide = (inventory: Inventory, config: Partial<SchedulerConfig>, req: ReturnType<typeof request>) =>
  makeScheduler({ ...SCHEDULER_DEFAULTS, ...config }, inventory).select(req, 0, makeRng('t'));

describe('weighing as Nova does it', () => {
  it('spreads by default: each resource weigher adds free / max free', () => {
    const { inventory, tiny, project } = threeHosts();
    const d = decide(inventory, {}, request(tiny, project));
    expect(d.chosen).toBe(0);
    expect(d.top.map((t) => [t.host, t.weight])).toEqual([[0, 3], [1, 2.25], [2, 0.75]]);
    expect(d.top[1]!.parts).toEqual({
      RAMWeigher: 0.75,
      CPUWeigher: 0.75,
      DiskWeigher: 0.75,
      ServerGroupSoftAffinityWeigher: 0,
      ServerGroupSoftAntiAffinityWeigher: 0,
      BuildFailureWeigher: -0,
    });
  });

  it('stacks with negative multipliers (pack)', () => {
    const { inventory, tiny, project } = threeHosts();
    const d = decide(inventory, { policy: 'pack' }, request(tiny, project));
    expect(d.chosen).toBe(2);
    expect(d.top.map((t) => t.weight)).toEqual([-0.75, -2.25, -3]);
  });

  it('weighs only the weighers configured, with their multipliers', () => {
    const { inventory, tiny, project } = threeHosts();
    const d = decide(inventory, { weighers: { RAMWeigher: 2, DiskWeigher: -1 } }, request(tiny, project));
    // host-0: 2*1 - 1 = 1; host-1: 2*0.75 - 0.75 = 0.75; host-2: 2*0.25 - 0.25 = 0.25
    expect(d.top.map((t) => [t.host, t.weight])).toEqual([[0, 1], [1, 0.75], [2, 0.25]]);
  });

  it('normalises a soft-anti-affinity group over the candidates: fewer members weigh more', () => {
    const { inventory, hosts, tiny, project, unit } = threeHosts();
    const group = inventory.addGroup('g', 'soft-anti-affinity', project);
    placeOn(inventory, hosts[0]!.id, tiny, project, group);
    placeOn(inventory, hosts[0]!.id, tiny, project, group);
    placeOn(inventory, hosts[1]!.id, tiny, project, group);
    void unit;
    const d = decide(inventory, { weighers: { ServerGroupSoftAntiAffinityWeigher: 1 } }, request(tiny, project, { group }));
    // raw -2, -1, 0 -> (w - (-2)) / 2 = 0, 0.5, 1
    expect(d.top.map((t) => [t.host, t.weight])).toEqual([[2, 1], [1, 0.5], [0, 0]]);
  });

  it('soft affinity prefers the host with most members', () => {
    const { inventory, hosts, tiny, project } = threeHosts();
    const group = inventory.addGroup('g', 'soft-affinity', project);
    placeOn(inventory, hosts[2]!.id, tiny, project, group);
    const d = decide(inventory, { weighers: { ServerGroupSoftAffinityWeigher: 1, RAMWeigher: 0.5 } }, request(tiny, project, { group }));
    expect(d.chosen).toBe(2);
  });

  it('a failed build outweighs everything else (BuildFailureWeigher, negated 1e6)', () => {
    const { inventory, hosts, tiny, project } = threeHosts();
    inventory.reportFailedBuilds(hosts[0]!, 1);
    const d = decide(inventory, {}, request(tiny, project));
    expect(d.chosen).toBe(1);
    expect(d.top.at(-1)).toMatchObject({ host: 0, weight: 3 - 1e6 });
    inventory.reportFailedBuilds(hosts[0]!, 0);
    expect(decide(inventory, {}, request(tiny, project)).chosen).toBe(0);
  });

  it('follows builds and placements that happen after the scheduler is made', () => {
    const { inventory, hosts, tiny, project } = threeHosts();
    const failures = makeScheduler(SCHEDULER_DEFAULTS, inventory);
    const spread = makeScheduler({ ...SCHEDULER_DEFAULTS, weighers: { ProjectSpreadWeigher: 1 } }, inventory);

    inventory.reportFailedBuilds(hosts[0]!, 1);
    placeOn(inventory, hosts[0]!.id, tiny, project);
    placeOn(inventory, hosts[0]!.id, tiny, project);

    // host-0 has the most free RAM but a failed build, and 2 of the project's servers to host-1's 1.
    expect(failures.select(request(tiny, project), 0, makeRng('t')).chosen).toBe(1);
    expect(spread.select(request(tiny, project), 0, makeRng('t')).chosen).toBe(1);
    inventory.reportFailedBuilds(hosts[0]!, 0);
    expect(failures.select(request(tiny, project), 0, makeRng('t')).chosen).toBe(0);
  });

  it('weighs nothing when one host is left (Nova skips weighing)', () => {
    const { inventory, unit, project } = threeHosts();
    const d = decide(inventory, {}, request(unit, project, { onlyHosts: [1 as never] }));
    expect(d.top).toEqual([{ host: 1, weight: 0, parts: {} }]);
  });

  it('keeps the next best hosts as alternates, and picks among host_subset_size at random', () => {
    const { inventory, tiny, project } = threeHosts();
    expect(decide(inventory, {}, request(tiny, project, { alternates: 2 })).alternates).toEqual([1, 2]);
    const picks = new Set<number>();
    const scheduler = makeScheduler({ ...SCHEDULER_DEFAULTS, hostSubsetSize: 2 }, inventory);
    const rng = makeRng('subset');
    for (let i = 0; i < 50; i++) picks.add(scheduler.select(request(tiny, project), 0, rng).chosen!);
    expect([...picks].sort()).toEqual([0, 1]);
  });

  it('the project spread weigher prefers hosts with fewer of the project\'s servers', () => {
    const { inventory, tiny, project } = threeHosts();
    const other = inventory.addProject('q').id;
    // project p has 0, 1, 3 servers on the hosts; RAM alone would pick host-0 too, so weigh only the spread.
    const d = decide(inventory, { weighers: { ProjectSpreadWeigher: 1 } }, request(tiny, project));
    expect(d.top.map((t) => [t.host, t.weight])).toEqual([[0, 1], [1, 2 / 3], [2, 0]]);
    expect(decide(inventory, { weighers: { ProjectSpreadWeigher: 1 } }, request(tiny, other)).top.map((t) => t.weight)).toEqual([0, 0, 0]);
  });
});
