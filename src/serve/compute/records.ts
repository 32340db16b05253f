import type { Cloud } from '../../cloud/cloud.js';
import type { ServerId } from '../../model/ids.js';
import type { Server } from '../../model/server.js';

/** What the Compute API keeps about a server that the model does not: who made it, and how. */
export interface ServerRecord {
  readonly userId: string;
  readonly description: string | null;
  readonly hostname: string;
  readonly reservationId: string;
  readonly launchIndex: number;
  readonly keyName: string | null;
  readonly configDrive: string;
  readonly userData: string | null;
  readonly diskConfig: 'AUTO' | 'MANUAL';
}

/** One event of an instance action: the compute method that did the work, and how it ended. */
export interface ActionEvent {
  readonly event: string;
  readonly startTime: number;
  finishTime: number | null;
  result: 'Success' | 'Error' | null;
  readonly host: string | null;
}

/** An instance action (nova/compute/instance_actions.py names), as os-instance-actions lists it. */
export interface ActionRecord {
  readonly action: string;
  readonly requestId: string;
  readonly userId: string;
  readonly projectId: string;
  readonly startTime: number;
  message: string | null;
  updatedAt: number;
  readonly events: ActionEvent[];
  /** The model's action name whose end closes the event. */
  readonly closesOn: string;
}

/**
 * The served API's own bookkeeping: per server its creator and create
 * options, and the instance actions its requests started, each closed when
 * the model reports the action's end. Nothing here feeds the simulation.
 */
export class ServedRecords {
  readonly #servers = new Map<ServerId, ServerRecord>();
  readonly #actions = new Map<ServerId, ActionRecord[]>();
  readonly #groupUsers = new Map<number, string>();
  readonly #disabledReasons = new Map<number, string>();
  #reservations = 0;

  constructor(private readonly cloud: Cloud) {
    cloud.onActionEnd((server, action, outcome) => this.#ended(server, action, outcome));
  }

  /** A new reservation id (Nova's r-xxxxxxxx), one per create request. */
  nextReservation(): string {
    return `r-${(++this.#reservations).toString(36).padStart(8, '0')}`;
  }

  server(id: ServerId): ServerRecord | undefined {
    return this.#servers.get(id);
  }

  noteServer(server: Server, record: ServerRecord): void {
    this.#servers.set(server.id, record);
  }

  /** Why an admin disabled a host's compute service (os-services disabled_reason); null when none was given. */
  disabledReason(host: number): string | null {
    return this.#disabledReasons.get(host) ?? null;
  }

  noteDisabledReason(host: number, reason: string | null): void {
    if (reason === null) this.#disabledReasons.delete(host);
    else this.#disabledReasons.set(host, reason);
  }

  /** Who made a server group through the API (a scenario's groups have no user). */
  groupUser(group: number): string {
    return this.#groupUsers.get(group) ?? '';
  }

  noteGroup(group: number, user: string): void {
    this.#groupUsers.set(group, user);
  }

  actions(id: ServerId): readonly ActionRecord[] {
    return this.#actions.get(id) ?? [];
  }

  /** An accepted request: its instance action, with one event when a compute service does the work. */
  noteAction(server: Server, action: string, closesOn: string, event: string | null, who: { user: string; project: string }, requestId: string): void {
    const now = this.cloud.now;
    const host = server.host === null ? null : this.cloud.inventory.host(server.host).name;
    const record: ActionRecord = {
      action, requestId, userId: who.user, projectId: who.project, startTime: now, message: null, updatedAt: now, closesOn,
      events: event === null ? [] : [{ event, startTime: now, finishTime: null, result: null, host }],
    };
    const list = this.#actions.get(server.id) ?? [];
    list.push(record);
    this.#actions.set(server.id, list);
  }

  #ended(server: Server, action: string, outcome: 'completed' | 'failed'): void {
    const open = this.#actions.get(server.id)?.findLast((a) => a.closesOn === action && a.events.some((e) => e.result === null));
    if (open === undefined) return;
    const now = this.cloud.now;
    for (const e of open.events) {
      if (e.result !== null) continue;
      e.finishTime = now;
      e.result = outcome === 'completed' ? 'Success' : 'Error';
    }
    open.updatedAt = now;
    if (outcome === 'failed') open.message = 'Error';
  }
}
