import { STATUSES } from '../lifecycle/status.js';
import { serviceUp } from '../model/host.js';
import type { Inventory } from '../model/inventory.js';
import { rounded } from './format.js';
import type { RequestCounts, RunStats } from './run-stats.js';
import { utilisationOf, type Utilisation } from './utilisation.js';

/** Run facts the metrics cannot know: they come from the scenario and the CLI. */
export interface SummaryMeta {
  readonly scenario: string;
  readonly seed: string | number;
  /** Simulated seconds the run covered. */
  readonly duration: number;
  /** Time-weighted mean from Sampler.meanUtilisation(); null or absent when not sampled. */
  readonly meanUtilisation?: Utilisation | null;
}

export interface ActionDurations {
  readonly count: number;
  readonly mean_s: number;
  readonly p95_s: number;
  readonly max_s: number;
}

/** summary.json. Keys appear in this order; every number is rounded so the file is byte-stable. */
export interface Summary {
  readonly scenario: string;
  readonly seed: string | number;
  readonly duration: number;
  readonly servers_by_status: Record<string, number>;
  readonly requests: Record<string, RequestCounts>;
  readonly action_durations: Record<string, ActionDurations>;
  readonly placements: { readonly attempted: number; readonly failed: number };
  readonly hosts: { readonly total: number; readonly up: number };
  readonly utilisation: Utilisation;
  readonly mean_utilisation: Utilisation | null;
}

const SECONDS_PLACES = 3;
const RATIO_PLACES = 4;

const roundUtilisation = (u: Utilisation): Utilisation => ({
  vcpus: rounded(u.vcpus, RATIO_PLACES),
  ram: rounded(u.ram, RATIO_PLACES),
  disk: rounded(u.disk, RATIO_PLACES),
});

/**
 * The run's summary from the running aggregates and the final inventory.
 * Objects are built key by key (JSON.stringify keeps insertion order), and
 * per-action tables come sorted from RunStats, so equal runs give equal bytes.
 */
export function summarize(stats: RunStats, inventory: Inventory, endTime: number, meta: SummaryMeta): Summary {
  const requests: Record<string, RequestCounts> = {};
  for (const [action, c] of stats.requests()) requests[action] = { accepted: c.accepted, rejected: c.rejected, failed: c.failed };

  const durations: Record<string, ActionDurations> = {};
  for (const [action, d] of stats.durations()) {
    const s = d.summary();
    durations[action] = {
      count: s.count,
      mean_s: rounded(s.mean, SECONDS_PLACES),
      p95_s: rounded(s.p95, SECONDS_PLACES),
      max_s: rounded(s.max, SECONDS_PLACES),
    };
  }

  const byStatus: Record<string, number> = {};
  for (const status of STATUSES) byStatus[status] = stats.statusCount(status);

  // One pass over the hosts at the end is fine here; only per-sample work must stay O(1).
  const up = inventory.hosts.filter((h) => serviceUp(h, endTime)).length;

  return {
    scenario: meta.scenario,
    seed: meta.seed,
    duration: rounded(meta.duration, SECONDS_PLACES),
    servers_by_status: byStatus,
    requests,
    action_durations: durations,
    placements: { attempted: stats.placementsAttempted, failed: stats.placementsFailed },
    hosts: { total: inventory.hosts.length, up },
    utilisation: roundUtilisation(utilisationOf(inventory.used, inventory.capacity)),
    mean_utilisation: meta.meanUtilisation == null ? null : roundUtilisation(meta.meanUtilisation),
  };
}

/** summary.json text: two-space indent and a final newline. */
export function summaryJson(summary: Summary): string {
  return `${JSON.stringify(summary, null, 2)}\n`;
}
