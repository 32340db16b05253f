import type { ServerAction } from '../cloud/facts.js';
import type { Nova } from '../cloud/nova.js';
import type { Simulator } from '../engine/simulator.js';
import type { Host } from '../model/host.js';
import type { HostId, ServerId } from '../model/ids.js';
import type { Server } from '../model/server.js';
import { MOVE_ACTION, type MoveKind } from './move-choice.js';

/** How an operator's move ended: the server left, the move failed, or something else (a delete, a revert) overtook it. */
export type MoveResult = 'moved' | 'failed' | 'interrupted';

/** Told once when a move ends, with Nova's reason for a failure. */
export type MoveDone = (result: MoveResult, reason: string) => void;

interface Pending {
  readonly kind: MoveKind;
  readonly source: HostId;
  readonly done: MoveDone;
  /** A cold migration reached VERIFY_RESIZE and awaits (or runs) its confirm_resize. */
  confirming: boolean;
}

/**
 * Requests an operator's moves through the compute API, as an admin, and
 * follows each to its end through the cloud's action ends. A cold
 * migration is confirmed as soon as it reaches VERIFY_RESIZE (the operator
 * does not wait for resize_confirm_window): only the confirm releases the
 * source host. At most one move per server.
 */
export class ServerMover {
  readonly #pending = new Map<ServerId, Pending>();
  readonly #confirmKind: number;

  constructor(
    private readonly sim: Simulator,
    private readonly nova: Nova,
  ) {
    // The confirm is its own event, so it is not requested from inside the migrate's completed row.
    this.#confirmKind = sim.register('operator-confirm', (id) => this.#confirm(this.nova.cloud.inventory.servers[id]!));
    nova.cloud.onActionEnd((server, action, outcome) => this.#ended(server, action, outcome));
  }

  /** Is one of this mover's moves under way for the server? */
  moving(server: Server): boolean {
    return this.#pending.has(server.id);
  }

  /**
   * Requests the move: to `target` (the scheduler still filters it) or where
   * the scheduler chooses. `done` may be told before this returns, when the
   * API refuses the request or no host is found at once.
   */
  move(server: Server, kind: MoveKind, target: Host | undefined, done: MoveDone): void {
    const action = MOVE_ACTION[kind];
    const pending: Pending = { kind, source: server.host!, done, confirming: false };
    this.#pending.set(server.id, pending);
    this.nova.api.submit({ action, server: server.name, ...(target === undefined ? {} : { host: target.name }), asAdmin: true });
    if (this.#pending.get(server.id) === pending && this.nova.executor.running(server)?.request.action !== action)
      this.#resolve(server, 'failed', `${action} was refused`);
  }

  #ended(server: Server, action: ServerAction, outcome: 'completed' | 'failed'): void {
    const p = this.#pending.get(server.id);
    if (p === undefined) return;
    if (p.confirming) {
      if (action === 'confirm_resize') this.#resolve(server, outcome === 'completed' ? 'moved' : 'failed', server.fault ?? '');
      else if (action === 'revert_resize' && outcome === 'completed') this.#resolve(server, 'interrupted', 'reverted');
      return;
    }
    const expected = MOVE_ACTION[p.kind];
    if (action !== expected) {
      if (this.nova.executor.running(server)?.request.action !== expected) this.#resolve(server, 'interrupted', `${action} overtook ${expected}`);
      return;
    }
    if (outcome === 'failed') return this.#resolve(server, 'failed', server.fault ?? '');
    if (p.kind !== 'cold') return this.#resolve(server, 'moved', '');
    p.confirming = true;
    this.sim.after(0, this.#confirmKind, server.id);
  }

  #confirm(server: Server): void {
    const p = this.#pending.get(server.id);
    if (p === undefined || this.nova.executor.running(server) !== undefined) return; // settled, or someone else's confirm or revert runs
    if (server.vmState !== 'resized') return this.#resolve(server, server.host === p.source ? 'interrupted' : 'moved', '');
    this.nova.api.submit({ action: 'confirm_resize', server: server.name, asAdmin: true });
    if (this.#pending.get(server.id) === p && this.nova.executor.running(server)?.request.action !== 'confirm_resize')
      this.#resolve(server, 'failed', 'confirm_resize was refused');
  }

  #resolve(server: Server, result: MoveResult, reason: string): void {
    const p = this.#pending.get(server.id)!;
    this.#pending.delete(server.id);
    p.done(result, reason);
  }
}
