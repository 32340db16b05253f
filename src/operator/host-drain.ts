import type { Nova } from '../cloud/nova.js';
import type { Simulator } from '../engine/simulator.js';
import type { Host } from '../model/host.js';
import type { ServerId } from '../model/ids.js';
import type { Server } from '../model/server.js';
import { moveFor, type MoveKind } from './move-choice.js';
import type { MoveResult, ServerMover } from './server-mover.js';
import type { DrainPurpose, DrainSettings } from './types.js';
import { tellStep, type Step } from './workflow-step.js';

/** How a drain settles: the host is empty, nothing more can move for now (it stays open), or it gave up. */
export type DrainEnd = 'empty' | 'stalled' | 'given_up';

/** What the workflow asking for a drain wants of it. */
export interface DrainOptions {
  readonly purpose: DrainPurpose;
  /** Cold-migrate stopped servers; false leaves them on the host (a rolling update may). */
  readonly moveStopped: boolean;
  /** Where a server goes: a host (the scheduler still filters it), undefined for the scheduler's choice, null for nowhere. */
  readonly target?: (server: Server) => Host | null | undefined;
  /** Stop at the first failed move rather than retry it (consolidation: a half-empty host saves nothing). */
  readonly giveUpOnFailure?: boolean;
  /** Told when the host is empty, when the drain stalls (it stays open and may go on) and when it gives up. */
  readonly settled?: (drain: HostDrain, end: DrainEnd) => void;
}

/**
 * What a drain uses of the drains in progress it belongs to (Drains): the
 * clock, Nova, the mover and settings they share, and its wake-ups.
 */
export interface DrainServices {
  readonly sim: Simulator;
  readonly nova: Nova;
  readonly settings: DrainSettings;
  readonly mover: ServerMover;
  /** Wakes the drain after the current event. */
  kick(drain: HostDrain): void;
  /** Wakes the drain for `server` once the retry delay has passed. */
  retryLater(drain: HostDrain, server: Server): void;
  close(drain: HostDrain): void;
}

/**
 * One host being emptied, as the seed's host maintenance does it: its
 * service is disabled so it receives no new servers, then each server is
 * moved, live or cold depending on its state, as an admin, the scheduler
 * choosing the destination unless the workflow names one (its filters, and
 * so server groups, are honoured either way). A failed move (NoValidHost
 * leaves the server where it was) is retried after retry_delay, up to
 * max_attempts per server. Servers no move accepts are reported once
 * (`drain_blocked`) and waited for; when nothing more can move the drain
 * reports `drain_stalled` and stays open: any action that ends on one of
 * its servers wakes it again. The drain ends with `drained` when the host
 * holds no server.
 */
export class HostDrain {
  readonly startedAt: number;
  /** The service was enabled when the drain began (workflows enable it again only then). */
  wasEnabled = false;
  /** Move requests made, failed ones included (what a migration budget counts). */
  requested = 0;
  readonly #moved: Record<MoveKind, number> = { live: 0, cold: 0, offload: 0 };
  #failed = 0;
  readonly #inFlight = new Set<ServerId>();
  readonly #retrying = new Set<ServerId>();
  readonly #attempts = new Map<ServerId, number>();
  readonly #reported = new Set<ServerId>();
  #open = true;
  #kicked = false;
  #stalled = false;
  #givingUp = false;
  #lastSize = -1;

  constructor(
    readonly host: Host,
    private readonly drains: DrainServices,
    readonly options: DrainOptions,
  ) {
    this.startedAt = drains.sim.now;
  }

  get open(): boolean {
    return this.#open;
  }

  begin(): void {
    this.wasEnabled = this.host.enabled;
    if (this.host.enabled) this.drains.nova.hosts.setEnabled(this.host, false);
    this.#fact('drain_start', 'accepted', `service disabled; ${serverCount(this.host.servers.size)} on the host`);
    this.#kick();
  }

