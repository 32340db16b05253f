import type { Host } from '../model/host.js';
import type { Drains } from './drains.js';
import type { HostUpdates } from './host-updates.js';

/**
 * Host maintenance as the seed describes it: the host is disabled so it
 * receives no further servers, then each server is moved by live or cold
 * migration depending on its state, the rest of the cloud absorbing them
 * (the scheduler chooses). When the host is empty it is free to be removed;
 * with an update duration it is updated and its service enabled again (if
 * it was enabled before), otherwise it stays disabled.
 */
export class Maintenance {
  constructor(
    private readonly drains: Drains,
    private readonly updates: HostUpdates,
  ) {}

  /** The scripted `drain_host` action. */
  drainHost(host: Host, updateDuration?: number): void {
    this.drains.drain(host, {
      purpose: 'maintenance',
      moveStopped: true,
      settled: (drain, end) => {
        if (end !== 'empty' || updateDuration === undefined) return;
        this.updates.update(host, updateDuration, 'maintenance', () => {
          if (drain.wasEnabled) this.drains.nova.hosts.setEnabled(host, true);
        });
      },
    });
  }
}
