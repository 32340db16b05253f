import { STATUSES } from '../../lifecycle/status.js';
import { serviceUp } from '../../model/host.js';
import type { Inventory } from '../../model/inventory.js';
import type { GroupPolicy } from '../../model/server-group.js';
import { ratio, rounded, sortedByKey } from '../format.js';
import type { Charging, CostSummary } from '../figures/charging.js';
import type { CoLocation } from '../figures/co-location.js';
import type { Energy, EnergySummary } from '../figures/energy.js';
import type { OperationStats } from '../figures/operation-stats.js';
import type { OperationsSummary } from '../figures/operation-summary.js';
import type { FailureStats, FailureSummary } from '../figures/failure-stats.js';
import type { Headroom } from '../figures/headroom.js';
import type { MigrationStats, MigrationSummary } from '../figures/migration-stats.js';
import type { PlacementSummary } from '../figures/placement-stats.js';
import type { RequestCounts, RunStats } from '../figures/run-stats.js';
import type { SpareCapacity, SpareCapacitySummary } from '../figures/spare-capacity.js';
import { utilisationOf, type Utilisation } from '../figures/utilisation.js';

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
  readonly placements: PlacementSummary;
  readonly hosts: { readonly total: number; readonly up: number };
  readonly utilisation: Utilisation;
  readonly mean_utilisation: Utilisation | null;
  /** Servers of each flavor that still fit at the end, flavors in the scenario's order. */
  readonly headroom: Record<string, number>;
  readonly fragmentation: Fragmentation;
  readonly anti_affinity: AntiAffinity;
  readonly failures: FailureSummary;
  /** N+1 spare over the samples: the minimum and the fraction of samples it was >= 0. */
  readonly spare_capacity: SpareCapacitySummary;
  /** Power and energy (see Energy); null when summarize is not given the energy observer. */
  readonly energy: EnergySummary | null;
  /** What the servers cost (see Charging); null without charging rates. */
  readonly cost: CostSummary | null;
  /** What the operator workflows did (drains, rolling update, optimisation, power); null when summarize is not given their observer. */
  readonly operations: OperationsSummary | null;
  /** Live migrations, cold migrations, resizes and evacuations (see MigrationStats); null when summarize is not given their observer. */
  readonly migrations: MigrationSummary | null;
}

/** The energy and charging observers summary.json reads at the end; charging is null without rates. */
export interface MoneyMetrics {
  readonly energy: Energy;
  readonly charging: Charging | null;
}

/** The failure observers summary.json reads at the end. */
export interface FailureMetrics {
  readonly failures: FailureStats;
  readonly spare: SpareCapacity;
}

/** Free capacity no flavor of the scenario can use, at the end (see Headroom). */
export interface Fragmentation {
  readonly stranded_vcpus: number;
  readonly stranded_ram_mb: number;
  readonly stranded_disk_gb: number;
  /** Stranded over all free capacity of the usable hosts; 0 when nothing is free. */
  readonly stranded_fraction_vcpus: number;
  readonly stranded_fraction_ram: number;
  readonly stranded_fraction_disk: number;
}

/** Pairs of servers sharing a host at the end, per project and per server group, names sorted. */
export interface AntiAffinity {
  readonly projects: Record<string, number>;
  readonly groups: Record<string, { readonly policy: GroupPolicy; readonly members: number; readonly shared_pairs: number }>;
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
export function summarize(
  stats: RunStats,
  inventory: Inventory,
  headroom: Headroom,
  coLocation: CoLocation,
  endTime: number,
  meta: SummaryMeta,
  failureMetrics: FailureMetrics,
  money: MoneyMetrics | null = null,
  operations: OperationStats | null = null,
  migrations: MigrationStats | null = null,
): Summary {
  const requests: Record<string, RequestCounts> = {};
  for (const [action, c] of stats.requests()) requests[action] = { accepted: c.accepted, rejected: c.rejected, failed: c.failed };

  const durations: Record<string, ActionDurations> = {};
  for (const [action, d] of stats.durations()) {
    durations[action] = {
      count: d.count,
      mean_s: rounded(d.mean, SECONDS_PLACES),
      p95_s: rounded(d.percentile(95), SECONDS_PLACES),
      max_s: rounded(d.max, SECONDS_PLACES),
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
    placements: stats.placements.summary(),
    hosts: { total: inventory.hosts.length, up },
    utilisation: roundUtilisation(utilisationOf(inventory.used, inventory.capacity)),
    mean_utilisation: meta.meanUtilisation == null ? null : roundUtilisation(meta.meanUtilisation),
    headroom: Object.fromEntries(headroom.flavors.map((name, f) => [name, headroom.headroomOf(f)])),
    fragmentation: fragmentationOf(headroom),
    anti_affinity: antiAffinityOf(inventory, coLocation),
    failures: failureMetrics.failures.summary(endTime),
    spare_capacity: failureMetrics.spare.summary(),
    energy: money?.energy.summary(endTime) ?? null,
    cost: money?.charging?.summary(endTime) ?? null,
    operations: operations?.summary() ?? null,
    migrations: migrations?.summary() ?? null,
  };
}

function fragmentationOf(headroom: Headroom): Fragmentation {
  const stranded = headroom.stranded();
  const free = headroom.free();
  return {
    stranded_vcpus: stranded.vcpus,
    stranded_ram_mb: stranded.ramMb,
    stranded_disk_gb: stranded.diskGb,
    stranded_fraction_vcpus: rounded(ratio(stranded.vcpus, free.vcpus), RATIO_PLACES),
    stranded_fraction_ram: rounded(ratio(stranded.ramMb, free.ramMb), RATIO_PLACES),
    stranded_fraction_disk: rounded(ratio(stranded.diskGb, free.diskGb), RATIO_PLACES),
  };
}

/** O(projects + groups), once at the end. */
function antiAffinityOf(inventory: Inventory, coLocation: CoLocation): AntiAffinity {
  const projects = new Map([...inventory.projects.values()].map((p) => [p.name, coLocation.projectPairs(p.id)]));
  const groups = new Map(
    inventory.groups.map((g) => [g.name, { policy: g.policy, members: g.members.size, shared_pairs: coLocation.groupPairs(g.id) }]),
  );
  return { projects: Object.fromEntries(sortedByKey(projects)), groups: Object.fromEntries(sortedByKey(groups)) };
}

/** summary.json text: two-space indent and a final newline. */
export function summaryJson(summary: Summary): string {
  return `${JSON.stringify(summary, null, 2)}\n`;
}
