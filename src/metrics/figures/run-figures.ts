import type { Inventory } from '../../model/inventory.js';
import type { RunFacts } from '../run-facts.js';
import { Availability } from './availability.js';
import { BuildStats } from './build-stats.js';
import { Charging, type ChargingRates } from './charging.js';
import { CoLocation } from './co-location.js';
import { Energy } from './energy.js';
import { FailureStats } from './failure-stats.js';
import { Headroom } from './headroom.js';
import { MigrationStats } from './migration-stats.js';
import { OperationStats } from './operation-stats.js';
import { Refusals } from './refusals.js';
import type { PowerModel } from './power-model.js';
import { RunStats } from './run-stats.js';
import { SpareCapacity } from './spare-capacity.js';
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
}

/** What the figures need of the scenario: each host's power model (null: none) and the charging rates (null: none). */
export interface FigureSettings {
  readonly powerModels: readonly PowerModel[] | null;
  readonly chargingRates: ChargingRates | null;
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
    energy: new Energy(facts, inventory.hosts, settings.powerModels),
    charging: settings.chargingRates === null ? null : new Charging(facts, settings.chargingRates, inventory),
    operations: new OperationStats(facts, inventory),
    migrations: new MigrationStats(facts),
    utilisation: new MeanUtilisation(facts, inventory),
  };
}
