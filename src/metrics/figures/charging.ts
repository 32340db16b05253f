import type { ServerFact } from '../../cloud/facts.js';
import { STATUSES, type Status } from '../../lifecycle/status.js';
import type { Flavor } from '../../model/catalog.js';
import type { ProjectId, ServerId } from '../../model/ids.js';
import type { Inventory } from '../../model/inventory.js';
import { rounded, sortedByKey } from '../format.js';
import { Level } from '../instruments/level.js';
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

/** One server's account: the status it is in, and what it costs per second as a level (its area is what it owes). */
interface Account {
  status: Status;
  readonly rate: Level;
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
  readonly #accounts: (Account | undefined)[] = [];
  readonly #byProject: number[] = [];
  readonly #byStatus = new Map<Status, number>();
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
    let account = this.#accounts[fact.server];
    if (account === undefined) {
      account = { status: 'BUILD', rate: new Level(fact.time) };
      this.#accounts[fact.server] = account;
    }
    const { status, flavor } = fact.after;
    const amount = account.rate.set(fact.time, hourlyCost(this.rates[status], this.#flavors[flavor]!) / 3600);
    if (amount !== 0) {
      const project = this.inventory.servers[fact.server]!.project;
      this.#byProject[project] = (this.#byProject[project] ?? 0) + amount;
      this.#byStatus.set(account.status, (this.#byStatus.get(account.status) ?? 0) + amount);
    }
    account.status = status;
  }

  /** What the server has cost up to `endTime`. */
  of(server: ServerId, endTime: number): number {
    return this.#accounts[server]?.rate.areaAt(endTime) ?? 0;
  }

  /** The run's costs up to `endTime`. O(servers): call it once, at the end. */
  summary(endTime: number): CostSummary {
    const byProject = [...this.#byProject];
    const byStatus = new Map(this.#byStatus);
    this.#accounts.forEach((account, id) => {
      if (account === undefined || account.rate.value === 0) return;
      const open = account.rate.tail(endTime);
      const project = this.inventory.servers[id]!.project;
      byProject[project] = (byProject[project] ?? 0) + open;
      byStatus.set(account.status, (byStatus.get(account.status) ?? 0) + open);
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
