import type { Flavor } from '../../model/catalog.js';
import type { Host } from '../../model/host.js';
import type { MigrationRecord, Server } from '../../model/server.js';
import type { Cloud } from '../cloud.js';

/**
 * The double claim every move makes: the destination is claimed for the new
 * flavor while the source keeps the old one, until the move is confirmed,
 * reverted, completed or abandoned.
 */
export function beginMove(cloud: Cloud, server: Server, kind: MigrationRecord['kind'], dest: Host, newFlavor: Flavor): void {
  cloud.inventory.claim(dest.id, newFlavor);
  cloud.inventory.attach(server, dest.id);
  cloud.moves.placed(server, dest.id);
  server.migration = {
    kind,
    sourceHost: server.host!,
    destHost: dest.id,
    oldFlavor: server.flavor,
    newFlavor,
    priorVmState: server.vmState,
    switched: false,
    status: 'migrating',
  };
}

/** The server now runs on the destination with the new flavor; the source claim stays. */
export function switchToDestination(server: Server): void {
  const m = server.migration!;
  server.host = m.destHost;
  server.flavor = m.newFlavor;
  m.switched = true;
  m.status = 'finished';
}

/** Drops the source's claim (confirm, or the end of a live migration). */
export function dropSource(cloud: Cloud, server: Server): void {
  const m = server.migration!;
  cloud.inventory.release(m.sourceHost, m.oldFlavor);
  if (m.sourceHost !== m.destHost) cloud.inventory.detach(server, m.sourceHost);
  server.migration = null;
}

/** Drops the destination's claim and points the server back at the source (revert, or a failed move). */
export function dropDestination(cloud: Cloud, server: Server): void {
  const m = server.migration!;
  cloud.inventory.release(m.destHost, m.newFlavor);
  if (m.sourceHost !== m.destHost) cloud.inventory.detach(server, m.destHost);
  server.host = m.sourceHost;
  server.flavor = m.oldFlavor;
  server.migration = null;
}

/**
 * Ends any move so the server holds one host only (a delete): a resize or
 * cold migration awaiting confirmation (or being confirmed) is confirmed, as
 * Nova's _confirm_resize_on_deleting does; a move in flight is abandoned.
 */
export function settleMove(cloud: Cloud, server: Server): void {
  const m = server.migration;
  if (m === null) return;
  const cold = m.kind === 'resize' || m.kind === 'migration';
  const confirmed = cold && (m.status === 'finished' || m.status === 'confirming');
  if (m.switched) dropSource(cloud, server);
  else dropDestination(cloud, server);
  cloud.moves.close(server, confirmed ? 'confirmed' : 'failed');
}

/** Releases everything the server holds, on one host or two (delete, reclaim). */
export function releaseAll(cloud: Cloud, server: Server): void {
  settleMove(cloud, server);
  cloud.vacate(server);
}

/** The host a move must not choose (its source), unless the operator allows the same host. */
export function ignoredForMove(server: Server, sameHostAllowed: boolean): Host['id'][] {
  return sameHostAllowed || server.host === null ? [] : [server.host];
}
