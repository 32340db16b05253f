import type { RequestName } from './run-stats.js';
import type { HttpStatus } from '../../lifecycle/refusal.js';
import type { RunFacts } from '../run-facts.js';

/** One reason requests were refused for, with how many were. */
export interface RefusalReason {
  readonly action: RequestName;
  /** The status of the API's answer; null for a host command or operator step, which no API answers. */
  readonly http_status: HttpStatus | null;
  /** Nova's message, each server's uuid in it written `<uuid>` so that one rule's refusals count together. */
  readonly reason: string;
  readonly count: number;
}

/**
 * summary.json's `refusals`: every request refused (`rejected` in
 * `requests`: the API's answers to server requests, and host commands and
 * operator steps turned down), by HTTP status and by reason, the most
 * frequent first. `total` is the sum of `requests.*.rejected`.
 */
export interface RefusalSummary {
  readonly total: number;
  /** By the API's HTTP status; host commands and operator steps under `none`. */
  readonly by_status: Readonly<Record<string, number>>;
  /** At most TOP_REASONS reasons, by count (ties by action, status, reason). */
  readonly top_reasons: readonly RefusalReason[];
  /** Refusals whose reason is not among top_reasons. */
  readonly other: number;
}

/** Reasons summary.json lists. */
const TOP_REASONS = 10;
/**
 * Distinct reasons kept while counting: a 404 names the server it did not
 * find, so reasons can be as many as requests; past this many, a new
 * reason is counted in `other` only, and memory stays bounded.
 */
const MAX_REASONS = 10_000;

// Nova writes the instance's uuid into a 409 ("Cannot 'pause' instance <uuid> while ..."); novasim's uuids are all this shape.
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** The refused requests of a run, counted by reason as they come: O(1) per refusal, O(reasons log reasons) to summarise. */
export class Refusals {
  readonly #byReason = new Map<string, { action: RequestName; http_status: HttpStatus | null; reason: string; count: number }>();
  readonly #byStatus = new Map<HttpStatus | null, number>();
  #total = 0;

  constructor(facts: RunFacts) {
    facts.on('refused_request', (fact) => this.#refused(fact.action, fact.httpStatus, fact.reason));
    facts.on('server', (fact) => void (fact.outcome === 'rejected' && this.#refused(fact.action, fact.httpStatus, fact.reason)));
    facts.on('host', (fact) => void (fact.outcome === 'rejected' && this.#refused(fact.action, null, fact.reason)));
    facts.on('operator', (fact) => void (fact.outcome === 'rejected' && this.#refused(fact.action, null, fact.detail)));
  }

  #refused(action: RequestName, status: HttpStatus | null, text: string): void {
    this.#total++;
    this.#byStatus.set(status, (this.#byStatus.get(status) ?? 0) + 1);
    const reason = text.replace(UUID, '<uuid>');
    const key = `${action}\n${status}\n${reason}`;
    const counted = this.#byReason.get(key);
    if (counted !== undefined) counted.count++;
    // Past MAX_REASONS a new reason is counted in the total only, and so in `other`.
    else if (this.#byReason.size < MAX_REASONS) this.#byReason.set(key, { action, http_status: status, reason, count: 1 });
  }

  summary(): RefusalSummary {
    const order = (a: RefusalReason, b: RefusalReason): number =>
      b.count - a.count || compare(a.action, b.action) || (a.http_status ?? 0) - (b.http_status ?? 0) || compare(a.reason, b.reason);
    const reasons = [...this.#byReason.values()].sort(order);
    const top = reasons.slice(0, TOP_REASONS).map((r) => ({ ...r }));
    const statuses = [...this.#byStatus].sort(([a], [b]) => (a ?? 1000) - (b ?? 1000));
    return {
      total: this.#total,
      by_status: Object.fromEntries(statuses.map(([s, n]) => [s === null ? 'none' : String(s), n])),
      top_reasons: top,
      other: this.#total - top.reduce((sum, r) => sum + r.count, 0),
    };
  }
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
