import type { FactSink } from '../cloud/facts.js';
import type { Nova } from '../cloud/nova.js';
import type { RandomStreams } from '../engine/random.js';
import type { Simulator } from '../engine/simulator.js';
import { wattsAt, type PowerModel } from '../metrics/figures/power-model.js';
import type { HostId, ServerId } from '../model/ids.js';
import type { Server } from '../model/server.js';
import { NovaConsolidation } from '../operator/dynamic/nova-consolidation.js';
import { NovaCpu } from '../operator/dynamic/nova-cpu.js';
import { makeScheduler } from '../scheduling/registry.js';
import type { CpuDemand } from '../workload/demand/cpu-demand.js';
import { cpuCapacityOf, cpuQuantumOf } from './cpu-settings.js';
import { consolidationPolicyOf } from './dynamic-consolidation.js';
import { moveRequest, type Operators } from './operator-wiring.js';
import type { Scenario } from './schema.js';
import { hostNames } from './validate.js';

/** True when the scenario runs dynamic consolidation in novasim's own model: Nova's servers use CPU. */
export const runsNovaCpu = (scenario: Scenario): boolean => scenario.operator.dynamic_consolidation?.model === 'nova';

/**
 * The CPU demand of each Nova server that has one, told by whoever created
 * it (a generated workload's `cpu:`, a VM table's readings or figure).
 * Servers created otherwise (scripted actions, request logs) ask for none.
 */
export class CpuDemands {
  readonly #byServer = new Map<ServerId, CpuDemand>();

  set(server: Server, demand: CpuDemand): void {
    this.#byServer.set(server.id, demand);
  }

  of(server: Server): CpuDemand | null {
    return this.#byServer.get(server.id) ?? null;
  }
}

/**
 * Wires novasim's own model of `operator.dynamic_consolidation`: NovaCpu
 * shares each host's CPU (its cores at cpu_mips, or vCPU-seconds) among
 * the Nova servers on it, and NovaConsolidation runs the policy's rounds
 * with live migrations through Nova's API, switching empty hosts off
 * through the run's headroom guard. PABFD's destinations are the hosts
 * Nova's scheduler would accept (Placement's claims and the enabled
 * filters, asked among the hosts switched on, once per server and round);
 * its power rises come from each host's power model. LR's horizon is the
 * first pre-copy round of the largest server on the host over the slowest host's
 * migration bandwidth (a lower bound of novasim's pre-copy time).
 */
export function wireNovaConsolidation(
  sim: Simulator,
  nova: Nova,
  facts: FactSink,
  scenario: Scenario,
  powerModels: readonly PowerModel[],
  operators: Operators,
  demands: CpuDemands,
  streams: RandomStreams,
): NovaConsolidation {
  const dynamic = scenario.operator.dynamic_consolidation!;
  const { inventory } = nova.cloud;
  const entries = scenario.hosts.flatMap((h) => hostNames(h).map(() => h));
  const capacities = entries.map(cpuCapacityOf);
  const speeds = new Map(scenario.flavors.map((f) => [f.name, f.cpu_mips ?? 1]));
  const cpu = new NovaCpu(sim, nova, facts, {
    capacityOf: (host) => capacities[host.id]!,
    speedOf: (server) => speeds.get(server.flavor.name) ?? 1,
    demandOf: (server) => demands.of(server),
    quantum: cpuQuantumOf(scenario),
  });
  const scheduler = makeScheduler({ ...scenario.scheduler, policy: 'pack', hostSubsetSize: 1 }, inventory, { shareIndexOf: nova.cloud.scheduler });
  const rng = streams.stream('consolidation/destinations');
  const destinations = (server: Server, only?: (typeof inventory.hosts)[number]): ReadonlySet<HostId> => {
    const among = only === undefined ? inventory.hosts.filter((h) => h.poweredOn && h.alive) : [only];
    const decision = scheduler.select(moveRequest(server, inventory, among, [], only === undefined ? among.length : 0), sim.now, rng);
    return new Set(decision.chosen === null ? [] : [decision.chosen, ...decision.alternates]);
  };
  const slowestMbS = Math.min(...inventory.hosts.map((h) => h.migrationBandwidthMbS));
  const policy = consolidationPolicyOf(dynamic, {
    migrationSeconds: (ramMb) => ramMb / slowestMbS,
    rsStream: () => streams.stream('consolidation/rs'),
  });
  return new NovaConsolidation(sim, nova, facts, cpu, operators.mover, operators.guard, {
    interval: dynamic.interval,
    offset: dynamic.offset,
    end: scenario.duration,
    policy,
    watts: powerModels.map((m) => (u: number) => wattsAt(m, u)),
    destinations,
    powerOffEmpty: dynamic.power_off_empty ?? true,
  });
}
