/**
 * What a run tells its outputs: one union of facts, discriminated by
 * `type`, each carrying ids and the state values of its moment, never a
 * live object (a figure that needs more reads the record by id when the
 * fact arrives). Every name a fact carries is a member of a union below,
 * so a misspelt fact or action is a compile error, at the emitter and in
 * the metrics that match on it.
 */
import type { Emitter } from '../engine/bus.js';
import type { HttpStatus } from '../lifecycle/refusal.js';
import type { ActionName } from '../lifecycle/requests.js';
import type { Status } from '../lifecycle/status.js';
import type { FlavorId, HostId, ImageId, ServerId } from '../model/ids.js';
import type { PlacementDecision } from '../model/placement-decision.js';
import type { MigrationRecord } from '../model/server.js';
import type { PowerState, TaskState, VmState } from '../model/states.js';
import type { HostAction, InitHostAction, OperatorAction, PlacementPurpose, Workflow } from './fact-names.js';

/** How a fact relates to its request. */
export type Outcome = 'accepted' | 'rejected' | 'transition' | 'completed' | 'failed';

/** What a server fact names: an API action, or what init_host did to the server on its own. */
export type ServerAction = ActionName | InitHostAction;

/** A server's state at one instant: what its events.csv row shows, and what a resize changes. */
export interface ServerState {
  readonly status: Status;
  readonly vmState: VmState;
  readonly taskState: TaskState;
  readonly powerState: PowerState;
  readonly host: HostId | null;
  readonly flavor: FlavorId;
}

/**
 * A request on a server (accepted or rejected) or a later step of the
 * action it started: the server's state after it, and `before` it (the
 * same values for a row that changed nothing). The state after is the
 * fact's own fields, not an object of its own: a run emits over a million
 * of these, and one allocation fewer each is a few percent of the run.
 */
export interface ServerFact extends ServerState {
  readonly type: 'server';
  readonly time: number;
  readonly server: ServerId;
  readonly name: string;
  readonly action: ServerAction;
  readonly outcome: Outcome;
  readonly before: ServerState;
  readonly reason: string;
  /** The status of a rejected request's answer; null on every other row. */
  readonly httpStatus: HttpStatus | null;
  /** Seconds since the request was accepted, on completed and failed rows. */
  readonly elapsed: number;
  readonly asAdmin: boolean;
}

/** A request refused before any server record answered for it: a create the API turned down, or a request naming no server (404). */
export interface RefusedRequestFact {
  readonly type: 'refused_request';
  readonly time: number;
  /** The server the request named. */
  readonly name: string;
  readonly action: ActionName;
  readonly reason: string;
  readonly httpStatus: HttpStatus;
  readonly asAdmin: boolean;
}

/** Something that happened to a host: a command, a fault, or what Nova did about it. */
export interface HostFact {
  readonly type: 'host';
  readonly time: number;
  readonly host: HostId;
  readonly action: HostAction;
  readonly outcome: Outcome;
  readonly reason: string;
  /** The server concerned, for facts about one server on the host (destroy_evacuated, split_brain_*). */
  readonly server: ServerId | null;
}

/** A step of an operator workflow, about a host (and one server on it, for steps about one server). */
export interface OperatorFact {
  readonly type: 'operator';
  readonly time: number;
  readonly host: HostId;
  readonly action: OperatorAction;
  readonly outcome: Outcome;
  readonly workflow: Workflow;
  /** What happened, in words; events.csv shows `<workflow>: <detail>`. */
  readonly detail: string;
  readonly server: ServerId | null;
}

/** A placement: a scheduler's decision (with its filter counts and weights), or a reschedule's claim on an alternate host (decision null). */
export interface PlacementFact {
  readonly type: 'placement';
  readonly time: number;
  readonly server: ServerId;
  /** The host claimed; null when no host could be had. */
  readonly host: HostId | null;
  /** '' on success; Nova's NoValidHost or reschedule message otherwise. */
  readonly reason: string;
  readonly purpose: PlacementPurpose;
  readonly decision: PlacementDecision | null;
}

/** A build that failed on its host and was rescheduled or given up. */
export interface BuildFailureFact {
  readonly type: 'build_failure';
  readonly time: number;
  readonly server: ServerId;
  readonly host: HostId;
  readonly rescheduled: boolean;
}

/** A build took one of its compute host's max_concurrent_builds slots, after waiting `waitedS` in the host's line. */
export interface BuildStartedFact {
  readonly type: 'build_started';
  readonly time: number;
  readonly server: ServerId;
  readonly host: HostId;
  readonly waitedS: number;
}

/** An image arrived in a host's image cache: downloaded over the host's link in `seconds`, for `builds` builds waiting on it. */
export interface ImageDownloadFact {
  readonly type: 'image_download';
  readonly time: number;
  readonly host: HostId;
  readonly image: ImageId;
  readonly seconds: number;
  readonly builds: number;
}

/** A live migration, cold migration, resize or evacuation. */
export type MoveKind = MigrationRecord['kind'];

/**
 * How a move ended: completed (a live migration or evacuation that switched
 * the server to its destination), aborted (a live migration cancelled by
 * live_migration_timeout_action abort), failed (no host, interrupted, or
 * abandoned by a delete), confirmed or reverted (a cold migration or resize),
 * open (still going, or awaiting confirmation, when the run ended).
 */
export type MoveOutcome = 'completed' | 'aborted' | 'failed' | 'confirmed' | 'reverted' | 'open';

