import { NOVA_DEFAULTS, type NovaConfig } from '../cloud/config.js';
import { DEFAULT_DURATIONS, type DurationKey, type DurationSpec } from '../cloud/durations.js';
import { buildNova, type Nova } from '../cloud/nova.js';
import type { Fact } from '../cloud/facts.js';
import { Bus } from '../engine/bus.js';
import { RandomStreams } from '../engine/random.js';
import { Simulator } from '../engine/simulator.js';
import {
  Availability, CoLocation, EventLog, FailureStats, Headroom, hostsCsv, PlacementLog, RunStats, Sampler, serversCsv, SpareCapacity,
  summarize, type Summary, type TextSink,
} from '../metrics/index.js';
import { Charging, Energy } from '../metrics/index.js';
import { OperationStats } from '../metrics/index.js';
import { MigrationLog, MigrationStats } from '../metrics/index.js';
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
import { wireOperators } from './operator-wiring.js';
import { scriptedCalls } from './scripted-actions.js';
import type { Scenario } from './schema.js';
import { quotasOf, serverLimitsOf } from './server-settings.js';
import { serverViews, type ServerViews } from './server-views.js';
import { hostNames } from './validate.js';

/** Where a run streams its long outputs while it runs. */
export interface RunSinks {
  readonly events: TextSink;
  readonly timeseries: TextSink;
  /** placements.jsonl; omit it to skip the placement log (it is the largest output). */
  readonly placements?: TextSink;
  /** migrations.csv; omit it to skip the log of moves (summary.json counts them either way). */
  readonly migrations?: TextSink;
}

/** What a finished run hands back to its caller (the CLI writes it out). */
export interface RunResult extends ServerViews {
  readonly summary: Summary;
  readonly serversCsv: string;
  readonly hostsCsv: string;
  readonly events: number;
}

/** A wired simulation, ready to run. */
export interface Simulation {
  readonly sim: Simulator;
  readonly nova: Nova;
  /** The simulated time the run ends at (the scenario's duration). */
  readonly end: number;
  /**
   * Processes at most `budget` events; true once the run has reached its end.
   * Callers step with it to show progress or answer requests between steps;
   * stepping gives the same outputs as one uninterrupted run.
   */
  advance(budget?: number): boolean;
  /** Once the end is reached: closes what is still open and computes the final tables. */
  finish(): RunResult;
  /** Runs to the end in one go, then finishes. */
  run(): RunResult;
}

/** The composition root: scenario -> inventory, Nova, workload, timeline and metrics, wired. */
export function buildSimulation(scenario: Scenario, sinks: RunSinks, plugin?: PlacementPolicy): Simulation {
  const sim = new Simulator();
  const config = novaConfig(scenario);
  const inventory = buildInventory(scenario, config);
  const streams = new RandomStreams(scenario.seed);
  const facts = new Bus<Fact>();
  const stats = new RunStats(facts);
  const events = new EventLog(facts, sinks.events, inventory);
  const placements = sinks.placements ? new PlacementLog(facts, sinks.placements, inventory) : null;
  const headroom = new Headroom(facts, inventory.hosts, [...inventory.flavors.values()]);
  const coLocation = new CoLocation(facts, inventory);
  const failures = new FailureStats(facts, inventory);
  const availability = new Availability(facts, inventory);
  const spare = new SpareCapacity(facts, inventory.hosts);
  const energy = new Energy(facts, inventory.hosts, powerModelsOf(scenario, scenario.hosts.map((h) => hostNames(h).length)));
  const charging = scenario.charging === undefined ? null : new Charging(facts, scenario.charging.rates, inventory);
  const operations = new OperationStats(facts, inventory);
  const migrationStats = new MigrationStats(facts);
  const migrationLog = sinks.migrations ? new MigrationLog(facts, sinks.migrations, inventory) : null;
  const nova = buildNova({
    sim,
    inventory,
    config,
    scheduler: makeScheduler(scenario.scheduler, inventory, plugin ? { plugin } : {}),
    durations: durationTable(scenario),
    streams,
    facts,
    limits: serverLimitsOf(scenario.limits),
    ...quotaPart(scenario),
  });
  const operators = wireOperators(sim, nova, scenario, streams);
  new Timeline(sim, scriptedCalls(scenario.actions, nova, operators.commands)).start();
  new WorkloadGenerators(sim, nova, scenario.workload, streams).start();
  new RandomFailures(sim, nova, scenario.failures, streams).start();
  new FailureResponder(sim, nova, scenario.operator.failure_response, streams).start();
  operators.start();

  const sampler = new Sampler(sinks.timeseries, headroom, coLocation, spare, [energy]);
  const interval = scenario.metrics.sample_interval;
  // Samples run after everything else at their instant, so they see its outcome; the
  // last one is at the end of the run, so the time-weighted means cover all of it.
  const sampleKind = sim.register('sample', () => {
    sampler.sample(sim.now, inventory, stats);
    if (sim.now < scenario.duration) sim.at(Math.min(sim.now + interval, scenario.duration), sampleKind, 0, 0, 1);
  });
  sim.at(0, sampleKind, 0, 0, 1);

  const end = scenario.duration;
  const finish = (): RunResult => {
    nova.cloud.moves.closeOpen(); // moves still open: resizes awaiting confirmation, live migrations under way
    events.flush();
    sampler.flush();
    placements?.flush();
    migrationLog?.flush();
    const meta = { scenario: scenario.name, seed: scenario.seed, duration: end, meanUtilisation: sampler.meanUtilisation() };
    const summary = summarize(stats, inventory, headroom, coLocation, end, meta, { failures, spare }, { energy, charging }, operations, migrationStats);
    const views = serverViews(nova, inventory, scenario, end); // first: it settles build progress for servers.csv
    return {
      ...views,
      summary,
      serversCsv: serversCsv(inventory, end, availability, undefined, charging),
      hostsCsv: hostsCsv(inventory, end, headroom, energy),
      events: sim.processed,
    };
  };
  const advance = (budget?: number): boolean => sim.run(end, budget);
  return {
    sim,
    nova,
    end,
    advance,
    finish,
    run() {
      advance();
      return finish();
    },
  };
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
      failureDomain: h.failure_domain ?? null,
      ...(h.link_gbps !== undefined ? { linkGbps: h.link_gbps } : {}),
      ...(h.migration_bandwidth_mb_s !== undefined ? { migrationBandwidthMbS: h.migration_bandwidth_mb_s } : {}),
    };
    for (const name of hostNames(h)) {
      inventory.addHost((id) => makeHost(id, name, { vcpus: h.vcpus, ramMb: h.ram_mb, diskGb: h.disk_gb }, reserved, ratios, placement));
    }
  }
  return inventory;
}
