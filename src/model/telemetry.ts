import type { Host } from './host.js';
import type { PlacementDecision } from './placement-decision.js';
import type { Server } from './server.js';

/** How a row of the event log relates to its request. */
export type Outcome = 'accepted' | 'rejected' | 'transition' | 'completed' | 'failed';

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

/** Listeners of a run: metrics subscribe here; the model never calls metrics directly. */
export interface Telemetry {
  server(fact: ServerFact): void;
  host(fact: HostFact): void;
  placement(fact: PlacementFact): void;
  buildFailure(fact: BuildFailureFact): void;
}

export const silentTelemetry: Telemetry = { server() {}, host() {}, placement() {}, buildFailure() {} };
