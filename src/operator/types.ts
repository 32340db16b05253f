import type { Workflow } from '../cloud/fact-names.js';
import type { Host } from '../model/host.js';
import type { Server } from '../model/server.js';

/**
 * How an operator moves servers off a host, whatever the workflow
 * (maintenance, rolling update, consolidation).
 */
export interface DrainSettings {
  /** Moves one drain runs at once; 0 submits them all (the source compute then queues its live migrations). */
  readonly max_parallel_moves: number;
  /** Wait before a failed move (NoValidHost, a refusal) is tried again. */
  readonly retry_delay: number;
  /** Tries per server and drain, the first included; then the server is left where it is. */
  readonly max_attempts: number;
}

/** The rolling update of the whole cloud the seed describes, with a pool of empty hosts. */
export interface RollingUpdateSettings {
  /** When it begins (seconds from the start of the run). */
  readonly start: number;
  /** Hosts out of service at once: being drained or updated. */
  readonly pool_size: number;
  /** How long one host's update (and reboot) takes once it is empty. */
  readonly update_duration: number;
  /** Which host comes next: `file` (host order) or `least_loaded` (fewest servers then). */
  readonly order: 'file' | 'least_loaded';
  /** Stopped servers: cold-migrate them (`migrate`) or leave them through the reboot (`stay`). */
  readonly inactive: 'migrate' | 'stay';
}

/** Resource optimisation, run periodically with a migration budget. */
export interface OptimisationSettings {
  /** consolidate (fewest hosts), spread (least contention), or none. */
  readonly mode: 'consolidate' | 'spread' | 'none';
  /** Seconds between runs. */
  readonly every: number;
  /** The first run: seconds after midnight of day 0 (a time of day); then every `every`. */
  readonly at: number;
  /** Moves one run may start. */
  readonly migration_budget: number;
  /** consolidate: switch the hosts it empties off (else they stay in service, empty). */
  readonly power_off_empty: boolean;
  /** consolidate: servers of `headroom_flavor` that must still fit on the hosts in service; below it a host is switched back on. */
  readonly min_headroom: number;
  /** The flavor headroom is counted in (default: the one with the most RAM). */
  readonly headroom_flavor: string | undefined;
}

/** Why a host is drained: the workflow that asked (it names the workflow of the drain's facts). */
export type DrainPurpose = Exclude<Workflow, 'optimisation'>;

/**
 * Asks a scheduler, without claiming anything, which host it would choose
 * for moving `server`: among `only` when given, never the server's host nor
 * `ignore`. null when no host passes the filters. The composition root
 * builds it from the scenario's filters, so a host it names still has to
 * pass the real scheduler when the move is requested.
 */
export type MovePlanner = (server: Server, options: { readonly only?: readonly Host[]; readonly ignore?: readonly Host[] }) => Host | null;
