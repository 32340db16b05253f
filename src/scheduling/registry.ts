import type { Inventory } from '../model/inventory.js';
import type { SchedulerConfig } from './config.js';
import { FILTERS } from './filters/index.js';
import { PlacementStage, type PlacementStreams } from './placement-stage.js';
import { POLICIES } from './policies/index.js';
import type { PlacementPolicy } from './policy.js';
import { NovaScheduler } from './scheduler.js';
import type { Scheduler } from './types.js';
import { WEIGHERS } from './weighers/index.js';

/** The filters a scenario may enable, by Nova's class names. */
export const FILTER_NAMES = Object.keys(FILTERS);

/** The weighers a scenario may enable, by Nova's class names (ProjectSpreadWeigher is novasim's own). */
export const WEIGHER_NAMES = Object.keys(WEIGHERS);

export interface SchedulerOptions {
  /** A researcher's policy, used when config.policy is 'plugin'. */
  readonly plugin?: PlacementPolicy;
  /** false: scan every host for every request (the reference the index is checked against). */
  readonly indexed?: boolean;
  /**
   * The run's named random streams: Placement's order is salted from
   * `placement-order` and randomize_allocation_candidates samples from
   * `placement-sample`. Without them both come from fixed seeds.
   */
  readonly streams?: PlacementStreams;
  /**
   * Another scheduler's host index to ask instead of keeping one: only for
   * requests among listed hosts (Placement does not limit them, so they
   * read the index's unlimited sets, the same for any config with the same
   * pre-filter). A move planner shares the cloud's and saves the upkeep of
   * a second index at every change of a host.
   */
  readonly shareIndexOf?: Scheduler;
}

/**
 * The scheduler a scenario asks for. Every policy runs behind Nova's
 * Placement query and enabled filters, so none breaks a server group's
 * hard rule; they differ in how they choose among the hosts that pass.
 */
export function makeScheduler(config: SchedulerConfig, inventory: Inventory, options: SchedulerOptions = {}): Scheduler {
  const filters = config.filters.map((name) => {
    const filter = FILTERS[name];
    if (filter === undefined) throw new Error(`unknown filter ${name}; known: ${FILTER_NAMES.join(', ')}`);
    return filter;
  });
  const policy = config.policy === 'plugin' ? loaded(options.plugin) : POLICIES[config.policy](config, inventory);
  const placement = PlacementStage.of(config, options.streams);
  const shared = options.shareIndexOf instanceof NovaScheduler ? options.shareIndexOf.hostIndex : null;
  return new NovaScheduler(inventory, filters, policy, config.maxAttempts, placement, shared ?? options.indexed ?? true);
}

function loaded(policy: PlacementPolicy | undefined): PlacementPolicy {
  if (policy === undefined) throw new Error('scheduler policy plugin needs a loaded module');
  return policy;
}