/**
 * A move that ended: from the request's acceptance (`start`) to its end
 * (`time`). `durationS` runs from `start` until the server ran at its
 * destination (for a cold move: VERIFY_RESIZE, before the confirm wait),
 * or until the move failed; `downtimeS` is the time the guest was paused
 * or powered off because of the move.
 */
export interface MoveFact {
  readonly type: 'move';
  readonly time: number;
  readonly server: ServerId;
  readonly kind: MoveKind;
  readonly source: HostId;
  /** null when no host was found. */
  readonly destination: HostId | null;
  readonly start: number;
  readonly durationS: number;
  readonly downtimeS: number;
  /** MB sent over the network: disk and memory copies. */
  readonly dataMb: number;
  /** Pre-copy rounds of a live migration; 0 for other moves. */
  readonly rounds: number;
  readonly outcome: MoveOutcome;
}

/** A host's usage, service state (enabled, up, or a time at which it will count as down) or failed-build count changed. */
export interface HostChangedFact {
  readonly type: 'host_changed';
  readonly time: number;
  readonly host: HostId;
}

/** A server now counts as on a host (a moving server counts on both of its hosts until the move ends). */
export interface ServerAttachedFact {
  readonly type: 'server_attached';
  readonly time: number;
  readonly server: ServerId;
  readonly host: HostId;
}

/** A server no longer counts as on a host. */
export interface ServerDetachedFact {
  readonly type: 'server_detached';
  readonly time: number;
  readonly server: ServerId;
  readonly host: HostId;
}

/**
 * A host's CPU after its servers' shares were computed (a datacenter update
 * of the CloudSim-compatible cloud, or a share of novasim's own model):
 * what its servers asked for and what it gave them, in MIPS (vCPU-seconds
 * per second without speeds). Two at one instant both tell theirs: the
 * later one is the state the instant ends with.
 */
export interface HostCpuFact {
  readonly type: 'host_cpu';
  readonly time: number;
  readonly host: HostId;
  /** MIPS given, counting a server leaving at its full request and one arriving at its 10 % reserve (what the host's power follows). */
  readonly allocatedMips: number;
  readonly requestedMips: number;
  readonly capacityMips: number;
}

/**
 * A server's CPU after its host's CPU was shared, on the host it runs on
 * (not the one it is arriving at). `server` is, in the CloudSim-compatible
 * cloud (model cloudsim), the server's position in its trace's order (those
 * servers are the trace's, not Nova's records); in novasim's own model
 * (model nova), the Nova server's id.
 */
export interface ServerCpuFact {
  readonly type: 'server_cpu';
  readonly time: number;
  readonly server: number;
  readonly allocatedMips: number;
  readonly requestedMips: number;
  /** Leaving its host in a live migration: what it lost counts as degradation due to migration. */
  readonly migrating: boolean;
}

/**
 * The CloudSim-compatible datacenter placed its trace servers: how many
 * there are, and how many no host could take (they never run).
 */
export interface TraceServersPlacedFact {
  readonly type: 'trace_servers_placed';
  readonly time: number;
  readonly servers: number;
  readonly unplaced: number;
}

/** A trace server asked for exactly nothing at an update and was deleted, as CloudSim counts such a server finished. */
export interface TraceServerDeletedFact {
  readonly type: 'trace_server_deleted';
  readonly time: number;
  /** The server's position in its trace's order. */
  readonly server: number;
  readonly host: HostId;
}

/** A trace server's live migration in the CloudSim-compatible cloud landed (CloudSim's model: RAM copied, no rounds, no downtime). */
export interface CpuMigrationFact {
  readonly type: 'cpu_migration';
  readonly time: number;
  /** The server's position in its trace's order. */
  readonly server: number;
  readonly source: HostId;
  readonly destination: HostId;
  /** When it started. */
  readonly start: number;
  readonly ramMb: number;
}

/** The CloudSim-compatible datacenter updated every host (after their host_cpu facts): an energy interval of `seconds` ends now. */
export interface DatacenterUpdateFact {
  readonly type: 'datacenter_update';
  readonly time: number;
  readonly seconds: number;
}

/**
 * A round of dynamic consolidation in novasim's own model (model nova):
 * the hosts it found overloaded, the moves it planned, those it asked Nova
 * for, and those it left out (a second move of one server in the round, a
 * server no longer movable, or a destination Nova's filters now refuse).
 */
export interface ConsolidationRoundFact {
  readonly type: 'consolidation_round';
  readonly time: number;
  readonly overloaded: number;
  readonly planned: number;
  readonly requested: number;
  readonly skipped: number;
  /** Servers selected off overloaded hosts for which no host in service was found. */
  readonly stranded: number;
}

/** How a live migration dynamic consolidation asked for ended (model nova). */
export interface ConsolidationMoveFact {
  readonly type: 'consolidation_move';
  readonly time: number;
  readonly server: ServerId;
  readonly result: 'moved' | 'failed' | 'interrupted';
}

/** Every fact a simulated Nova and its operators tell. */
export type Fact =
  | ServerFact
  | RefusedRequestFact
  | HostFact
  | OperatorFact
  | PlacementFact
  | BuildFailureFact
  | BuildStartedFact
  | ImageDownloadFact
  | MoveFact
  | HostChangedFact
  | ServerAttachedFact
  | ServerDetachedFact
  | HostCpuFact
  | ServerCpuFact
  | DatacenterUpdateFact
  | CpuMigrationFact
  | TraceServersPlacedFact
  | TraceServerDeletedFact
  | ConsolidationRoundFact
  | ConsolidationMoveFact;

/** Where the domain sends its facts. Nothing in the domain listens to them: outputs do. */
export type FactSink = Emitter<Fact>;
