import { guard } from '../lifecycle/admit.js';
import type { Server } from '../model/server.js';

/**
 * How an operator takes a server off its host: live migration for a
 * running one, cold migration (then confirm_resize) for a stopped one, an
 * offload for a shelved one that still sits on its host.
 */
export type MoveKind = 'live' | 'cold' | 'offload';

/** The request each kind of move starts with, under the API's action names. */
export const MOVE_ACTION = { live: 'live_migrate', cold: 'migrate', offload: 'shelve_offload' } as const satisfies Record<MoveKind, string>;

/** What a drain does with one server: move it, leave it (allowed to stay), or report it as blocking. */
export type MoveChoice =
  | { readonly kind: 'move'; readonly move: MoveKind }
  | { readonly kind: 'stay' }
  | { readonly kind: 'blocked'; readonly reason: string };

/**
 * The move Nova's own guards allow for the server as an admin sees it, in
 * the order an operator prefers them (cf. the seed's "cold or live
 * migration, depending on the state of the server"): live_migrate accepts
 * ACTIVE and PAUSED, migrate ACTIVE and SHUTOFF, shelve_offload SHELVED.
 * Nothing moves a suspended, rescued, errored, resized (awaiting its
 * owner's confirm) or soft-deleted server: it blocks the drain. A stopped
 * server may stay when `moveStopped` is false (a rolling update: it is
 * available again after the reboot). The caller checks that no task runs.
 */
export function moveFor(server: Server, moveStopped: boolean): MoveChoice {
  if (guard(server, 'live_migrate', true) === null) return { kind: 'move', move: 'live' };
  if (guard(server, 'migrate', true) === null) return server.vmState === 'stopped' && !moveStopped ? { kind: 'stay' } : { kind: 'move', move: 'cold' };
  if (guard(server, 'shelve_offload', true) === null) return { kind: 'move', move: 'offload' };
  return { kind: 'blocked', reason: `vm_state ${server.vmState}: neither live_migrate, migrate nor shelve_offload accepts it` };
}

/**
 * May the server stay on its host through a reboot? One whose guest does not
 * run loses nothing (the seed: inactive servers need not move); nor does one
 * in ERROR, which no move accepts and whose guest Nova no longer vouches for.
 */
export const mayStayThroughReboot = (server: Server): boolean =>
  server.vmState === 'error' || (server.powerState !== 'running' && server.powerState !== 'paused');
