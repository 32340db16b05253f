import type { Host } from '../../model/host.js';
import type { HostId } from '../../model/ids.js';
import type { HostObserver, Inventory } from '../../model/inventory.js';
import type { HostWeigher } from './types.js';

/**
 * BuildFailureWeigher: hosts whose compute service failed recent builds
 * weigh less. Nova negates its multiplier (build_failure_weight_multiplier,
 * 1000000.0 by default, so one failure outweighs everything else).
 */
export const buildFailureWeigher: HostWeigher = {
  name: 'BuildFailureWeigher',
  minval: null,
  maxval: null,
  multiplier: (m) => -m,
  weighs: {
    kind: 'count',
    follow: (inventory) => {
      const failed = new FailedBuilds(inventory);
      return () => failed.hosts;
    },
    raw: (count) => count,
  },
};

/** The hosts whose compute service counts failed builds, with the count: the weigher's own index. */
class FailedBuilds implements HostObserver {
  readonly hosts = new Map<HostId, number>();

  constructor(inventory: Inventory) {
    for (const host of inventory.hosts) this.hostChanged(host);
    inventory.observe(this);
  }

  hostChanged(host: Host): void {
    // Most changes are claims on hosts without failures: skip the map while it is empty.
    if (host.failedBuilds > 0) this.hosts.set(host.id, host.failedBuilds);
    else if (this.hosts.size > 0) this.hosts.delete(host.id);
  }
}
