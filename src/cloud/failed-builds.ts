import type { Host } from '../model/host.js';
import type { HostId } from '../model/ids.js';
import type { Cloud } from './cloud.js';
import type { ComputeServices } from './compute-services.js';

/**
 * Each compute service's count of failed builds in a row, and when the
 * scheduler sees it (nova/compute/manager.py _build_failed and
 * _build_succeeded; nova/compute/stats.py). Since Rocky the count only
 * feeds the BuildFailureWeigher: the resource tracker keeps it in memory
 * and writes it to the compute node's stats at its next
 * update_available_resource run (every update_resources_interval), or
 * earlier when a new build claims on the node. A success resets it; with
 * consecutive_build_service_disable_threshold 0 failures are not counted.
 *
 * consecutive_build_failure_auto_disable brings back Pike's and Queens'
 * rule instead: the service disables itself the moment the count reaches
 * the threshold, and the count starts again.
 */
export class FailedBuilds {
  readonly #counts: number[] = [];
  readonly #reportDue: boolean[] = [];
  readonly #kind: number;

  constructor(
    private readonly cloud: Cloud,
    private readonly services: ComputeServices,
  ) {
    this.#kind = cloud.sim.register('update-available-resource', (host) => this.report(cloud.inventory.host(host as HostId)));
  }

  /** A build on the host ended: failed, or built (rescheduled builds count as failed, as in Nova). */
  ended(host: Host, failed: boolean): void {
    const { config } = this.cloud;
    const threshold = config.consecutive_build_service_disable_threshold;
    if (failed && threshold === 0) return;
    let count = failed ? (this.#counts[host.id] ?? 0) + 1 : 0;
    if (failed && config.consecutive_build_failure_auto_disable && count >= threshold && host.enabled) {
      this.cloud.setServiceEnabled(host, false, 'auto_disable', `Auto-disabled due to ${count} build failures`);
      count = 0;
    }
    this.#counts[host.id] = count;
    if (count === host.failedBuilds || this.#reportDue[host.id] === true) return;
    const at = this.services.nextRunAfter('update_available_resource', host.id, this.cloud.now);
    if (at === null) return;
    this.#reportDue[host.id] = true;
    this.cloud.sim.at(at, this.#kind, host.id);
  }

  /** The resource tracker writes the count where the scheduler reads it (update_available_resource, or a new claim). */
  report(host: Host): void {
    this.#reportDue[host.id] = false;
    this.cloud.inventory.reportFailedBuilds(host, this.#counts[host.id] ?? 0);
  }
}
