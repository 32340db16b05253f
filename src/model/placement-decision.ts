import type { HostId } from './ids.js';

/** One filter's effect, as Nova's scheduler logs it: "RamFilter: 412 -> 3". */
export interface FilterCount {
  readonly filter: string;
  readonly before: number;
  readonly after: number;
  /**
   * Placement's stage only, and only when max_placement_results cut the
   * candidates: how many hosts were viable, of which `after` were kept.
   */
  readonly viable?: number;
}

/** A weighed host: its total weight and each weigher's share (multiplier x normalised weight). */
export interface WeighedHost {
  readonly host: HostId;
  readonly weight: number;
  readonly parts: Readonly<Record<string, number>>;
}

/**
 * What the scheduler decided for one request and why: the candidates it
 * started from, what each filter removed, the best weighed hosts, the
 * chosen host and the alternates kept for reschedules.
 */
export interface PlacementDecision {
  readonly policy: string;
  readonly hosts: number;
  readonly filters: readonly FilterCount[];
  readonly top: readonly WeighedHost[];
  readonly chosen: HostId | null;
  readonly alternates: readonly HostId[];
}

/** Nova's NoValidHost message. */
export const NO_VALID_HOST = 'No valid host was found. There are not enough hosts available.';

/**
 * The filter counts as one line, e.g. "Placement: 10000 -> 1000 (limited
 * from 8500 viable), ComputeFilter: 1000 -> 998, ...".
 */
export const filterTrail = (filters: readonly FilterCount[]): string =>
  filters.map((f) => `${f.filter}: ${f.before} -> ${f.after}${f.viable === undefined ? '' : ` (limited from ${f.viable} viable)`}`).join(', ');

/** The filter that left no host, or '' when some host passed every filter. */
export function eliminatingFilter(decision: PlacementDecision): string {
  const last = decision.filters.at(-1);
  return last !== undefined && last.after === 0 ? last.filter : '';
}
