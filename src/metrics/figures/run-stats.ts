import type { HostAction, OperatorAction } from '../../cloud/fact-names.js';
import type { HostFact, Outcome, ServerAction, ServerFact } from '../../cloud/facts.js';
import { STATUSES, type Status } from '../../lifecycle/status.js';
import type { HostId } from '../../model/ids.js';
import { rounded, sortedByKey } from '../format.js';
import { Tally } from '../instruments/tally.js';
import { PlacementStats } from './placement-stats.js';
import type { RunFacts } from '../run-facts.js';

/** Request outcomes of one action. */
export interface RequestCounts {
  accepted: number;
  rejected: number;
  failed: number;
}

/** What summary.json counts requests of: server actions, host commands and events, operator steps. */
export type RequestName = ServerAction | HostAction | OperatorAction;

/** One action's durations in summary.json, in seconds. */
export interface ActionDurations {
  readonly count: number;
  readonly mean_s: number;
  readonly p95_s: number;
  readonly max_s: number;
}

const SECONDS_PLACES = 3;

/**
 * The running aggregates summary.json and timeseries.csv need, each updated
 * in O(1) per fact so that reading them never scans the servers.
 */
export class RunStats {
  readonly #byStatus = new Map<Status, number>();
  readonly #requests = new Map<RequestName, RequestCounts>();
  readonly #durations = new Map<ServerAction, Tally>();
  /** Hosts whose compute service Nova counts as down (service_down seen, no recover_host since). */
  readonly #downHosts = new Set<HostId>();
  /** Placement counters: attempts and failures by purpose and by filter, reschedules. */
  readonly placements = new PlacementStats();

  constructor(facts: RunFacts) {
    facts.on('server', (fact) => this.#server(fact));
    facts.on('refused_request', (fact) => this.#countRequest(fact.action, 'rejected'));
    facts.on('host', (fact) => this.#host(fact));
    // An operator's step counts as a request of its own (drain_start accepted, drain_aborted failed ...).
    facts.on('operator', (fact) => this.#countRequest(fact.action, fact.outcome));
    facts.on('placement', (fact) => this.placements.placement(fact));
    facts.on('build_failure', (fact) => this.placements.buildFailure(fact));
  }

  /** Servers currently in `status` (deleted servers stay counted as DELETED). */
  statusCount(status: Status): number {
    return this.#byStatus.get(status) ?? 0;
  }

  get hostsDown(): number {
    return this.#downHosts.size;
  }

  /** Request counts per action, actions in code-unit order (locale-independent, so stable). */
  requests(): [RequestName, Readonly<RequestCounts>][] {
    return sortedByKey(this.#requests);
  }

  /** Durations of completed actions per action, actions in code-unit order. */
  durations(): [ServerAction, Tally][] {
    return sortedByKey(this.#durations);
  }

  /** summary.json's `servers_by_status`: every status Nova has, in STATUSES order. */
  statusSummary(): Record<Status, number> {
    return Object.fromEntries(STATUSES.map((status) => [status, this.statusCount(status)])) as Record<Status, number>;
  }

  /** summary.json's `requests`, actions in code-unit order. */
  requestSummary(): Partial<Record<RequestName, RequestCounts>> {
    return Object.fromEntries(this.requests().map(([action, c]) => [action, { accepted: c.accepted, rejected: c.rejected, failed: c.failed }]));
  }

  /** summary.json's `action_durations`, actions in code-unit order, seconds rounded. */
  durationSummary(): Partial<Record<ServerAction, ActionDurations>> {
    const seconds = (x: number): number => rounded(x, SECONDS_PLACES);
    return Object.fromEntries(
      this.durations().map(([action, d]) => [action, { count: d.count, mean_s: seconds(d.mean), p95_s: seconds(d.percentile(95)), max_s: seconds(d.max) }]),
    );
  }

  #server(fact: ServerFact): void {
    this.#countStatus(fact);
    this.#countRequest(fact.action, fact.outcome);
    if (fact.outcome === 'completed') this.#durationsOf(fact.action).add(fact.elapsed);
  }

  #host(fact: HostFact): void {
    // service_down fires when service_down_time has passed since the last
    // heartbeat; a recovery before then never made the service down.
    if (fact.action === 'service_down') this.#downHosts.add(fact.host);
    else if (fact.action === 'recover_host' && fact.outcome === 'accepted') this.#downHosts.delete(fact.host);
    // An operator's failed attempt (a fence_host that did not power the host off) counts as a failed request.
    this.#countRequest(fact.action, fact.outcome);
  }

  #countStatus(fact: ServerFact): void {
    // The cloud builds the server record (BUILD) before the create's accepted
    // row, so that row reports BUILD -> BUILD; the server did not exist before.
    const isNew = fact.action === 'create' && fact.outcome === 'accepted';
    if (isNew) return this.#add(fact.status, 1);
    if (fact.before.status === fact.status) return;
    this.#add(fact.before.status, -1);
    this.#add(fact.status, 1);
  }

  #add(status: Status, delta: number): void {
    this.#byStatus.set(status, (this.#byStatus.get(status) ?? 0) + delta);
  }

  /** Request rows: accepted, rejected, and failed ends; transitions and completions are not requests. */
  #countRequest(action: RequestName, outcome: Outcome): void {
    if (outcome === 'accepted' || outcome === 'rejected' || outcome === 'failed') this.#requestsOf(action)[outcome]++;
  }

  #requestsOf(action: RequestName): RequestCounts {
    let counts = this.#requests.get(action);
    if (counts === undefined) {
      counts = { accepted: 0, rejected: 0, failed: 0 };
      this.#requests.set(action, counts);
    }
    return counts;
  }

  #durationsOf(action: ServerAction): Tally {
    let stats = this.#durations.get(action);
    if (stats === undefined) {
      stats = new Tally();
      this.#durations.set(action, stats);
    }
    return stats;
  }
}
