import type { Host } from './host.js';
import type { PlacementDecision } from './placement-decision.js';
import type { MigrationRecord, Server } from './server.js';

/** How a row of the event log relates to its request. */
export type Outcome = 'accepted' | 'rejected' | 'transition' | 'completed' | 'failed';

/** The HTTP status a refused request is answered with: 400 bad body, 401 unknown project, 403 policy or quota, 404 no such server, 409 conflict. */
export type HttpStatus = 400 | 401 | 403 | 404 | 409;

/**
 * A fact about a server emitted during a run: a request (accepted or
 * rejected) or a later state change of the action it started. Status is
 * computed by the cloud layer from Nova's map and carried here, so that
 * listeners need no rules of their own.
 */
export interface ServerFact {
  readonly time: number;
  /** null for a request naming a server that does not exist (404). */
  readonly server: Server | null;
  readonly serverName: string;
  readonly action: string;
  readonly outcome: Outcome;
  readonly status: string;
  /** Status before this fact; equal to `status` for requests that changed nothing. */
  readonly previousStatus: string;
  readonly reason: string;
  /** The status of a rejected request's answer; null on every other row. */
  readonly httpStatus: HttpStatus | null;
  /** Seconds since the request was accepted, on completed/failed rows. */
  readonly elapsed: number;
  readonly asAdmin: boolean;
}

/** A fact about a host: a scripted or modelled host event. */
export interface HostFact {
  readonly time: number;
  readonly host: Host;
  readonly action: string;
  readonly outcome: Outcome;
  readonly reason: string;
  /** The server concerned, for facts about one server on the host (destroy_evacuated, split_brain_*). */
  readonly server?: Server;
}

/**
 * A placement: a scheduler decision (with its filter counts and weights),
 * or a reschedule's claim on an alternate host (decision null).
 */
export interface PlacementFact {
  readonly time: number;
  readonly server: Server;
  /** The host claimed; null when no host could be had. */
  readonly host: Host | null;
  /** '' on success; Nova's NoValidHost or reschedule message otherwise. */
  readonly reason: string;
  /** create, unshelve, evacuate, resize, migrate, live_migrate, or reschedule. */
  readonly purpose: string;
  readonly decision: PlacementDecision | null;
}

/** A build that failed on its host and was rescheduled or given up. */
export interface BuildFailureFact {
  readonly time: number;
  readonly server: Server;
  readonly host: Host;
  readonly rescheduled: boolean;
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
 * A move that ended (migrations.csv): from the request's acceptance (`start`)
 * to its end (`time`). `durationS` runs from `start` until the server ran at
 * its destination (for a cold move: VERIFY_RESIZE, before the confirm wait),
 * or until the move failed; `downtimeS` is the time the guest was paused or
 * powered off because of the move.
 */
export interface MigrationFact {
  readonly time: number;
  readonly server: Server;
  readonly kind: MoveKind;
  readonly source: Host;
  /** null when no host was found. */
  readonly destination: Host | null;
  readonly start: number;
  readonly durationS: number;
  readonly downtimeS: number;
  /** MB sent over the network: disk and memory copies. */
  readonly dataMb: number;
  /** Pre-copy rounds of a live migration; 0 for other moves. */
  readonly rounds: number;
  readonly outcome: MoveOutcome;
}

/** Listeners of a run: metrics subscribe here; the model never calls metrics directly. */
export interface Telemetry {
  server(fact: ServerFact): void;
  host(fact: HostFact): void;
  placement(fact: PlacementFact): void;
  buildFailure(fact: BuildFailureFact): void;
  migration(fact: MigrationFact): void;
}

export const silentTelemetry: Telemetry = { server() {}, host() {}, placement() {}, buildFailure() {}, migration() {} };
