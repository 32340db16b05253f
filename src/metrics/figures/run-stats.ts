import type { HostId } from '../../model/ids.js';
import type { BuildFailureFact, HostFact, Outcome, PlacementFact, ServerFact, Telemetry } from '../../model/telemetry.js';
import { sortedByKey } from '../format.js';
import { Tally } from '../instruments/tally.js';
import { PlacementStats } from './placement-stats.js';

/** Request outcomes of one action. */
export interface RequestCounts {
  accepted: number;
  rejected: number;
  failed: number;
}

/**
 * The running aggregates summary.json and timeseries.csv need, each updated
 * in O(1) per fact so that reading them never scans the servers.
 */
export class RunStats implements Telemetry {
  readonly #byStatus = new Map<string, number>();
  readonly #requests = new Map<string, RequestCounts>();
  readonly #durations = new Map<string, Tally>();
  /** Hosts whose compute service Nova counts as down (service_down seen, no recover_host since). */
  readonly #downHosts = new Set<HostId>();
  /** Placement counters: attempts and failures by purpose and by filter, reschedules. */
  readonly placements = new PlacementStats();

  server(fact: ServerFact): void {
    this.#countStatus(fact);
    this.#countRequest(fact.action, fact.outcome);
    if (fact.outcome === 'completed') this.#durationsOf(fact.action).add(fact.elapsed);
  }

  host(fact: HostFact): void {
    // service_down fires when service_down_time has passed since the last
    // heartbeat; a recovery before then never made the service down.
    if (fact.action === 'service_down') this.#downHosts.add(fact.host.id);
    else if (fact.action === 'recover_host' && fact.outcome === 'accepted') this.#downHosts.delete(fact.host.id);
    // An operator's failed attempt (a fence_host that did not power the host off) counts as a failed request.
    this.#countRequest(fact.action, fact.outcome);
  }

  buildFailure(fact: BuildFailureFact): void {
    this.placements.buildFailure(fact);
  }

  placement(fact: PlacementFact): void {
    this.placements.placement(fact);
  }

  migration(): void {}

  /** Servers currently in `status` (deleted servers stay counted as DELETED). */
  statusCount(status: string): number {
    return this.#byStatus.get(status) ?? 0;
  }

  get hostsDown(): number {
    return this.#downHosts.size;
  }

  /** Request counts per action, actions in code-unit order (locale-independent, so stable). */
  requests(): [string, Readonly<RequestCounts>][] {
    return sortedByKey(this.#requests);
  }

  /** Durations of completed actions per action, actions in code-unit order. */
  durations(): [string, Tally][] {
    return sortedByKey(this.#durations);
  }

  #countStatus(fact: ServerFact): void {
    // The cloud builds the server record (BUILD) before the create's accepted
    // row, so that row reports BUILD -> BUILD; the server did not exist before.
    const isNew = fact.action === 'create' && fact.outcome === 'accepted';
    if (!isNew && fact.previousStatus === fact.status) return;
    if (!isNew && fact.previousStatus !== '') this.#add(fact.previousStatus, -1);
    if (fact.status !== '') this.#add(fact.status, 1);
  }

  #add(status: string, delta: number): void {
    this.#byStatus.set(status, (this.#byStatus.get(status) ?? 0) + delta);
  }

  /** Request rows: accepted, rejected, and failed ends; transitions and completions are not requests. */
  #countRequest(action: string, outcome: Outcome): void {
    if (outcome === 'accepted' || outcome === 'rejected' || outcome === 'failed') this.#requestsOf(action)[outcome]++;
  }

  #requestsOf(action: string): RequestCounts {
    let counts = this.#requests.get(action);
    if (counts === undefined) {
      counts = { accepted: 0, rejected: 0, failed: 0 };
      this.#requests.set(action, counts);
    }
    return counts;
  }

  #durationsOf(action: string): Tally {
    let stats = this.#durations.get(action);
    if (stats === undefined) {
      stats = new Tally();
      this.#durations.set(action, stats);
    }
    return stats;
  }
}
