import type { Spread } from './spread.js';

/** Moves of one workflow by how they ended: live and cold migrations, offloads, failures (NoValidHost, refusals). */
export interface MoveTally {
  live: number;
  cold: number;
  offloaded: number;
  failed: number;
}

export const noMoves = (): MoveTally => ({ live: 0, cold: 0, offloaded: 0, failed: 0 });

/** Moves as summary.json shows them: migrations = live + cold. */
export interface MoveCounts {
  readonly migrations: number;
  readonly live: number;
  readonly cold: number;
  readonly offloaded: number;
  readonly failed_moves: number;
}

/** One drain: from its drain_start to drained (the host empty, or left with servers that do not run) or drain_aborted. */
export interface DrainRow {
  readonly host: string;
  readonly start_s: number;
  /** null while it is still open at the end. */
  readonly duration_s: number | null;
  readonly outcome: 'open' | 'stalled' | 'drained' | 'aborted';
  /** Seconds from the start to the first drain_stalled (every server that could move had moved; the rest blocked it); null if it never stalled. */
  readonly stalled_after_s: number | null;
  readonly migrations: number;
  readonly failed_moves: number;
  /** Servers no move accepted (suspended, rescued, error ...), reported once per drain. */
  readonly blocked: number;
  readonly left_on_host: number;
}

/** The scripted drains (drain_host): counts, the durations of those that ended, and one row per drain. */
export interface MaintenanceSummary extends MoveCounts {
  readonly drains: number;
  readonly emptied: number;
  readonly duration_s: Spread;
  readonly blocked: number;
  readonly hosts: readonly DrainRow[];
}

/** The rolling update: how long it took and how many migrations it needed. */
export interface RollingUpdateSummary extends MoveCounts {
  readonly hosts: number;
  readonly updated: number;
  readonly start_s: number;
  /** From its start to the last host's update; null when it did not finish. */
  readonly duration_s: number | null;
  /** Distinct servers migrated: migrations beyond it are servers moved twice (sent to hosts not yet updated). */
  readonly servers_moved: number;
  /** Servers that stayed on their host through its update (stopped, with inactive: stay, or blocked and not running). */
  readonly left_on_hosts: number;
  readonly drain_s: Spread;
}

/** One optimisation run, with the highest RAM load among the hosts in service and the hosts holding servers, before and after. */
export interface OptimisationRunRow {
  readonly start_s: number;
  readonly duration_s: number | null;
  readonly migrations: number;
  readonly failed_moves: number;
  readonly hosts_powered_off: number;
  readonly max_ram_load_before: number;
  readonly max_ram_load_after: number | null;
  readonly hosts_in_use_before: number;
  readonly hosts_in_use_after: number | null;
}

export interface OptimisationSummary extends MoveCounts {
  readonly runs: number;
  readonly skipped: number;
  readonly hosts_powered_off: number;
  /** Hosts switched back on by the headroom rule (or after a NoValidHost). */
  readonly hosts_powered_on: number;
  readonly runs_detail: readonly OptimisationRunRow[];
}

/** Every completed power_off_host and power_on_host, whoever asked (summary.json's energy has the hosts switched on over time). */
export interface PowerSummary {
  readonly powered_off: number;
  readonly powered_on: number;
  readonly hosts_off_at_end: number;
}

/** summary.json's `operations`. */
export interface OperationsSummary {
  readonly maintenance: MaintenanceSummary;
  readonly rolling_update: RollingUpdateSummary | null;
  readonly optimisation: OptimisationSummary | null;
  readonly power: PowerSummary;
}