  /** Lets servers that ran out of attempts try again (the workflow knows room has come back) and wakes the drain. */
  retry(): void {
    if (!this.#open) return;
    this.#attempts.clear();
    this.#stalled = false;
    this.#kick();
  }

  /**
   * Ends a stalled drain as done although servers are left (a rolling update
   * lets servers that do not run stay through the reboot); `note` says why.
   */
  complete(note: string): void {
    if (!this.#open) return;
    this.#close();
    this.#fact('drained', 'completed', `${this.#summary()}; ${note}`);
  }

  /** Ends the drain where it is, without re-enabling anything; moves under way finish unwatched. */
  abandon(reason: string): void {
    if (!this.#open) return;
    this.#close();
    this.#fact('drain_aborted', 'failed', `${reason}; ${serverCount(this.host.servers.size)} left`);
  }

  serverActionEnded(server: Server): void {
    if (this.host.servers.has(server.id) || this.host.servers.size !== this.#lastSize) this.#kick();
  }

  retryDue(server: number): void {
    if (this.#retrying.delete(server as ServerId)) this.pump();
  }

  /** Re-examines every server on the host and starts the moves it may. O(servers on the host). */
  pump(): void {
    this.#kicked = false;
    if (!this.#open) return;
    const { executor, cloud } = this.drains.nova;
    let busy = 0;
    const ready: { server: Server; move: MoveKind }[] = [];
    for (const id of this.host.servers) {
      if (this.#inFlight.has(id) || this.#retrying.has(id)) continue;
      const server = cloud.inventory.servers[id]!;
      if (executor.running(server) !== undefined) {
        busy++; // building, arriving, or in another action: its end wakes the drain
        continue;
      }
      const choice = moveFor(server, this.options.moveStopped);
      if (choice.kind === 'blocked') this.#report(server, choice.reason);
      else if (choice.kind === 'move' && (this.#attempts.get(id) ?? 0) < this.drains.settings.max_attempts) ready.push({ server, move: choice.move });
    }
    const limit = this.drains.settings.max_parallel_moves;
    for (const { server, move } of ready) {
      if (this.#givingUp || (limit > 0 && this.#inFlight.size >= limit)) break;
      this.#start(server, move);
    }
    this.#lastSize = this.host.servers.size;
    if (this.host.servers.size === 0) return this.#end('empty');
    if (this.#inFlight.size > 0 || this.#retrying.size > 0) return;
    if (this.#givingUp) return this.#end('given_up');
    if (busy === 0 && !this.#stalled) this.#end('stalled');
  }

  #start(server: Server, move: MoveKind): void {
    const target = this.options.target?.(server);
    if (target === null) {
      this.#failed++;
      if (this.options.giveUpOnFailure) this.#givingUp = true;
      else this.#attempts.set(server.id, this.drains.settings.max_attempts);
      return;
    }
    this.#inFlight.add(server.id);
    this.#attempts.set(server.id, (this.#attempts.get(server.id) ?? 0) + 1);
    this.requested++;
    this.#stalled = false;
    this.drains.mover.move(server, move, target, (result) => this.#moveEnded(server, move, result));
  }

  #moveEnded(server: Server, move: MoveKind, result: MoveResult): void {
    this.#inFlight.delete(server.id);
    if (!this.#open) return;
    if (result === 'moved') this.#moved[move]++;
    if (result === 'failed') {
      this.#failed++;
      if (this.options.giveUpOnFailure) this.#givingUp = true;
      else if ((this.#attempts.get(server.id) ?? 0) < this.drains.settings.max_attempts) {
        this.#retrying.add(server.id);
        this.drains.retryLater(this, server);
      }
    }
    this.#kick();
  }

  #end(end: DrainEnd): void {
    const left = this.host.servers.size;
    if (end === 'stalled') {
      this.#stalled = true;
      this.#fact('drain_stalled', 'failed', `nothing more can move now; ${serverCount(left)} left`);
    } else {
      this.#close();
      if (end === 'empty') this.#fact('drained', 'completed', `${this.#summary()}; the host is empty`);
      else this.#fact('drain_aborted', 'failed', `gave up after a failed move (${this.#summary()}); ${serverCount(left)} left`);
    }
    this.options.settled?.(this, end);
  }

  #summary(): string {
    const m = this.#moved;
    return `${Math.round(this.drains.sim.now - this.startedAt)} s, ${m.live} live, ${m.cold} cold, ${m.offload} offloaded, ${this.#failed} failed`;
  }

  #report(server: Server, reason: string): void {
    if (this.#reported.has(server.id)) return;
    this.#reported.add(server.id);
    this.#tell({ action: 'drain_blocked', outcome: 'transition', detail: reason, server });
  }

  #kick(): void {
    if (this.#kicked || !this.#open) return;
    this.#kicked = true;
    this.drains.kick(this);
  }

  #close(): void {
    this.#open = false;
    this.drains.close(this);
  }

  #fact(action: 'drain_start' | 'drained' | 'drain_aborted' | 'drain_stalled', outcome: 'accepted' | 'completed' | 'failed', detail: string): void {
    this.#tell({ action, outcome, detail });
  }

  /** Every drain fact names the workflow that asked, which the metrics read. */
  #tell(step: Step): void {
    tellStep(this.drains.nova.cloud, this.options.purpose, this.host, step);
  }
}

/** `1 server`, `3 servers`. */
export const serverCount = (n: number): string => `${n} server${n === 1 ? '' : 's'}`;
