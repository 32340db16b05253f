import { NOVA_DEFAULTS, type NovaConfig } from '../cloud/config.js';
import { DEFAULT_DURATIONS, type DurationKey, type DurationSpec } from '../cloud/durations.js';
import { buildNova, type Nova } from '../cloud/nova.js';
import { Bus } from '../engine/bus.js';
import { RandomStreams } from '../engine/random.js';
import { Simulator } from '../engine/simulator.js';
import { followFigures } from '../metrics/figures/run-figures.js';
import type { LiveRun, ProjectLimits, RunEnd } from '../metrics/run-end.js';
import type { RunFact } from '../metrics/run-facts.js';
import { startSampling } from '../metrics/sample-clock.js';
import type { Aggregate } from '../model/aggregate.js';
import type { ProjectQuota } from '../model/compute-limits.js';
import { makeHost } from '../model/host.js';
import { Inventory } from '../model/inventory.js';
import type { PlacementPolicy } from '../scheduling/policy.js';
import { makeScheduler } from '../scheduling/registry.js';
import { RandomFailures } from '../failures/inject/random-failures.js';
import { FailureResponder } from '../failures/recover/failure-response.js';
import { WorkloadGenerators } from '../workload/generator.js';
import { Timeline } from '../workload/timeline.js';
import { buildNetworks } from './networks.js';
import { powerModelsOf } from './power-and-charging.js';
import { consolidationSetup, wireConsolidation } from './consolidation-wiring.js';
import { demandOf } from './cpu-settings.js';
import { CpuDemands, runsNovaCpu, wireNovaConsolidation } from './nova-consolidation-wiring.js';
import { replayPlanetLabIntoNova } from './planetlab-replay.js';
import { replayRequestLogs } from './request-log-replay.js';
import { replayVmTables } from './vm-table-replay.js';
import { wireOperators } from './operator-wiring.js';
import { SAMPLE_PRIORITY } from './priorities.js';
import { scriptedCalls } from './scripted-actions.js';
import { playServed, ServedRequests } from './served-play.js';
import { generatedWorkloads, type Scenario } from './schema.js';
import { quotasOf, serverLimitsOf } from './server-settings.js';
import { failureDomains, hostDomains, hostNames } from './validate.js';

/** What a simulation is built with besides its scenario. */
export interface BuildOptions {
  /** Subscribes the run's outputs to its facts before the first event (the output registry's streamed files). */
  readonly listen?: (run: LiveRun) => void;
  /** The plug-in placement policy the scenario names. */
  readonly plugin?: PlacementPolicy;
}

/** A wired simulation, ready to run. */
export interface Simulation {
  readonly sim: Simulator;
  readonly nova: Nova;
  /** The simulated time the run ends at: the scenario's duration, or when its served run stopped. */
  readonly end: number;
  /** Requests clients make to the cloud as it is served (novasim serve), taken in the event order a run of the recording takes them. */
  readonly served: ServedRequests;
  /**
   * Ends the run at `time` (now or later, at most the end): a served run
   * that is stopped ends where a run of its recording ends, with the same
   * last sample.
   */
  endAt(time: number): void;
  /**
   * Processes at most `budget` events; true once the run has reached its end.
   * Callers step with it to show progress or answer requests between steps;
   * stepping gives the same outputs as one uninterrupted run.
   */
  advance(budget?: number): boolean;
  /** Once the end is reached: closes the moves still open, settles build progress, and takes the run's end (see RunEnd). */
  finish(): RunEnd;
  /** Runs to the end in one go, then finishes. */
  run(): RunEnd;
}

/**
 * The composition root: scenario -> inventory, the run's fact bus and the
 * figures on it, the outputs' listeners, Nova, workload, failures,
 * operators and the sample clock, wired in that order (outputs listen
 * before anything can happen).
 */
