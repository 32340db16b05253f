import type { ProjectQuota, QuotaUsage, ServerLimits } from '../model/compute-limits.js';
import type { Inventory } from '../model/inventory.js';
import type { ServerDetailsTable } from '../model/server-details.js';
import type { RunFigures } from './figures/run-figures.js';
import type { RunFacts } from './run-facts.js';

/** One project's figures for its limits view. */
export interface ProjectLimits {
  readonly project: string;
  readonly quota: ProjectQuota;
  readonly usage: QuotaUsage;
  /** Server groups the project owns. */
  readonly serverGroups: number;
}

/** A run while it goes, as the files written along the way see it: where to listen, and what the facts' ids name. */
export interface LiveRun {
  readonly facts: RunFacts;
  readonly inventory: Inventory;
  readonly figures: RunFigures;
}

/**
 * The run as it ended, taken once after its last event (moves still open
 * closed, builds' progress settled, quotas read) and before any file is
 * rendered from it. Nothing changes the run after it, so the files read
 * it in any order.
 */
export interface RunEnd {
  readonly scenario: string;
  readonly seed: string | number;
  /** Simulated seconds the run covered: the end of the run. */
  readonly end: number;
  /** Simulation events processed. */
  readonly events: number;
  readonly inventory: Inventory;
  readonly figures: RunFigures;
  /** Metadata, injected files and password verdicts per server. */
  readonly details: ServerDetailsTable;
  /** Each project's quota, usage and server groups at the end. */
  readonly projects: readonly ProjectLimits[];
  /** What one request may carry. */
  readonly limits: ServerLimits;
  /** The servers one group may hold ([quota] server_group_members). */
  readonly serverGroupMembers: number;
}
