/**
 * The host index against the plain scan: on random clouds (hosts of
 * several shapes, ratios and reservations, aggregates with zones and
 * metadata, flavors pinned by extra specs, server groups of every policy)
 * driven by random claims, releases, disables, service failures and failed
 * builds, every request gets the same decision from both: the same filter
 * counts, the same chosen host, alternates and top weights, for every
 * built-in policy and random weigher multipliers. Placement's limit is
 * drawn small (1 to 10 hosts, or out of reach), so many requests are cut
 * to the first hosts in Placement's order or, randomised, to a sample;
 * disabled hosts are pre-filtered or not.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeRng, type Rng } from '../../src/engine/random.js';
import type { Aggregate } from '../../src/model/aggregate.js';
import type { Flavor } from '../../src/model/catalog.js';
import type { Host } from '../../src/model/host.js';
import type { HostId, ProjectId } from '../../src/model/ids.js';
import { Inventory } from '../../src/model/inventory.js';
import type { Server } from '../../src/model/server.js';
import { GROUP_POLICIES, type ServerGroup } from '../../src/model/server-group.js';
import { POLICY_NAMES, SCHEDULER_DEFAULTS, type SchedulerConfig } from '../../src/scheduling/config.js';
import { filterByScan } from '../../src/scheduling/filtering.js';
import { FILTERS } from '../../src/scheduling/filters/index.js';
import { PlacementStage } from '../../src/scheduling/placement-stage.js';
import { FILTER_NAMES, makeScheduler, WEIGHER_NAMES } from '../../src/scheduling/registry.js';
import { addHosts, placeOn, removeServer, request } from '../support/placement-cloud.js';

const pick = <T>(rng: Rng, items: readonly T[]): T => items[rng.int(items.length)]!;

/** Mostly none; sometimes one host (a target), sometimes most of them (a consolidation's list, which the index answers). */
function onlyHosts(rng: Rng, hosts: readonly Host[]): HostId[] | null {
  const roll = rng.next();
  if (roll < 0.05) return [pick(rng, hosts).id];
  if (roll < 0.1) return hosts.filter(() => rng.next() < 0.8).map((h) => h.id);
  return null;
}

function randomCloud(rng: Rng) {
  const inventory = new Inventory();
  const aggregates: Aggregate[] = [];
  for (let i = 0; i < rng.int(4); i++) {
    const metadata: Record<string, string> = {};
    if (rng.next() < 0.5) metadata['availability_zone'] = `az${i}`;
    if (rng.next() < 0.6) metadata['tier'] = pick(rng, ['gold', 'silver', 'gold,silver']);
    if (rng.next() < 0.4) metadata['cpus'] = String(8 * (1 + rng.int(4)));
    aggregates.push(inventory.addAggregate(`agg${i}`, metadata));
  }
  const hostCount = 1 + rng.int(70);
  const shapes = Array.from({ length: hostCount }, () => {
    const zoned = aggregates.filter((a) => a.metadata['availability_zone'] !== undefined);
    const unzoned = aggregates.filter((a) => a.metadata['availability_zone'] === undefined);
    const mine = unzoned.filter(() => rng.next() < 0.4);
    if (zoned.length > 0 && rng.next() < 0.6) mine.push(pick(rng, zoned));
    return {
      vcpus: pick(rng, [4, 8, 16]),
      ramMb: pick(rng, [8192, 16384, 32768]),
      diskGb: pick(rng, [100, 200, 400]),
      reserved: { vcpus: rng.int(2), ramMb: pick(rng, [0, 512]), diskGb: rng.int(10) },
      ratios: { vcpus: pick(rng, [1, 2, 4, 1.5]), ramMb: pick(rng, [1, 1.5]), diskGb: 1 },
      placement: { aggregates: mine, buildFailureProbability: 0 },
    };
  });
  const hosts = addHosts(inventory, shapes);
  const flavors: Flavor[] = [];
  for (let i = 0; i < 2 + rng.int(4); i++) {
    const extraSpecs: Record<string, string> = {};
    if (rng.next() < 0.2) extraSpecs['aggregate_instance_extra_specs:tier'] = pick(rng, ['gold', 'silver', '<or> gold <or> bronze', 's== silver']);
    if (rng.next() < 0.15) extraSpecs['cpus'] = pick(rng, ['= 16', '>= 24', '<= 8']);
    if (rng.next() < 0.1) extraSpecs['hw:cpu_policy'] = 'dedicated';
    flavors.push(inventory.addFlavor({ name: `f${i}`, vcpus: 1 + rng.int(6), ramMb: 512 * (1 + rng.int(16)), diskGb: 10 * rng.int(8), extraSpecs }));
  }
  const projects = [0, 1, 2].map((i) => inventory.addProject(`p${i}`).id);
  const groups: ServerGroup[] = [];
  for (let i = 0; i < 4; i++) {
    const policy = pick(rng, GROUP_POLICIES);
    groups.push(inventory.addGroup(`g${i}`, policy, pick(rng, projects), policy === 'anti-affinity' ? 1 + rng.int(3) : 1));
  }
  return { inventory, hosts, flavors, projects, groups, aggregates };
}

