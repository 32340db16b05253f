import type { Nova } from '../cloud/nova.js';
import type { RandomStreams, Rng } from '../engine/random.js';
import type { Simulator } from '../engine/simulator.js';
import type { Flavor } from '../model/catalog.js';
import type { Inventory } from '../model/inventory.js';
import { Consolidation } from '../operator/consolidation.js';
import { Drains } from '../operator/drains.js';
import { HeadroomGuard } from '../operator/headroom-guard.js';
import { HostUpdates } from '../operator/host-updates.js';
import { Maintenance } from '../operator/maintenance.js';
import { Optimiser, type OptimisationRun } from '../operator/optimisation.js';
import { RollingUpdate } from '../operator/rolling-update.js';
import { Spreading } from '../operator/spreading.js';
import type { MovePlanner } from '../operator/types.js';
import type { SchedulerConfig } from '../scheduling/config.js';
import { makeScheduler } from '../scheduling/registry.js';
import type { PlacementRequest, Scheduler } from '../scheduling/types.js';
import type { Host } from '../model/host.js';
import type { Server } from '../model/server.js';
import type { ServerMover } from '../operator/server-mover.js';
import type { Scenario } from './schema.js';
import type { OperatorCommands } from './scripted-actions.js';

/** The operator workflows of a run: the commands scripted actions hand on, and what starts them. */
export interface Operators {
  readonly commands: OperatorCommands;
  /** Requests operators' moves and follows them (one per run: one move per server at a time, whoever asks). */
  readonly mover: ServerMover;
  /**
   * The one rule that switches hosts off and back on (the nightly
   * consolidation's and dynamic consolidation's, model nova, alike); null
   * when neither switches hosts off.
   */
  readonly guard: HeadroomGuard | null;
  /** Schedules the rolling update and the optimisation runs the scenario asks for. */
  start(): void;
}

/**
 * Wires the operator workflows a scenario asks for: the drain_host action
 * (always available), the rolling update and the periodic optimisation.
 * Nothing is scheduled unless the scenario asks, so other scenarios run
 * exactly as before.
 */
export function wireOperators(sim: Simulator, nova: Nova, scenario: Scenario, streams: RandomStreams): Operators {
  const { operator } = scenario;
  const drains = new Drains(sim, nova, operator.maintenance);
  const updates = new HostUpdates(sim, nova);
  const maintenance = new Maintenance(drains, updates);
  const planner = (policy: 'pack' | 'spread'): MovePlanner =>
    movePlanner(policy, scenario.scheduler, nova.cloud.inventory, sim, streams.stream(`operator/${policy}`), nova.cloud.scheduler);
  const started: { start(): void }[] = [];
  if (operator.rolling_update !== undefined) started.push(new RollingUpdate(sim, nova, drains, updates, operator.rolling_update, planner('pack')));
  const optimisation = operator.optimisation;
  const nightlyOff = optimisation?.mode === 'consolidate' && optimisation.power_off_empty;
  const guard = headroomGuard(sim, nova, scenario);
  if (optimisation !== undefined && optimisation.mode !== 'none') {
    const strategy: OptimisationRun =
      optimisation.mode === 'spread' ? new Spreading(sim, nova, drains.mover, planner('spread')) : new Consolidation(nova, drains, planner('pack'), nightlyOff ? guard : null);
    started.push(new Optimiser(sim, nova, optimisation, strategy));
  }
  return {
    commands: { drainHost: (host, updateDuration) => maintenance.drainHost(host, updateDuration) },
    mover: drains.mover,
    guard,
    start: () => started.forEach((s) => s.start()),
  };
}

/**
 * The run's headroom guard, when an operator switches hosts off: the nightly
 * consolidation with power_off_empty (its headroom_flavor and min_headroom),
 * or else dynamic consolidation under model nova with power_off_empty (the
 * largest flavor, its min_headroom, default 1).
 */
function headroomGuard(sim: Simulator, nova: Nova, scenario: Scenario): HeadroomGuard | null {
  const { optimisation, dynamic_consolidation: dynamic } = scenario.operator;
  const inventory = nova.cloud.inventory;
  if (optimisation?.mode === 'consolidate' && optimisation.power_off_empty) {
    const probe = optimisation.headroom_flavor === undefined ? largest(inventory) : inventory.flavors.get(optimisation.headroom_flavor)!;
    return new HeadroomGuard(sim, nova, probe, optimisation.min_headroom);
  }
  if (dynamic?.model === 'nova' && (dynamic.power_off_empty ?? true)) return new HeadroomGuard(sim, nova, largest(inventory), dynamic.min_headroom ?? 1);
  return null;
}

/**
 * A scheduler asked for a move's destination without claiming it: the
 * scenario's filters and weighers, with the resource weighers turned to
 * stack (pack) or spread, one best host (no random subset). The request
 * it names is filtered again by the cloud's own scheduler.
 */
export function movePlanner(
  policy: 'pack' | 'spread',
  config: SchedulerConfig,
  inventory: Inventory,
  sim: Simulator,
  rng: Rng,
  cloudScheduler?: Scheduler,
): MovePlanner {
  // A pack planner is only asked among listed hosts, which Placement does not limit (PlacementStage.limitFor), so it
  // asks the cloud scheduler's index (its unlimited sets) instead of keeping one of its own: on the full region the
  // upkeep of a second index at every change of a host was 15% of the run. A long list (every non-empty host, for a
  // consolidation) is answered by that index, a short one by a scan.
  const options = policy === 'pack' && cloudScheduler !== undefined ? { shareIndexOf: cloudScheduler } : {};
  const scheduler = makeScheduler({ ...config, policy, hostSubsetSize: 1 }, inventory, options);
  return (server, { only, ignore = [] }) => {
    const decision = scheduler.select(moveRequest(server, inventory, only, ignore, 0), sim.now, rng);
    return decision.chosen === null ? null : inventory.host(decision.chosen);
  };
}

/** What a scheduler is asked for moving `server` off its host: among `only` when given, never `ignore`, with `alternates` behind the choice. */
export function moveRequest(server: Server, inventory: Inventory, only: readonly Host[] | undefined, ignore: readonly Host[], alternates: number): PlacementRequest {
  return {
    server: server.id,
    flavor: server.flavor,
    project: server.project,
    group: inventory.groupOf(server),
    availabilityZone: server.availabilityZone,
    ignoreHosts: [...(server.host === null ? [] : [server.host]), ...ignore.map((h) => h.id)],
    onlyHosts: only === undefined ? null : only.map((h) => h.id),
    alternates,
  };
}

/** The flavor with the most RAM (then vCPUs, then the first listed). */
function largest(inventory: Inventory): Flavor {
  return [...inventory.flavors.values()].reduce((a, b) => (b.ramMb > a.ramMb || (b.ramMb === a.ramMb && b.vcpus > a.vcpus) ? b : a));
}
