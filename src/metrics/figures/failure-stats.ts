import type { HostFact, ServerFact } from '../../cloud/facts.js';
import type { HostId, ServerId } from '../../model/ids.js';
import type { Inventory } from '../../model/inventory.js';
import { rounded } from '../format.js';
import { Tally } from '../instruments/tally.js';
import { spreadOf, type Spread } from './spread.js';
import type { RunFacts } from '../run-facts.js';

/** A crash kills the machine (fail_host); a partition cuts it off while it runs on (partition_host). */
export type FailureKind = 'crash' | 'partition';

/**
 * One host failure, from its fail_host or partition_host fact to its
 * recover_host. Times are seconds since the failure; null until it happens.
 */
export interface FailureRecord {
  readonly host: HostId;
  kind: FailureKind;
  readonly at: number;
  /** Servers on the host (server.host, not deleted) when it failed. */
  readonly affected: readonly ServerId[];
  /** Nova counted the service down (service_down). */
  detect: number | null;
  /** The operator powered the host off (fence_host completed). */
  fence: number | null;
  /** The host came back (recover_host): the record ends here. */
  repair: number | null;
  /** Seconds from the failure to each affected server's completed evacuation. */
  readonly evacuations: number[];
  /** Affected servers whose last evacuation attempt failed. */
  notEvacuated: number;
  /** Local disk rebuilt blank by the affected servers' evacuations. */
  ephemeralLostGb: number;
  splitBrainIntervals: number;
  /** Closed split-brain intervals only; FailureStats.summary adds the open ones. */
  splitBrainSeconds: number;
  /** Disk of the servers that ran a split brain, once per interval. */
  dataAtRiskGb: number;
}

/** summary.json's `failures`: keys in this order; zeros when nothing failed. */
export interface FailureSummary {
  readonly count: number;
  readonly by_kind: { readonly crash: number; readonly partition: number };
  readonly servers_affected: number;
  readonly detect_s: Spread;
  readonly fence_s: Spread & { readonly fenced: number };
  readonly evacuate_s: Spread & { readonly evacuated: number };
  readonly not_evacuated: number;
  readonly ephemeral_lost_gb: number;
  readonly split_brain: { readonly intervals: number; readonly seconds: number; readonly data_at_risk_gb: number };
  readonly repair_s: Spread;
}

/** An affected server's link to the failure it is counted in. */
interface Affected {
  readonly record: FailureRecord;
  /** ephemeralLostGb already counted (its value when the failure began, then at each evacuation). */
  lostGb: number;
  outcome: 'pending' | 'evacuated' | 'failed';
}

const SECONDS_PLACES = 3;

/**
 * Host failures and what followed each: detection, fencing, evacuation of
 * its servers, local data lost, split brains, repair. O(1) per fact except
 * a failure, which lists the host's servers once.
 *
 * A crash of a host already cut off opens no second record: the open one
 * becomes a crash. A server keeps counting in the failure that last
 * affected it, so an evacuation that completes after the repair still
 * counts there.
 */
export class FailureStats {
  readonly #records: FailureRecord[] = [];
  readonly #open = new Map<HostId, FailureRecord>();
  readonly #affected = new Map<ServerId, Affected>();
  /** Split brains in progress: when each began and the failure it belongs to. */
  readonly #splitBrains = new Map<ServerId, { readonly since: number; readonly record: FailureRecord | undefined }>();

