import type { Inventory } from '../model/inventory.js';
import type { FactSink } from './facts.js';

/**
 * The inventory's changes as facts (host_changed, server_attached,
 * server_detached), so the figures that follow capacity and co-location
 * listen where every other output does. The scheduler's indexes stay
 * observers of the inventory: the domain's own decisions read them.
 */
export function tellInventoryChanges(inventory: Inventory, clock: { readonly now: number }, facts: FactSink): void {
  inventory.observe({ hostChanged: (host) => facts.emit({ type: 'host_changed', time: clock.now, host: host.id }) });
  inventory.observeServers({
    serverAttached: (server, host) => facts.emit({ type: 'server_attached', time: clock.now, server: server.id, host }),
    serverDetached: (server, host) => facts.emit({ type: 'server_detached', time: clock.now, server: server.id, host }),
  });
}
