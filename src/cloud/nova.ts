import type { RandomStreams } from '../engine/random.js';
import type { Simulator } from '../engine/simulator.js';
import { NOVA_SERVER_LIMITS, UNLIMITED_QUOTA, type ProjectQuota, type ServerLimits } from '../model/compute-limits.js';
import type { Inventory } from '../model/inventory.js';
import type { Server } from '../model/server.js';
import type { Scheduler } from '../scheduling/types.js';
import { ComputeApi } from './api.js';
import { Cloud } from './cloud.js';
import { ComputeServices } from './compute-services.js';
import type { NovaConfig } from './config.js';
import { Durations, type DurationKey, type DurationSpec } from './durations.js';
import { ActionExecutor } from './execute-action.js';
import type { FactSink } from './facts.js';
import { HostEvents } from './host-events.js';
import { HostSlots } from './host-slots.js';
import { ImageCache } from './image-cache.js';
import { FailedBuilds } from './failed-builds.js';
import { OPERATIONS } from './operations/index.js';
import { PeriodicTasks } from './periodic-tasks.js';
import { QuotaLedger } from './quota-ledger.js';
import { ServerExtras } from './server-extras.js';

/** The pieces of a simulated Nova, wired: what workload and failure processes drive. */
export interface Nova {
  readonly cloud: Cloud;
  readonly api: ComputeApi;
  readonly hosts: HostEvents;
  readonly executor: ActionExecutor;
  /** Metadata, files, passwords, build progress and quotas. */
  readonly extras: ServerExtras;
  /** Each host's image cache and downloads. */
  readonly images: ImageCache;
  /** The computes' max_concurrent_live_migrations slots: which live migrations copy now and which wait, and when a copy starts. */
  readonly liveMigrations: Pick<HostSlots, 'holds' | 'onTurn'>;
}

export interface NovaParts {
  readonly sim: Simulator;
  readonly inventory: Inventory;
  readonly config: NovaConfig;
  readonly scheduler: Scheduler;
  readonly durations: Readonly<Record<DurationKey, DurationSpec>>;
  readonly streams: RandomStreams;
  /** Where the run's facts go (its outputs listen there; nothing in Nova does). */
  readonly facts: FactSink;
  /** What one request may carry (default: Nova's). */
  readonly limits?: ServerLimits;
  /** Quotas by project name; without them nothing is enforced. */
  readonly quotas?: Readonly<Record<string, ProjectQuota>>;
}

export function buildNova(parts: NovaParts): Nova {
  const quotas = parts.quotas;
  const ledger = new QuotaLedger((p) => quotas?.[parts.inventory.projectName(p)] ?? UNLIMITED_QUOTA);
  const extras = new ServerExtras(parts.limits ?? NOVA_SERVER_LIMITS, ledger, parts.config, parts.streams.stream('passwords'));
  const cloud = new Cloud({
    sim: parts.sim,
    inventory: parts.inventory,
    config: parts.config,
    scheduler: parts.scheduler,
    durations: new Durations(parts.durations, parts.streams.stream('durations')),
    schedulerRng: parts.streams.stream('scheduler'),
    buildRng: parts.streams.stream('builds'),
    facts: parts.facts,
    books: extras, // quota usage and fault times: kept by the cloud on every row, whoever listens to the facts
  });
  const services = new ComputeServices(parts.config, parts.streams.stream('periodic'));
  const periodic = new PeriodicTasks(cloud, services);
  const liveMigrations = new HostSlots(cloud, (c) => c.max_concurrent_live_migrations);
  const builds = new HostSlots(cloud, (c) => c.max_concurrent_builds);
  const snapshots = new HostSlots(cloud, (c) => c.max_concurrent_snapshots);
  const images = new ImageCache(cloud, services);
  const failedBuilds = new FailedBuilds(cloud, services);
  const ctx = { cloud, periodic, extras, liveMigrations, builds, snapshots, images, failedBuilds };
  const executor = new ActionExecutor(ctx, OPERATIONS);
  const api = new ComputeApi(ctx, executor);
  periodic.connect(
    (request) => api.submit(request),
    (server, request) => executor.start(server, 'stop', request, {}),
  );
  const release = (server: Server): void => executor.release(server);
  for (const slots of [liveMigrations, builds, snapshots]) slots.connect(release);
  images.connect(release);
  return { cloud, api, hosts: new HostEvents(ctx, executor), executor, extras, images, liveMigrations };
}