function randomConfig(rng: Rng): SchedulerConfig {
  const filters = FILTER_NAMES.filter(() => rng.next() < 0.8);
  if (rng.next() < 0.5) filters.reverse();
  const weighers: Record<string, number> = {};
  for (const name of WEIGHER_NAMES) if (rng.next() < 0.7) weighers[name] = pick(rng, [1, -1, 2.5, 0, -0.5, 1e6]);
  return {
    ...SCHEDULER_DEFAULTS,
    policy: pick(rng, POLICY_NAMES),
    filters,
    weighers,
    hostSubsetSize: 1 + rng.int(3),
    maxAttempts: 1 + rng.int(4),
    maxPlacementResults: pick(rng, [1, 2, 3, 5, 10, 1000]),
    randomizeAllocationCandidates: rng.next() < 0.3,
    prefilterDisabledComputes: rng.next() < 0.7,
  };
}

/** The named streams of a run seeded with `seed`: each scheduler gets its own, drawing alike. */
const streamsOf = (seed: number) => ({ stream: (name: string) => makeRng(`${seed}/${name}`) });

describe('host index', () => {
  it('decides exactly as a plain scan of every host', () => {
    // Requests Placement cut, in its order and randomised: the runs must reach both often.
    const limited = { ordered: 0, randomized: 0 };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const rng = makeRng(`cloud-${seed}`);
        const cloud = randomCloud(rng);
        const { inventory, hosts, flavors, projects, groups } = cloud;
        const config = randomConfig(rng);
        const indexed = makeScheduler(config, inventory, { streams: streamsOf(seed) });
        const scanned = makeScheduler(config, inventory, { indexed: false, streams: streamsOf(seed) });
        const rngA = makeRng(`choice-${seed}`);
        const rngB = makeRng(`choice-${seed}`);
        const servers: Server[] = [];
        let now = 0;
        for (let step = 0; step < 120; step++) {
          now += rng.int(30);
          const roll = rng.next();
          if (roll < 0.12 && servers.length > 0) {
            removeServer(inventory, servers.splice(rng.int(servers.length), 1)[0]!);
          } else if (roll < 0.17) {
            const host = pick(rng, hosts);
            host.enabled = !host.enabled;
            inventory.hostChanged(host);
          } else if (roll < 0.21) {
            const host = pick(rng, hosts);
            // A service that stops reporting counts as down a little later: the index is told when it stops,
            // and must notice the moment it counts as down on its own.
            host.downSince = host.downSince === Number.POSITIVE_INFINITY ? now + rng.int(60) : Number.POSITIVE_INFINITY;
            inventory.hostChanged(host);
          } else if (roll < 0.25) {
            const host = pick(rng, hosts);
            inventory.reportFailedBuilds(host, rng.next() < 0.7 ? host.failedBuilds + 1 : 0);
          } else {
            const group = rng.next() < 0.4 ? pick(rng, groups) : null;
            const project: ProjectId = group?.project ?? pick(rng, projects);
            const zones = [...inventory.availabilityZones];
            const req = request(pick(rng, flavors), project, {
              group,
              availabilityZone: rng.next() < 0.2 ? pick(rng, zones) : null,
              ignoreHosts: rng.next() < 0.2 ? [pick(rng, hosts).id, pick(rng, hosts).id] : [],
              onlyHosts: onlyHosts(rng, hosts),
              alternates: rng.int(3),
            });
            const a = indexed.select(req, now, rngA);
            const b = scanned.select(req, now, rngB);
            expect(a).toEqual(b);
            if (a.filters[0]?.viable !== undefined) limited[config.randomizeAllocationCandidates ? 'randomized' : 'ordered']++;
            if (a.chosen !== null) servers.push(placeOn(inventory, a.chosen as HostId, req.flavor, project, group));
          }
        }
      }),
      { numRuns: 200 },
    );
    expect(limited.ordered).toBeGreaterThan(500);
    expect(limited.randomized).toBeGreaterThan(200);
  });

  it('never breaks a hard group rule, and soft anti-affinity picks a host with the fewest members', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.constantFrom(...POLICY_NAMES), (seed, policy) => {
        const rng = makeRng(`groups-${seed}`);
        const { inventory, flavors, groups } = randomCloud(rng);
        const weighers = { ServerGroupSoftAntiAffinityWeigher: 1 };
        const config = { ...SCHEDULER_DEFAULTS, policy, weighers };
        const scheduler = makeScheduler(config, inventory);
        const choice = makeRng(`choice-${seed}`);
        for (let step = 0; step < 80; step++) {
          const group = pick(rng, groups);
          const req = request(pick(rng, flavors), group.project, { group });
          const { chosen } = scheduler.select(req, 0, choice);
          if (chosen === null) continue;
          const count = group.hostCounts.get(chosen) ?? 0;
          if (group.policy === 'anti-affinity') expect(count).toBeLessThan(group.maxServerPerHost);
          if (group.policy === 'affinity' && group.hostCounts.size > 0) expect(count).toBeGreaterThan(0);
          if (group.policy === 'soft-anti-affinity' && policy === 'filter_scheduler') {
            const filters = config.filters.map((name) => FILTERS[name]!);
            const candidates = filterByScan(req, filters, inventory, 0, PlacementStage.of(config)).candidates.list();
            const fewest = Math.min(...candidates.map((h) => group.hostCounts.get(h) ?? 0));
            expect(count).toBe(fewest);
          }
          placeOn(inventory, chosen, req.flavor, group.project, group);
        }
      }),
      { numRuns: 150 },
    );
  });
});
