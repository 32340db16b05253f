import { availabilityZoneOf, type Aggregate } from './aggregate.js';
import type { HostId, ServerId } from './ids.js';
import { zero, type Resources } from './resources.js';

/** Allocation ratios per resource class (cpu_allocation_ratio, ram_..., disk_...). */
export interface AllocationRatios {
  readonly vcpus: number;
  readonly ramMb: number;
  readonly diskGb: number;
}

/**
 * A compute host: a Placement resource provider and a nova-compute service.
 * `alive` is physical truth (is the machine running?); `reporting` is what
 * the service does (heartbeats). Nova only ever sees the heartbeats.
 */
export interface Host {
  readonly id: HostId;
  readonly name: string;
  readonly total: Readonly<Resources>;
  readonly reserved: Readonly<Resources>;
  readonly ratios: AllocationRatios;
  /** Placement capacity: (total - reserved) x allocation ratio, per class. */
  readonly capacity: Readonly<Resources>;
  /** Sum of the claims (allocations) against this host. */
  readonly used: Resources;
  readonly servers: Set<ServerId>;
  /**
   * Claims of servers evacuated away while this host was down: Nova keeps
   * them until the host's compute service restarts and destroys the old
   * incarnations.
   */
  readonly evacuated: Map<ServerId, Resources>;
  /** nova service-disable sets this false; the scheduler then skips the host. */
  enabled: boolean;
  alive: boolean;
  reporting: boolean;
  /** Simulated time of the last heartbeat when it stopped reporting. */
  lastHeartbeat: number;
  /** Simulated time at which the service counts as down (service_down_time passed); +Infinity when up. */
  downSince: number;
  readonly aggregates: readonly Aggregate[];
  /** From the aggregates' availability_zone metadata, else default_availability_zone. */
  readonly availabilityZone: string;
  /** Chance that a build on this host fails and is rescheduled (a scenario knob). */
  readonly buildFailureProbability: number;
  /** The count of failed builds in a row its compute service last reported (what the BuildFailureWeigher reads); 0 after a success. */
  failedBuilds: number;
  /** Instance storage shared with other hosts (evacuate keeps local disks: Nova's on_shared_storage). */
  readonly sharedStorage: boolean;
  /** The rack or power domain the host fails with, if the scenario names one. */
  readonly failureDomain: string | null;
  /** Powered off by the operator (fencing, e.g. IPMI): stays out of service until repaired and re-enabled. */
  fenced: boolean;
  /** The service is forced down (os-services force-down): down at once, whatever the heartbeats. */
  forcedDown: boolean;
  /** Switched on. An operator powers empty hosts off to save energy (not a failure: no record, no evacuation). */
  poweredOn: boolean;
  /**
   * Servers evacuated away while this host kept running them (a partition,
   * not fenced) that write to a shared volume or shared storage from both
   * incarnations: a split brain, until the old incarnation is destroyed.
   */
  readonly splitBrain: Set<ServerId>;
  /** Gb/s of the host's link to the image service: an image of S GB downloads in S x 8 / linkGbps seconds. */
  readonly linkGbps: number;
  /** MB/s (novasim's MB: Nova's MiB) the host can send or receive for moves: disk and memory copies. */
  readonly migrationBandwidthMbS: number;
}

/** Where a host sits beyond its size: aggregates (and so its zone) and how often its builds fail. */
export interface HostPlacement {
  readonly aggregates: readonly Aggregate[];
  readonly buildFailureProbability: number;
  readonly sharedStorage?: boolean;
  readonly failureDomain?: string | null;
  /** Default DEFAULT_LINK_GBPS. */
  readonly linkGbps?: number;
  /** Default DEFAULT_MIGRATION_BANDWIDTH_MB_S. */
  readonly migrationBandwidthMbS?: number;
}

/** A host's link to the image service when the scenario does not say (10 Gb/s). */
export const DEFAULT_LINK_GBPS = 10;

/** A host's bandwidth for moves when the scenario does not say: 1250 MB/s, a 10 Gb/s link. */
export const DEFAULT_MIGRATION_BANDWIDTH_MB_S = 1250;

const NO_PLACEMENT: HostPlacement = { aggregates: [], buildFailureProbability: 0 };

export function makeHost(
  id: HostId,
  name: string,
  total: Resources,
  reserved: Resources,
  ratios: AllocationRatios,
  placement: HostPlacement = NO_PLACEMENT,
): Host {
  return {
    id,
    name,
    total,
    reserved,
    ratios,
    capacity: {
      vcpus: Math.floor((total.vcpus - reserved.vcpus) * ratios.vcpus),
      ramMb: Math.floor((total.ramMb - reserved.ramMb) * ratios.ramMb),
      diskGb: Math.floor((total.diskGb - reserved.diskGb) * ratios.diskGb),
    },
    used: zero(),
    servers: new Set(),
    evacuated: new Map(),
    enabled: true,
    alive: true,
    reporting: true,
    lastHeartbeat: 0,
    downSince: Number.POSITIVE_INFINITY,
    aggregates: placement.aggregates,
    availabilityZone: availabilityZoneOf(placement.aggregates),
    buildFailureProbability: placement.buildFailureProbability,
    failedBuilds: 0,
    sharedStorage: placement.sharedStorage ?? false,
    failureDomain: placement.failureDomain ?? null,
    fenced: false,
    forcedDown: false,
    poweredOn: true,
    splitBrain: new Set(),
    linkGbps: placement.linkGbps ?? DEFAULT_LINK_GBPS,
    migrationBandwidthMbS: placement.migrationBandwidthMbS ?? DEFAULT_MIGRATION_BANDWIDTH_MB_S,
  };
}

/** Free capacity of one class as Placement computes it. */
export const freeOf = (host: Host, cls: keyof Resources): number => host.capacity[cls] - host.used[cls];

/**
 * The raw values Nova's resource weighers read (HostState): free_ram_mb and
 * free_disk_mb are physical (total less reserved less used, no allocation
 * ratio, negative when overcommitted); free vCPUs apply the ratio and
 * ignore the reserved ones (CPUWeigher).
 */
export const freeRamMb = (host: Host): number => host.total.ramMb - host.reserved.ramMb - host.used.ramMb;
export const freeDiskMb = (host: Host): number => (host.total.diskGb - host.reserved.diskGb - host.used.diskGb) * 1024;
export const freeVcpus = (host: Host): number => host.total.vcpus * host.ratios.vcpus - host.used.vcpus;

/** Is the nova-compute service up at `now`, as the servicegroup driver judges it? A forced-down service is not. */
export const serviceUp = (host: Host, now: number): boolean => !host.forcedDown && now < host.downSince;

/** Can the compute service be reached (machine running and on the network)? Requests to it wait otherwise. */
export const reachable = (host: Host): boolean => host.alive && host.reporting;
