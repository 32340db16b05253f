import { makeRng } from '../src/engine/random.js';
import type { Flavor } from '../src/model/catalog.js';
import { makeHost } from '../src/model/host.js';
import type { HostId, ProjectId } from '../src/model/ids.js';
import { Inventory } from '../src/model/inventory.js';
import type { Server } from '../src/model/server.js';
import { POLICY_NAMES, SCHEDULER_DEFAULTS, type PolicyName, type SchedulerConfig } from '../src/scheduling/config.js';
import { makeScheduler } from '../src/scheduling/registry.js';
import type { Scheduler } from '../src/scheduling/types.js';
import type { PlacementRequest } from '../src/scheduling/types.js';
import type { BenchContext } from './sections.js';

const SIZES = [1_000, 10_000, 100_000] as const;
const FLAVORS = [
  { name: 'm1.small', vcpus: 1, ramMb: 2048, diskGb: 20 },
  { name: 'm1.medium', vcpus: 2, ramMb: 4096, diskGb: 40 },
  { name: 'm1.large', vcpus: 4, ramMb: 8192, diskGb: 80 },
  { name: 'm1.xlarge', vcpus: 8, ramMb: 16384, diskGb: 160 },
];

interface Cloud {
  readonly inventory: Inventory;
  readonly flavors: Flavor[];
  readonly project: ProjectId;
  readonly servers: Server[];
}

/**
 * A cloud of identical 64 vCPU / 256 GiB / 4 TB hosts (cpu ratio 4), half
 * full: servers of a four-flavor mix claimed on random hosts, which leaves
 * the hosts' free capacity uneven as in a cloud that has run a while.
 */
export function halfFullCloud(hosts: number): Cloud {
  const inventory = new Inventory();
  for (let i = 0; i < hosts; i++) {
    inventory.addHost((id) => makeHost(id, `cmp-${i}`, { vcpus: 64, ramMb: 262144, diskGb: 4000 }, { vcpus: 0, ramMb: 512, diskGb: 0 }, { vcpus: 4, ramMb: 1, diskGb: 1 }));
  }
  const flavors = FLAVORS.map((f) => inventory.addFlavor(f));
  const project = inventory.addProject('p').id;
  const image = inventory.addImage({ name: 'img', sizeGb: 2 });
  const rng = makeRng('fill');
  const servers: Server[] = [];
  while (inventory.used.ramMb < inventory.capacity.ramMb / 2) {
    const flavor = flavors[rng.int(flavors.length)]!;
    const host = rng.int(hosts) as HostId;
    const h = inventory.host(host);
    if (h.used.ramMb + flavor.ramMb > h.capacity.ramMb) continue;
    servers.push(claim(inventory, host, flavor, project, image));
  }
  return { inventory, flavors, project, servers };
}

let serial = 0;
function claim(inventory: Inventory, host: HostId, flavor: Flavor, project: ProjectId, image = inventory.images.get('img')!): Server {
  const server = inventory.addServer(`s${serial++}`, project, flavor, image, 0);
  inventory.claim(host, flavor);
  inventory.attach(server, host);
  server.host = host;
  return server;
}

/** Steps per second, and decisions per second counting the scheduler's select alone. */
interface Rates {
  readonly steps: number;
  readonly decisions: number;
}

/**
 * Placements per second in steady state: each step asks the scheduler for
 * a host, claims it, and deletes a random server, so the cloud stays half
 * full. Timed over `placements` steps after a warm-up; the scheduler's
 * decisions are also timed alone (the rest of a step is the inventory's
 * claim and release, with every index observing them).
 */
