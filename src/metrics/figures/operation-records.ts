/**
 * The records OperationStats keeps while workflows run (a drain, an
 * optimisation run, the rolling update), and how each is summed up for
 * summary.json's `operations`.
 */
import type { Workflow } from '../../cloud/fact-names.js';
import type { HostId, ServerId } from '../../model/ids.js';
import { rounded } from '../format.js';
import { Tally } from '../instruments/tally.js';
import {
  noMoves, type DrainRow, type MaintenanceSummary, type MoveCounts, type MoveTally, type OptimisationRunRow, type RollingUpdateSummary,
} from './operation-summary.js';
import { spreadOf } from './spread.js';

export interface Drain extends MoveTally {
  readonly host: string;
  readonly purpose: Exclude<Workflow, 'optimisation'>;
  readonly start: number;
  end: number | null;
  outcome: DrainRow['outcome'];
  /** When it first stalled: every server that could move had moved or run out of attempts. */
  stalled: number | null;
  blocked: number;
  /** Servers still on the host when the drain ended (they stay: they do not run). */
  left: number;
  /** The optimisation run a consolidation drain belongs to. */
  readonly run: Run | null;
}

export interface Run extends MoveTally {
  readonly start: number;
  end: number | null;
  poweredOff: number;
  readonly before: { readonly load: number; readonly inUse: number };
  after: { readonly load: number; readonly inUse: number } | null;
}

export interface Rolling {
  readonly start: number;
  end: number | null;
  readonly updated: Set<HostId>;
  readonly drains: Drain[];
  /** Servers migrated at least once by the rolling update's drains. */
  readonly moved: Set<ServerId>;
}

export function addMoves(total: MoveTally, t: MoveTally): MoveTally {
  return { live: total.live + t.live, cold: total.cold + t.cold, offloaded: total.offloaded + t.offloaded, failed: total.failed + t.failed };
}

/** A tally as summary.json shows it: migrations (live + cold) first. */
export const movesOf = (t: MoveTally): MoveCounts => ({ migrations: t.live + t.cold, live: t.live, cold: t.cold, offloaded: t.offloaded, failed_moves: t.failed });

export function drainSummary(drains: readonly Drain[]): MaintenanceSummary {
  const done = drains.filter((d) => d.outcome === 'drained');
  return {
    drains: drains.length,
    emptied: done.filter((d) => d.left === 0).length,
    duration_s: spreadOf(Tally.of(done.map((d) => d.end! - d.start))),
    ...movesOf(drains.reduce((t, d) => addMoves(t, d), noMoves())),
    blocked: drains.reduce((n, d) => n + d.blocked, 0),
    hosts: drains.map(drainRow),
  };
}

function drainRow(d: Drain): DrainRow {
  return {
    host: d.host, start_s: rounded(d.start, 3), duration_s: d.end === null ? null : rounded(d.end - d.start, 3), outcome: d.outcome,
    stalled_after_s: d.stalled === null ? null : rounded(d.stalled - d.start, 3),
    migrations: d.live + d.cold, failed_moves: d.failed, blocked: d.blocked, left_on_host: d.left,
  };
}

export function rollingSummary(r: Rolling, hosts: number): RollingUpdateSummary {
  const totals = r.drains.reduce((t, d) => addMoves(t, d), noMoves());
  const drained = r.drains.filter((d) => d.end !== null);
  return {
    hosts, updated: r.updated.size, start_s: rounded(r.start, 3), duration_s: r.end === null ? null : rounded(r.end - r.start, 3),
    ...movesOf(totals),
    servers_moved: r.moved.size,
    left_on_hosts: drained.reduce((n, d) => n + d.left, 0),
    drain_s: spreadOf(Tally.of(drained.map((d) => d.end! - d.start))),
  };
}

export function runRow(r: Run): OptimisationRunRow {
  return {
    start_s: rounded(r.start, 3), duration_s: r.end === null ? null : rounded(r.end - r.start, 3), migrations: r.live + r.cold, failed_moves: r.failed,
    hosts_powered_off: r.poweredOff, max_ram_load_before: rounded(r.before.load, 4), max_ram_load_after: r.after === null ? null : rounded(r.after.load, 4),
    hosts_in_use_before: r.before.inUse, hosts_in_use_after: r.after?.inUse ?? null,
  };
}
