import type { RuleName } from '../lifecycle/server-actions.js';
import type { HostId } from '../model/ids.js';
import type { Server } from '../model/server.js';
import type { TaskState, VmState } from '../model/states.js';
import type { Cloud } from './cloud.js';
import type { LiveMigrationSlots } from './live-migration-slots.js';
import type { PeriodicTasks } from './periodic-tasks.js';
import type { ActionParams } from './requests.js';
import type { ServerExtras } from './server-extras.js';

/** One accepted action in progress on a server. */
export interface Running {
  /** The action as the user named it (events.csv's `action`). */
  readonly action: string;
  readonly rule: RuleName;
  readonly params: ActionParams;
  readonly asAdmin: boolean;
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
}

/** What an operation may use: the cloud's primitives and Nova's periodic tasks. */
export interface OperationContext {
  readonly cloud: Cloud;
  readonly periodic: PeriodicTasks;
  /** Metadata, personality files, passwords, build progress and quotas. */
  readonly extras: ServerExtras;
  /** max_concurrent_live_migrations: the outgoing live migrations each compute service runs, and the queue behind them. */
  readonly liveMigrations: LiveMigrationSlots;
}

/**
 * What an action does beyond walking its table row: the checks and effects
 * Nova's API, conductor and compute managers add. Every hook is optional; a
 * row with no operation only changes states.
 */
export interface Operation {
  /** An API-side refusal beyond the guard (e.g. evacuate needs the source down), or null. */
  precheck?(ctx: OperationContext, server: Server, params: ActionParams): string | null;
  /** Runs as each step of the path begins (step 0 at acceptance); a string fails the action. */
  enter?(ctx: OperationContext, server: Server, run: Running, taskState: TaskState): string | null;
  /** Effects of success, just before the final state; may name the final vm_state. */
  finish?(ctx: OperationContext, server: Server, run: Running): VmState | void;
  /** Runs after the completed row (follow-up timers, chained actions). */
  settled?(ctx: OperationContext, server: Server, run: Running): void;
  /** power_state is left alone at the end (os-resetState touches only vm_state and task_state). */
  readonly keepsPowerState?: boolean;
  /** Undoes what the operation set up, when it fails (a move's status, a claim to hand back). */
  failed?(ctx: OperationContext, server: Server, run: Running): void;
  /** The host whose compute service does the work (default: the server's host); its death stalls the action. */
  computeHost?(server: Server): HostId | null;
  /** The vm_state a failure leaves the server in (default: the state at acceptance). */
  failedVmState?(server: Server, run: Running): VmState;
  /**
   * Judged when the last step ends, before the action completes: null to
   * complete, a retry (the path starts again from its first step, as a
   * reschedule does) or a failure with its reason.
   */
  outcome?(ctx: OperationContext, server: Server, run: Running): Outcome;
  /** Seconds the current step takes beyond its share of the sampled duration (a build's image download). */
  extraTime?(ctx: OperationContext, server: Server, run: Running): number;
  /**
   * Replaces the sampled total duration (the live migration's pre-copy model).
   * Asked when the first step is to be timed, after its `enter`; null holds
   * the step (queued, or never ending) until the operation calls
   * ActionExecutor.release, which asks again. The path's shares split it.
   */
  duration?(ctx: OperationContext, server: Server, run: Running): number | null;
  /** A newer action (a delete, os-resetState) replaced this one before it ended: undo what it holds. */
  superseded?(ctx: OperationContext, server: Server, run: Running): void;
}

/** A failure may name the vm_state it leaves (else failedVmState's, else the state at acceptance). */
export type Outcome = null | { readonly retry: string } | { readonly fail: string; readonly vmState?: VmState };
