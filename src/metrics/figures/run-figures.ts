import type { Inventory } from '../../model/inventory.js';
import type { RunFacts } from '../run-facts.js';
import { Availability } from './availability.js';
import { BuildStats } from './build-stats.js';
import { Charging, type ChargingRates } from './charging.js';
import { CoLocation } from './co-location.js';
import { ConsolidationMoves } from './consolidation-moves.js';
import { CpuEnergy, type CpuEnergySettings } from './cpu-energy.js';
import { Energy } from './energy.js';
import { FailureStats } from './failure-stats.js';
import { Headroom } from './headroom.js';
import { HostLoad } from './host-load.js';
import { MigrationStats } from './migration-stats.js';
import { OperationStats } from './operation-stats.js';
import { Refusals } from './refusals.js';
import type { PowerModel } from './power-model.js';
import { RunStats } from './run-stats.js';
import { Sla } from './sla.js';
import { TraceServers } from './trace-servers.js';
import { SpareCapacity } from './spare-capacity.js';
import { TimeMarks } from './time-marks.js';
import { MeanUtilisation } from './utilisation.js';

/** Every figure of a run, each kept up to date from the facts: what summary.json, the tables and timeseries.csv read. */
export interface RunFigures {
  readonly stats: RunStats;
  readonly refusals: Refusals;
  /** Build slot waits and image downloads. */
  readonly builds: BuildStats;
  readonly headroom: Headroom;
  readonly coLocation: CoLocation;
  readonly failures: FailureStats;
  readonly availability: Availability;
  readonly spare: SpareCapacity;
  readonly energy: Energy;
  /** null without charging rates. */
  readonly charging: Charging | null;
  readonly operations: OperationStats;
  readonly migrations: MigrationStats;
  readonly utilisation: MeanUtilisation;
  /** Hosts switched off by a completed power_off_host. */
  readonly powerOffs: { count: number };
  /** The figures of utilisation-driven hosts (their CPU energy, SLA and load); null when the scenario has none. */
  readonly cpu: CpuFigures | null;
  /** Host failures, evacuations and operator actions in time: the report's timeline. */
  readonly marks: TimeMarks;
}

/**
 * The figures of a run whose hosts' CPU follows their servers' demand. In
 * the CloudSim-compatible cloud (model cloudsim) energy is CloudSim's
 * (`energy`) and its trace servers are counted (`servers`); in novasim's own
 * model (model nova) energy is the exact integral of RunFigures.energy,
 * which then follows the CPU, and the rounds' moves are counted (`moves`).
 */
export type CpuFigures =
  | { readonly model: 'cloudsim'; readonly energy: CpuEnergy; readonly sla: Sla; readonly load: HostLoad; readonly servers: TraceServers }
  | { readonly model: 'nova'; readonly sla: Sla; readonly load: HostLoad; readonly moves: ConsolidationMoves };

/** What the figures need of the scenario: each host's power model (null: none) and the charging rates (null: none). */
export interface FigureSettings {
  readonly powerModels: readonly PowerModel[] | null;
  readonly chargingRates: ChargingRates | null;
  /** Each host's watts by CPU utilisation and how energy is charged, when the hosts' CPU follows demand in the CloudSim-compatible cloud; null otherwise. */
  readonly cpuEnergy?: CpuEnergySettings | null;
  /** Servers use CPU in Nova's cloud (dynamic consolidation, model nova): energy follows their CPU. */
  readonly novaCpu?: boolean;
}

/** Makes every figure of a run listen on its bus from now on; the hosts and flavors must all exist. */
export function followFigures(facts: RunFacts, inventory: Inventory, settings: FigureSettings): RunFigures {
  return {
    stats: new RunStats(facts),
    refusals: new Refusals(facts),
    builds: new BuildStats(facts),
    headroom: new Headroom(facts, inventory.hosts, [...inventory.flavors.values()]),
    coLocation: new CoLocation(facts, inventory),
    failures: new FailureStats(facts, inventory),
    availability: new Availability(facts, inventory),
    spare: new SpareCapacity(facts, inventory.hosts),
    energy: new Energy(facts, inventory.hosts, settings.powerModels, 0, settings.novaCpu === true),
    charging: settings.chargingRates === null ? null : new Charging(facts, settings.chargingRates, inventory),
    operations: new OperationStats(facts, inventory),
    migrations: new MigrationStats(facts),
    utilisation: new MeanUtilisation(facts, inventory),
    powerOffs: countPowerOffs(facts),
    cpu: cpuFigures(facts, settings),
    marks: new TimeMarks(facts),
  };
}

function cpuFigures(facts: RunFacts, settings: FigureSettings): CpuFigures | null {
  if (settings.novaCpu === true) return { model: 'nova', sla: new Sla(facts), load: new HostLoad(facts), moves: new ConsolidationMoves(facts) };
  if (settings.cpuEnergy == null) return null;
  return { model: 'cloudsim', energy: new CpuEnergy(facts, settings.cpuEnergy), sla: new Sla(facts), load: new HostLoad(facts), servers: new TraceServers(facts) };
}

function countPowerOffs(facts: RunFacts): { count: number } {
  const tally = { count: 0 };
  facts.on('host', (f) => {
    if (f.action === 'power_off_host' && f.outcome === 'completed') tally.count++;
  });
  return tally;
}