export function placementRates(cloud: Cloud, scheduler: Scheduler, placements: number): Rates {
  const { inventory, flavors, project, servers } = cloud;
  const rng = makeRng(`bench-${scheduler.name}`);
  const choice = makeRng('choice');
  let deciding = 0;
  // The record of the server deleted last, reused by the next placement: a new record per step would time the
  // garbage collector marking the cloud's servers (1.7 million in the half-full 100,000-host cloud: 45% of a step
  // of `random`), not placement.
  let spare: Server | null = null;
  const place = (host: HostId, flavor: Flavor): Server => {
    if (spare === null) return claim(inventory, host, flavor, project);
    const server = spare;
    spare = null;
    server.flavor = flavor;
    inventory.claim(host, flavor);
    inventory.attach(server, host);
    server.host = host;
    return server;
  };
  const step = (): void => {
    const flavor = flavors[rng.int(flavors.length)]!;
    const request: PlacementRequest = { server: -1 as never, flavor, project, group: null, availabilityZone: null, ignoreHosts: [], onlyHosts: null, alternates: 2 };
    const asked = performance.now();
    const decision = scheduler.select(request, 0, choice);
    deciding += performance.now() - asked;
    if (decision.chosen !== null) servers.push(place(decision.chosen as HostId, flavor));
    const i = rng.int(servers.length);
    const gone = servers[i]!;
    servers[i] = servers[servers.length - 1]!;
    servers.pop();
    inventory.release(gone.host!, gone.flavor);
    inventory.detach(gone, gone.host!);
    gone.host = null;
    spare = gone;
  };
  for (let i = 0; i < Math.min(2000, placements); i++) step();
  deciding = 0;
  const start = performance.now();
  for (let i = 0; i < placements; i++) step();
  return { steps: placements / ((performance.now() - start) / 1000), decisions: placements / (deciding / 1000) };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export function runPlacementBenchmark(ctx: BenchContext): void {
  const placements = ctx.quick ? 2_000 : 20_000;
  const repeats = ctx.quick ? 1 : 3;
  const rows: string[] = [];
  const decisionRows: string[] = [];
  const variants: { label: string; policy: PolicyName; placement: Partial<SchedulerConfig> }[] = [
    ...POLICY_NAMES.map((policy) => ({ label: policy, policy, placement: {} })),
    // Placement's limit off (every viable host a candidate), and its random sample (listed, then filtered and weighed).
    { label: 'filter_scheduler, no limit', policy: 'filter_scheduler', placement: { maxPlacementResults: Number.MAX_SAFE_INTEGER } },
    { label: 'filter_scheduler, randomized', policy: 'filter_scheduler', placement: { randomizeAllocationCandidates: true } },
  ];
  for (const { label, policy, placement } of variants) {
    const rates: number[] = [];
    const decisions: number[] = [];
    for (const size of SIZES) {
      const cloud = halfFullCloud(size);
      // One scheduler for the repeats: each one made keeps its index observing the inventory.
      const scheduler = makeScheduler({ ...SCHEDULER_DEFAULTS, policy, ...placement }, cloud.inventory);
      const runs = Array.from({ length: repeats }, () => placementRates(cloud, scheduler, placements));
      rates.push(median(runs.map((r) => r.steps)));
      decisions.push(median(runs.map((r) => r.decisions)));
      ctx.log(`placement ${label} ${size} hosts: ${Math.round(rates.at(-1)!)} placements/s, ${Math.round(decisions.at(-1)!)} decisions/s`);
    }
    rows.push(`| ${label} | ${rates.map((r) => Math.round(r).toLocaleString('en-US')).join(' | ')} | ${(rates[0]! / rates.at(-1)!).toFixed(2)} |`);
    decisionRows.push(`| ${label} | ${decisions.map((r) => Math.round(r).toLocaleString('en-US')).join(' | ')} | ${(decisions[0]! / decisions.at(-1)!).toFixed(2)} |`);
  }
  // The reference every host is scanned by, for scale: far fewer steps, as each costs a pass over the cloud.
  const scanRates = SIZES.map((size) => {
    const steps = Math.max(50, Math.round((placements * 1000) / size / 4));
    const cloud = halfFullCloud(size);
    const rate = placementRates(cloud, makeScheduler({ ...SCHEDULER_DEFAULTS, policy: 'filter_scheduler' }, cloud.inventory, { indexed: false }), steps).steps;
    ctx.log(`placement filter_scheduler (scan) ${size} hosts: ${Math.round(rate)} placements/s`);
    return rate;
  });
  rows.push(`| filter_scheduler, plain scan | ${scanRates.map((r) => Math.round(r).toLocaleString('en-US')).join(' | ')} | ${(scanRates[0]! / scanRates.at(-1)!).toFixed(2)} |`);
  console.log('## Placement\n');
  console.log(
    `Placements per second (median of ${repeats}) on clouds of identical hosts kept half full: each step schedules one ` +
      `server of a four-flavor mix with two alternates, claims it and deletes a random server. Nova's default ` +
      `max_placement_results (1000) is on, so among 10,000 and 100,000 hosts Placement hands each request 1,000 ` +
      `of the viable hosts, the first in its order. The ratio is the cost of one placement among 100,000 hosts over ` +
      `one among 1,000. The last rows are the filter scheduler with the limit off, with ` +
      `randomize_allocation_candidates (a sample of 1,000 drawn and listed per request), and the reference scan ` +
      `of every host (what the index is tested against), for scale.\n`,
  );
  console.log(`| policy | ${SIZES.map((s) => `${s.toLocaleString('en-US')} hosts`).join(' | ')} | 100k / 1k cost |`);
  console.log(`|---|${SIZES.map(() => '---:').join('|')}|---:|`);
  for (const row of rows) console.log(row);
  console.log();
  console.log(
    'The same runs, counting only the time the scheduler takes to decide (its select: Placement, filters, weighers, ' +
      'alternates); the rest of a step is the claim and the release, which every index observes.\n',
  );
  console.log(`| policy | ${SIZES.map((s) => `${s.toLocaleString('en-US')} hosts`).join(' | ')} | 100k / 1k cost |`);
  console.log(`|---|${SIZES.map(() => '---:').join('|')}|---:|`);
  for (const row of decisionRows) console.log(row);
  console.log();
}
