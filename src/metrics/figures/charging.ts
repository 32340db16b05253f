import type { ServerFact } from '../../cloud/facts.js';
import { STATUSES, type Status } from '../../lifecycle/status.js';
import type { Flavor } from '../../model/catalog.js';
import type { ProjectId, ServerId } from '../../model/ids.js';
import type { Inventory } from '../../model/inventory.js';
import { rounded, sortedByKey } from '../format.js';
import { Levels } from '../instruments/level.js';
import type { RunFacts } from '../run-facts.js';

/** What one hour in one status costs; the terms add up. Currency-less. */
export interface StatusRate {
  readonly perVcpuHour: number;
  readonly perGbRamHour: number;
  readonly perGbDiskHour: number;
  /** Per flavor name; a flavor not listed adds nothing. */
  readonly perFlavorHour: Readonly<Record<string, number>>;
}

/** Rates per API status; a status not listed is free. */
export type ChargingRates = Readonly<Partial<Record<Status, StatusRate>>>;

/** summary.json's `cost`: amounts rounded to COST_PLACES decimals. */
export interface CostSummary {
  readonly total: number;
  /** Every project of the scenario, names in code-unit order. */
  readonly by_project: Record<string, number>;
  /** The statuses the rates name, in STATUSES order. */
  readonly by_status: Record<string, number>;
}

export const COST_PLACES = 4;

/** The hourly cost of a server of `flavor` in a status charged `rate`. */
export function hourlyCost(rate: StatusRate | undefined, flavor: Flavor): number {
  if (rate === undefined) return 0;
  return (
    rate.perVcpuHour * flavor.vcpus +
    (rate.perGbRamHour * flavor.ramMb) / 1024 +
    rate.perGbDiskHour * flavor.diskGb +
    (rate.perFlavorHour[flavor.name] ?? 0)
  );
}

/**
 * What each server costs its project, integrated exactly: a server's status
 * changes only with a server fact, so each fact charges the time since the
 * server's previous fact at the rate of the status it was in, then sets the
 * rate of its new status, from the flavor it holds now (a resize changes
 * the rate at the fact that changes the flavor). O(1) per fact; the open
 * intervals are closed when read.
 */
export class Charging {
  /** Per server: the status it is in, and what it costs per second as a level (its area is what it owes). */
  readonly #statuses: Status[] = [];
  readonly #rates = new Levels();
  readonly #byProject: number[] = [];
  readonly #byStatus = new Map<Status, number>();
  /** What the closed intervals of every server cost, and the sums of the servers' rates and of rate x since, so the cost so far is O(1) to read. */
  #accounted = 0;
  #rateSum = 0;
  #rateSinceSum = 0;
  /** Flavors by id: a fact names the flavor its server holds by id. */
  readonly #flavors: readonly Flavor[];

  constructor(
    facts: RunFacts,
    private readonly rates: ChargingRates,
    /** Read for the flavors and for each server's project. */
    private readonly inventory: Inventory,
  ) {
    this.#flavors = [...inventory.flavors.values()];
    facts.on('server', (fact) => this.#server(fact));
  }

  #server(fact: ServerFact): void {
    const id = fact.server;
    if (!this.#rates.has(id)) {
      this.#rates.start(id, fact.time);
      this.#statuses[id] = 'BUILD';
    }
    const { status, flavor } = fact;
    const [was, since] = [this.#rates.value(id), this.#rates.since(id)];
    const rate = hourlyCost(this.rates[status], this.#flavors[flavor]!) / 3600;
    const amount = this.#rates.set(id, fact.time, rate);
    this.#accounted += amount;
    this.#rateSum += rate - was;
    this.#rateSinceSum += rate * fact.time - was * since;
    if (amount !== 0) {
      const project = this.inventory.servers[id]!.project;
      const was = this.#statuses[id]!;
      this.#byProject[project] = (this.#byProject[project] ?? 0) + amount;
      this.#byStatus.set(was, (this.#byStatus.get(was) ?? 0) + amount);
    }
    this.#statuses[id] = status;
  }

  /**
   * What every server has cost up to `time` (at or after the last fact):
   * the closed intervals, plus each open one at its server's rate, summed
   * as rates x time - rates x since. O(1): timeseries.csv reads it at every sample.
   */
  accruedAt(time: number): number {
    return this.#accounted + this.#rateSum * time - this.#rateSinceSum;
  }

  /** What the server has cost up to `endTime`. */
  of(server: ServerId, endTime: number): number {
    return this.#rates.has(server) ? this.#rates.areaAt(server, endTime) : 0;
  }

  /** The run's costs up to `endTime`. O(servers): call it once, at the end. */
  summary(endTime: number): CostSummary {
    const byProject = [...this.#byProject];
    const byStatus = new Map(this.#byStatus);
    this.#statuses.forEach((status, id) => {
      if (this.#rates.value(id) === 0) return;
      const open = this.#rates.tail(id, endTime);
      const project = this.inventory.servers[id]!.project;
      byProject[project] = (byProject[project] ?? 0) + open;
      byStatus.set(status, (byStatus.get(status) ?? 0) + open);
    });
    const projects = new Map([...this.inventory.projects.values()].map((p) => [p.name, rounded(byProject[p.id as ProjectId] ?? 0, COST_PLACES)]));
    const total = byProject.reduce((sum, x) => sum + (x ?? 0), 0);
    const statuses = STATUSES.filter((s) => this.rates[s] !== undefined);
    return {
      total: rounded(total, COST_PLACES),
      by_project: Object.fromEntries(sortedByKey(projects)),
      by_status: Object.fromEntries(statuses.map((s) => [s, rounded(byStatus.get(s) ?? 0, COST_PLACES)])),
    };
  }
}
