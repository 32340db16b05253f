import type { Named } from '../lifecycle/admit.js';
import type { RuleName } from '../lifecycle/server-actions.js';
import type { CreateRequest, ServerRequest } from '../lifecycle/requests.js';
import type { Server } from '../model/server.js';
import type { TaskState, VmState } from '../model/states.js';
import type { Cloud } from './cloud.js';
import type { HostSlots } from './host-slots.js';
import type { ImageCache } from './image-cache.js';
import type { FailedBuilds } from './failed-builds.js';
import type { PeriodicTasks } from './periodic-tasks.js';
import type { ServerExtras } from './server-extras.js';

/** Any request an action runs for: a create, or an action on a server. */
export type AnyRequest = CreateRequest | ServerRequest;

/** One accepted action in progress on a server: `R` is its request, `S` its operation's own state. */
export interface Running<S = unknown, R extends AnyRequest = AnyRequest> {
  readonly rule: RuleName;
  /** The request, complete (admit checked it); its action names the action in events.csv. */
  readonly request: R;
  /** What the request names, looked up when it was admitted. */
  readonly named: Named;
  readonly acceptedAt: number;
  /** vm_state when the request was accepted. */
  readonly priorVmState: VmState;
  /** Index into the rule's path of the step in progress. */
  step: number;
  /** The compute host is dead: the step waits for it to come back (init_host). */
  stalled: boolean;
  /** The step waits for the operation to let it go (a live migration queued for a slot); see Operation.duration. */
  held: boolean;
  /** The total duration is known and split into stepDurations (false until an operation's duration hook answered). */
  timed: boolean;
  /** Seconds each step of the path takes. */
  stepDurations: readonly number[];
  /** The operation's own state for this run (a build's alternates, a live migration's cost). */
  readonly state: S;
}

/** What an operation may use: the cloud's primitives and Nova's periodic tasks. */
export interface OperationContext {
  readonly cloud: Cloud;
  readonly periodic: PeriodicTasks;
  /** Metadata, personality files, passwords, build progress and quotas. */
  readonly extras: ServerExtras;
  /** max_concurrent_live_migrations: the outgoing live migrations each compute service runs, and the queue behind them. */
  readonly liveMigrations: HostSlots;
  /** max_concurrent_builds: the builds each compute service runs (from its claim to the end of the spawn), and the queue behind them. */
  readonly builds: HostSlots;
  /** max_concurrent_snapshots: the createImage snapshots each compute service takes, and the queue behind them. */
  readonly snapshots: HostSlots;
  /** Each host's image cache and the downloads over its link. */
  readonly images: ImageCache;
  /** Each compute service's count of failed builds in a row, and when the scheduler sees it. */
  readonly failedBuilds: FailedBuilds;
}

/**
 * What an action does beyond walking its table row: the effects Nova's
 * conductor and compute managers make (place, claim, copy, release). The
 * row decides the rest: what the API admits, the task_states, the final
 * state and the state on failure. Every hook is optional; a row with no
 * operation only changes states.
 */
interface Effects<S, R extends AnyRequest> {
  /** Runs as each step of the path begins (step 0 at acceptance): place, claim, allocate ports; a string fails the action. */
  enter?(ctx: OperationContext, server: Server, run: Running<S, R>, taskState: TaskState): string | null;
  /**
   * Seconds the step spends copying beyond its share of the sampled
   * duration (a disk copy, a snapshot upload), asked when the step is to
   * be timed; null holds the step (waiting for a slot, or for an image
   * download whose end depends on other downloads) until the operation
   * calls ActionExecutor.release, which asks again.
   */
  copySeconds?(ctx: OperationContext, server: Server, run: Running<S, R>, taskState: TaskState): number | null;
  /**
   * Replaces the sampled total duration (the live migration's pre-copy model).
   * Asked when the first step is to be timed, after its `enter`; null holds
   * the step (queued, or never ending) until the operation calls
   * ActionExecutor.release, which asks again. The path's shares split it.
   */
  duration?(ctx: OperationContext, server: Server, run: Running<S, R>): number | null;
  /**
   * Judged when the last step ends, before the action completes: null to
   * complete, a retry (the path starts again from its first step, as a
   * reschedule does) or a failure with its reason.
   */
  outcome?(ctx: OperationContext, server: Server, run: Running<S, R>): Outcome;
  /** Effects of success, just before the final state is set: switch to the destination, drop a claim. */
  finish?(ctx: OperationContext, server: Server, run: Running<S, R>): void;
  /** Runs after the completed row: follow-up timers, chained actions. */
  settled?(ctx: OperationContext, server: Server, run: Running<S, R>): void;
  /** Releases what the run set up, when it fails (a move's status, a claim to hand back). */
  failed?(ctx: OperationContext, server: Server, run: Running<S, R>): void;
  /** A newer action (a delete, os-resetState) replaced this one before it ended: release what it holds. */
  superseded?(ctx: OperationContext, server: Server, run: Running<S, R>): void;
}

/** An operation with a state of its own makes one for every run. */
export type Operation<S = undefined, R extends AnyRequest = AnyRequest> = Effects<S, R> &
  (undefined extends S ? { newState?(): S } : { newState(): S });

/**
 * The operations, by the row they serve. Each declares the request of its
 * own action and its own state; held here as the executor calls them.
 */
export type Operations = Readonly<Partial<Record<RuleName, Operation<unknown>>>>;

/** A failure may name the vm_state it leaves (else the row's onFailure). */
export type Outcome = null | { readonly retry: string } | { readonly fail: string; readonly vmState?: VmState };