export function buildSimulation(scenario: Scenario, options: BuildOptions = {}): Simulation {
  const sim = new Simulator();
  const config = novaConfig(scenario);
  const inventory = buildInventory(scenario, config);
  const streams = new RandomStreams(scenario.seed);
  const facts = new Bus<RunFact>();
  const powerModels = powerModelsOf(scenario, scenario.hosts.map((h) => hostNames(h).length));
  const consolidation = consolidationSetup(scenario, powerModels);
  const novaCpu = runsNovaCpu(scenario);
  const figures = followFigures(facts, inventory, { powerModels, chargingRates: scenario.charging?.rates ?? null, cpuEnergy: consolidation?.energy ?? null, novaCpu });
  options.listen?.({ facts, inventory, figures });
  const nova = buildNova({
    sim,
    inventory,
    config,
    scheduler: makeScheduler(scenario.scheduler, inventory, options.plugin ? { plugin: options.plugin, streams } : { streams }),
    durations: durationTable(scenario),
    streams,
    facts,
    limits: serverLimitsOf(scenario.limits),
    ...quotaPart(scenario),
  });
  const operators = wireOperators(sim, nova, scenario, streams);
  new Timeline(sim, scriptedCalls(scenario.actions, nova, operators.commands)).start();
  const served = new ServedRequests(sim, (entry) => playServed(entry, nova, operators.commands));
  for (const entry of scenario.served?.requests ?? []) served.schedule(entry);
  const demands = new CpuDemands();
  const generated = generatedWorkloads(scenario);
  new WorkloadGenerators(sim, nova, generated, streams, (server, i, n) => {
    const cpu = generated[i]!.cpu;
    if (cpu !== undefined) demands.set(server, demandOf(cpu, scenario.seed, generated[i]!.name, n));
  }).start();
  replayRequestLogs(sim, scenario, nova, operators.commands);
  replayVmTables(sim, scenario, nova, demands);
  if (novaCpu) replayPlanetLabIntoNova(sim, scenario, nova, demands);
  new RandomFailures(sim, nova, { ...scenario.failures, domains: failureDomains(scenario) }, streams).start();
  new FailureResponder(sim, nova, scenario.operator.failure_response, streams).start();
  operators.start();
  if (consolidation !== null) wireConsolidation(sim, facts, scenario, consolidation, streams).start();
  if (novaCpu) wireNovaConsolidation(sim, nova, facts, scenario, powerModels!, operators, demands, streams).start();
  const clock = startSampling(sim, facts, scenario.metrics.sample_interval, scenario.served?.stopped_at ?? scenario.duration, SAMPLE_PRIORITY);

  const finish = (): RunEnd => {
    const { end } = clock;
    nova.cloud.moves.closeOpen(); // moves still open: resizes awaiting confirmation, live migrations under way
    nova.extras.progress.settle(inventory.servers, end); // servers.csv and servers.json show progress at the end
    return {
      scenario: scenario.name,
      seed: scenario.seed,
      end,
      events: sim.processed,
      inventory,
      figures,
      details: nova.extras.details,
      projects: projectLimits(nova, inventory),
      limits: serverLimitsOf(scenario.limits),
      serverGroupMembers: config.server_group_members,
    };
  };
  const advance = (budget?: number): boolean => sim.run(clock.end, budget);
  return {
    sim,
    nova,
    get end() {
      return clock.end;
    },
    served,
    endAt: (time) => clock.endAt(time),
    advance,
    finish,
    run() {
      advance();
      return finish();
    },
  };
}

/** Each project's quota and usage at the end, with the server groups it owns (limits.json). */
function projectLimits(nova: Nova, inventory: Inventory): ProjectLimits[] {
  const { quotas } = nova.extras;
  const groupsOf = new Map<number, number>();
  for (const g of inventory.groups) groupsOf.set(g.project, (groupsOf.get(g.project) ?? 0) + 1);
  return [...inventory.projects.values()].map((p) => ({
    project: p.name,
    quota: quotas.quota(p.id),
    usage: quotas.usage(p.id),
    serverGroups: groupsOf.get(p.id) ?? 0,
  }));
}

