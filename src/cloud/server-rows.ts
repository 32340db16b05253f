import type { HttpStatus } from '../lifecycle/refusal.js';
import type { ActionName } from '../lifecycle/requests.js';
import { statusOf } from '../lifecycle/status.js';
import type { Server } from '../model/server.js';
import type { Outcome, ServerAction, ServerFact, ServerState } from './facts.js';

/** How one row of the event log is labelled. */
export interface FactLabel {
  readonly action: ServerAction;
  readonly outcome: Outcome;
  readonly reason?: string;
  /** The HTTP status of a rejected request. */
  readonly httpStatus?: HttpStatus;
  readonly elapsed?: number;
  readonly asAdmin?: boolean;
}

/** A request refused before any server record answered for it. */
export interface Refused {
  readonly action: ActionName;
  readonly reason: string;
  readonly httpStatus: HttpStatus;
  readonly asAdmin: boolean;
}

/**
 * What Nova keeps per server beside its states and reads for its own
 * decisions (quota usage, when its fault happened). It is told of every
 * row of a server before the row goes out as a fact, by the cloud itself:
 * domain bookkeeping never depends on who listens to the facts.
 */
export interface ServerBooks {
  recorded(server: Server, outcome: Outcome, time: number): void;
}

/** A server's state now, as its facts carry it. */
export function stateOf(server: Server): ServerState {
  return {
    status: statusOf(server.vmState, server.taskState),
    vmState: server.vmState,
    taskState: server.taskState,
    powerState: server.powerState,
    host: server.host,
    flavor: server.flavor.id,
  };
}

/**
 * The fact of one row of the server's log, labelled `label`: the server's
 * state now (the fields stateOf reads, written out here because spreading
 * stateOf would allocate the very object this saves), and `before`.
 */
export function serverFact(server: Server, time: number, before: ServerState, label: FactLabel): ServerFact {
  return {
    type: 'server',
    time,
    server: server.id,
    name: server.name,
    action: label.action,
    outcome: label.outcome,
    status: statusOf(server.vmState, server.taskState),
    vmState: server.vmState,
    taskState: server.taskState,
    powerState: server.powerState,
    host: server.host,
    flavor: server.flavor.id,
    before,
    reason: label.reason ?? '',
    httpStatus: label.httpStatus ?? null,
    elapsed: label.elapsed ?? 0,
    asAdmin: label.asAdmin ?? false,
  };
}