  constructor(
    facts: RunFacts,
    /** Read when a host fails (its servers then) and when a split brain or evacuation ends (the server's disk). */
    private readonly inventory: Inventory,
  ) {
    facts.on('host', (fact) => this.#host(fact));
    facts.on('server', (fact) => this.#server(fact));
  }

  /** Every failure so far, in the order they happened. */
  get records(): readonly FailureRecord[] {
    return this.#records;
  }

  #host(fact: HostFact): void {
    const record = this.#open.get(fact.host);
    switch (fact.action) {
      case 'fail_host':
      case 'partition_host':
        if (fact.outcome !== 'accepted') return;
        if (record === undefined) this.#begin(fact);
        else if (fact.action === 'fail_host') record.kind = 'crash';
        return;
      case 'service_down':
        if (record !== undefined && record.detect === null) record.detect = fact.time - record.at;
        return;
      case 'fence_host':
        if (record !== undefined && record.fence === null && fact.outcome === 'completed') record.fence = fact.time - record.at;
        return;
      case 'recover_host':
        if (record === undefined || fact.outcome !== 'accepted') return;
        record.repair = fact.time - record.at;
        this.#open.delete(fact.host);
        return;
      case 'split_brain_start':
        if (fact.server === null) return;
        this.#splitBrains.set(fact.server, { since: fact.time, record });
        if (record === undefined) return;
        record.splitBrainIntervals++;
        record.dataAtRiskGb += this.inventory.servers[fact.server]!.flavor.diskGb;
        return;
      case 'split_brain_end': {
        if (fact.server === null) return;
        const open = this.#splitBrains.get(fact.server);
        if (open === undefined) return;
        this.#splitBrains.delete(fact.server);
        if (open.record !== undefined) open.record.splitBrainSeconds += fact.time - open.since;
        return;
      }
    }
  }

  #server(fact: ServerFact): void {
    if (fact.action !== 'evacuate') return;
    if (fact.outcome !== 'completed' && fact.outcome !== 'failed') return;
    const affected = this.#affected.get(fact.server);
    if (affected === undefined) return;
    // Evacuation is what rebuilds a local disk blank: count the growth since last looked.
    const lostGb = this.inventory.servers[fact.server]!.ephemeralLostGb;
    affected.record.ephemeralLostGb += lostGb - affected.lostGb;
    affected.lostGb = lostGb;
    if (fact.outcome === 'completed') {
      if (affected.outcome === 'failed') affected.record.notEvacuated--;
      if (affected.outcome !== 'evacuated') affected.record.evacuations.push(fact.time - affected.record.at);
      affected.outcome = 'evacuated';
    } else if (affected.outcome === 'pending') {
      affected.record.notEvacuated++;
      affected.outcome = 'failed';
    }
  }

  /** The failures as summary.json shows them; split brains still open count up to `endTime`. */
  summary(endTime: number): FailureSummary {
    const records = this.#records;
    const openSeconds = new Map<FailureRecord, number>();
    for (const { since, record } of this.#splitBrains.values()) {
      if (record !== undefined) openSeconds.set(record, (openSeconds.get(record) ?? 0) + endTime - since);
    }
    const sum = (f: (r: FailureRecord) => number): number => records.reduce((a, r) => a + f(r), 0);
    const times = (f: (r: FailureRecord) => number | null): Tally => Tally.of(records.map(f).filter((t): t is number => t !== null));
    const evacuations = Tally.of(records.flatMap((r) => r.evacuations));
    const fences = times((r) => r.fence);
    return {
      count: records.length,
      by_kind: { crash: sum((r) => (r.kind === 'crash' ? 1 : 0)), partition: sum((r) => (r.kind === 'partition' ? 1 : 0)) },
      servers_affected: sum((r) => r.affected.length),
      detect_s: spreadOf(times((r) => r.detect)),
      fence_s: { ...spreadOf(fences), fenced: fences.count },
      evacuate_s: { ...spreadOf(evacuations), evacuated: evacuations.count },
      not_evacuated: sum((r) => r.notEvacuated),
      ephemeral_lost_gb: rounded(sum((r) => r.ephemeralLostGb), SECONDS_PLACES),
      split_brain: {
        intervals: sum((r) => r.splitBrainIntervals),
        seconds: rounded(sum((r) => r.splitBrainSeconds + (openSeconds.get(r) ?? 0)), SECONDS_PLACES),
        data_at_risk_gb: rounded(sum((r) => r.dataAtRiskGb), SECONDS_PLACES),
      },
      repair_s: spreadOf(times((r) => r.repair)),
    };
  }

  #begin(fact: HostFact): void {
    const host = this.inventory.host(fact.host);
    // host.servers also lists servers that only keep a claim here (mid-move, evacuated away).
    const on = [...host.servers].map((id) => this.inventory.servers[id]!).filter((s) => s.host === host.id && s.deletedAt === null);
    const record: FailureRecord = {
      host: host.id,
      kind: fact.action === 'fail_host' ? 'crash' : 'partition',
      at: fact.time,
      affected: on.map((s) => s.id),
      detect: null,
      fence: null,
      repair: null,
      evacuations: [],
      notEvacuated: 0,
      ephemeralLostGb: 0,
      splitBrainIntervals: 0,
      splitBrainSeconds: 0,
      dataAtRiskGb: 0,
    };
    this.#records.push(record);
    this.#open.set(host.id, record);
    for (const s of on) this.#affected.set(s.id, { record, lostGb: s.ephemeralLostGb, outcome: 'pending' });
  }
}