/** The projects' quotas, only when the scenario sets `quotas:` (otherwise none is enforced). */
function quotaPart(scenario: Scenario): { quotas?: Record<string, ProjectQuota> } {
  const quotas = quotasOf(scenario.quotas, scenario.projects.map((p) => p.name));
  return quotas === undefined ? {} : { quotas };
}

function novaConfig(scenario: Scenario): NovaConfig {
  const set = Object.fromEntries(Object.entries(scenario.config).filter(([, v]) => v !== undefined));
  return { ...NOVA_DEFAULTS, ...set };
}

function durationTable(scenario: Scenario): Record<DurationKey, DurationSpec> {
  const table: Record<string, DurationSpec> = { ...DEFAULT_DURATIONS };
  for (const [key, d] of Object.entries(scenario.durations)) {
    table[key] = { base: d.base, perImageGb: d.per_image_gb, perDiskGb: d.per_disk_gb, perRamGb: d.per_ram_gb };
  }
  return table as Record<DurationKey, DurationSpec>;
}

function buildInventory(scenario: Scenario, config: NovaConfig): Inventory {
  const inventory = new Inventory();
  for (const f of scenario.flavors) {
    const dirty = f.dirty_rate_mb_s === undefined ? {} : { dirtyRateMbS: f.dirty_rate_mb_s };
    inventory.addFlavor({ name: f.name, vcpus: f.vcpus, ramMb: f.ram_mb, diskGb: f.disk_gb, extraSpecs: f.extra_specs, ...dirty });
  }
  for (const i of scenario.images) inventory.addImage({ name: i.name, sizeGb: i.size_gb, ...(i.files ? { files: i.files } : {}) });
  for (const p of scenario.projects) inventory.addProject(p.name);
  const aggregates = new Map<string, { aggregate: Aggregate; buildFailureProbability: number | undefined }>();
  for (const a of scenario.aggregates) {
    const zone = a.availability_zone === undefined ? {} : { availability_zone: a.availability_zone };
    aggregates.set(a.name, { aggregate: inventory.addAggregate(a.name, { ...a.metadata, ...zone }), buildFailureProbability: a.build_failure_probability });
  }
  for (const g of scenario.server_groups) inventory.addGroup(g.name, g.policy, inventory.projects.get(g.project)!.id, g.rules?.max_server_per_host);
  buildNetworks(inventory.networks, scenario);
  const reserved = { vcpus: config.reserved_host_cpus, ramMb: config.reserved_host_memory_mb, diskGb: Math.ceil(config.reserved_host_disk_mb / 1024) };
  for (const h of scenario.hosts) {
    const ratios = {
      vcpus: h.cpu_allocation_ratio ?? config.cpu_allocation_ratio,
      ramMb: h.ram_allocation_ratio ?? config.ram_allocation_ratio,
      diskGb: h.disk_allocation_ratio ?? config.disk_allocation_ratio,
    };
    const mine = (h.aggregates ?? []).map((name) => aggregates.get(name)!);
    // A host's own build failure probability wins; otherwise the worst of its aggregates'.
    const placement = {
      aggregates: mine.map((m) => m.aggregate),
      buildFailureProbability: h.build_failure_probability ?? Math.max(0, ...mine.map((m) => m.buildFailureProbability ?? 0)),
      sharedStorage: h.shared_storage ?? false,
      ...(h.link_gbps !== undefined ? { linkGbps: h.link_gbps } : {}),
      ...(h.migration_bandwidth_mb_s !== undefined ? { migrationBandwidthMbS: h.migration_bandwidth_mb_s } : {}),
    };
    const domains = hostDomains(h);
    hostNames(h).forEach((name, i) => {
      const where = { ...placement, failureDomain: domains[i] ?? null };
      inventory.addHost((id) => makeHost(id, name, { vcpus: h.vcpus, ramMb: h.ram_mb, diskGb: h.disk_gb }, reserved, ratios, where));
    });
  }
  return inventory;
}
