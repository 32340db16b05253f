import type { PlacementPurpose } from '../../cloud/fact-names.js';
import type { BuildFailureFact, PlacementFact } from '../../cloud/facts.js';
import { eliminatingFilter } from '../../model/placement-decision.js';
import { sortedByKey as sorted } from '../format.js';

/** Placements of one purpose (create, migrate, ...). */
export interface PurposeCounts {
  attempted: number;
  failed: number;
}

/** summary.json's `placements`: keys in this order, maps sorted by key. */
export interface PlacementSummary {
  readonly attempted: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly by_purpose: Record<string, PurposeCounts>;
  /** NoValidHost failures by the filter that removed the last host. */
  readonly failed_by_filter: Record<string, number>;
  /** Sum over all decisions of (before - after) per filter: which filter removed how many hosts. */
  readonly hosts_removed_by_filter: Record<string, number>;
  readonly reschedules: number;
  readonly build_failures: number;
}

/**
 * Running placement counters, O(filters) per fact. A failure with no
 * eliminating filter (a reschedule with no alternate left, or a policy that
 * reports no filter counts) counts in `failed` but in no filter's entry.
 */
export class PlacementStats {
  #attempted = 0;
  #failed = 0;
  #reschedules = 0;
  #buildFailures = 0;
  readonly #byPurpose = new Map<PlacementPurpose, PurposeCounts>();
  readonly #failedByFilter = new Map<string, number>();
  readonly #removedByFilter = new Map<string, number>();

  placement(fact: PlacementFact): void {
    const failed = fact.host === null;
    this.#attempted++;
    const purpose = this.#purpose(fact.purpose);
    purpose.attempted++;
    if (failed) {
      this.#failed++;
      purpose.failed++;
    }
    const decision = fact.decision;
    if (decision === null) return;
    for (const f of decision.filters) bump(this.#removedByFilter, f.filter, f.before - f.after);
    const eliminating = failed ? eliminatingFilter(decision) : '';
    if (eliminating !== '') bump(this.#failedByFilter, eliminating, 1);
  }

  buildFailure(fact: BuildFailureFact): void {
    this.#buildFailures++;
    if (fact.rescheduled) this.#reschedules++;
  }

  get attempted(): number {
    return this.#attempted;
  }

  get failed(): number {
    return this.#failed;
  }

  /** The counters as summary.json shows them; every map in code-unit key order. */
  summary(): PlacementSummary {
    const byPurpose: Record<string, PurposeCounts> = {};
    for (const [purpose, c] of sorted(this.#byPurpose)) byPurpose[purpose] = { attempted: c.attempted, failed: c.failed };
    return {
      attempted: this.#attempted,
      succeeded: this.#attempted - this.#failed,
      failed: this.#failed,
      by_purpose: byPurpose,
      failed_by_filter: Object.fromEntries(sorted(this.#failedByFilter)),
      hosts_removed_by_filter: Object.fromEntries(sorted(this.#removedByFilter)),
      reschedules: this.#reschedules,
      build_failures: this.#buildFailures,
    };
  }

  #purpose(name: PlacementPurpose): PurposeCounts {
    let counts = this.#byPurpose.get(name);
    if (counts === undefined) {
      counts = { attempted: 0, failed: 0 };
      this.#byPurpose.set(name, counts);
    }
    return counts;
  }
}

const bump = (map: Map<string, number>, key: string, by: number): void => void map.set(key, (map.get(key) ?? 0) + by);
