import type { FactSink } from '../cloud/facts.js';
import type { RandomStreams } from '../engine/random.js';
import type { Simulator } from '../engine/simulator.js';
import type { CpuEnergySettings } from '../metrics/figures/cpu-energy.js';
import type { PowerModel } from '../metrics/figures/power-model.js';
import { cloudsimMigrationSeconds } from '../migration/cloudsim-migration.js';
import { specPowerCurve } from '../model/specpower-curve.js';
import { CloudsimDatacenter, type DatacenterHost, type DatacenterServer } from '../operator/dynamic/cloudsim-datacenter.js';
import { SampledDemand } from '../workload/demand/sampled-demand.js';
import { planetLabFiles, readPlanetLabTrace } from '../workload/traces/planetlab.js';
import { consolidationPolicyOf } from './dynamic-consolidation.js';
import { isTraceWorkload, type Scenario } from './schema.js';
import { blockFlavor } from './trace-workload.js';
import { hostNames } from './validate.js';

/** Gb/s of a host link when the scenario gives none (the host spec's default). */
const DEFAULT_LINK_GBPS = 10;
const KBIT_PER_GBIT = 1_000_000;

/** The CloudSim-compatible cloud a scenario asks for: its hosts, and how its energy is charged. */
export interface ConsolidationSetup {
  readonly hosts: readonly DatacenterHost[];
  readonly energy: CpuEnergySettings;
}

/**
 * The hosts of `operator.dynamic_consolidation` (model cloudsim), one per Nova host in the
 * inventory's order (host entries expanded as the inventory expands them),
 * or null when the scenario has none. Validation has checked the speeds
 * and the SPECpower tables.
 */
export function consolidationSetup(scenario: Scenario, powerModels: readonly PowerModel[] | null): ConsolidationSetup | null {
  const dynamic = scenario.operator.dynamic_consolidation;
  if (dynamic === undefined || dynamic.model !== 'cloudsim' || powerModels === null) return null;
  const entries = scenario.hosts.flatMap((h) => hostNames(h).map(() => h));
  const hosts = entries.map((h, id): DatacenterHost => ({
    cpu: { cores: h.vcpus, coreSpeed: h.cpu_mips! },
    ramMb: h.ram_mb,
    bandwidthKbitS: (h.link_gbps ?? DEFAULT_LINK_GBPS) * KBIT_PER_GBIT,
    watts: specPowerCurve(powerModels[id]!.points),
  }));
  return { hosts, energy: { watts: hosts.map((h) => h.watts), mode: dynamic.policy === 'npa' ? 'peak' : 'trapezoid' } };
}

/**
 * Builds the datacenter that runs the scenario's planetlab trace under its
 * policy: server i of the trace's order gets the flavor of its block and
 * the trace file's samples as its demand (read from the trace's start).
 */
export function wireConsolidation(sim: Simulator, facts: FactSink, scenario: Scenario, setup: ConsolidationSetup, streams: RandomStreams): CloudsimDatacenter {
  const dynamic = scenario.operator.dynamic_consolidation!;
  const trace = scenario.workload.filter(isTraceWorkload)[0]!.trace;
  if (trace.format !== 'planetlab') throw new Error(`unreachable: validation runs only planetlab traces, got ${trace.format}`);
  const flavors = new Map(scenario.flavors.map((f) => [f.name, f]));
  const names = planetLabFiles(trace.folder, trace.order).slice(0, trace.count);
  const start = trace.at;
  const servers = names.map((name, i): DatacenterServer => {
    const flavor = flavors.get(blockFlavor(trace.flavors, i, names.length))!;
    const samples = new SampledDemand(readPlanetLabTrace(`${trace.folder}/${name}`, trace.samples), trace.interval);
    return { vcpus: flavor.vcpus, speed: flavor.cpu_mips!, ramMb: flavor.ram_mb, demand: { at: (t) => samples.at(t - start) } };
  });
  // LR looks ahead by the longest migration off a host; with hosts of several links, the slowest link bounds it.
  const slowest = Math.min(...setup.hosts.map((h) => h.bandwidthKbitS));
  const policy = consolidationPolicyOf(dynamic, {
    migrationSeconds: (ramMb) => cloudsimMigrationSeconds(ramMb, slowest),
    rsStream: () => streams.stream('consolidation/rs'),
  });
  return new CloudsimDatacenter(sim, facts, setup.hosts, servers, {
    interval: dynamic.interval,
    offset: dynamic.offset,
    start,
    end: scenario.duration,
    policy,
    migrationSeconds: cloudsimMigrationSeconds,
  });
}
