import type { Inventory } from '../../model/inventory.js';
import type { PolicyName, SchedulerConfig } from '../config.js';
import { PLACEMENT_RAM } from '../features.js';
import type { PlacementPolicy } from '../policy.js';
import { featureScorer, SAME_SCORE } from '../scorer.js';
import { randomPolicy } from './random.js';
import { rankedPolicy } from './ranked.js';
import { roundRobinPolicy } from './round-robin.js';
import { weighedPolicy } from './weighed.js';

/** What a built-in policy is made from: the scheduler's options and the inventory its weighers follow. */
export type PolicyFactory = (config: SchedulerConfig, inventory: Inventory) => PlacementPolicy;

const RESOURCE_WEIGHERS = ['RAMWeigher', 'CPUWeigher', 'DiskWeigher'];

/**
 * The filter scheduler with the configured weighers, for pack and spread
 * with the resource weighers' multipliers made negative (stack: the
 * fullest host that fits) or positive (spread: the emptiest host).
 */
const weighed =
  (name: PolicyName, sign: 1 | -1 | null): PolicyFactory =>
  (config, inventory) => {
    const multipliers = Object.entries(config.weighers).map(([w, m]) => [w, sign !== null && RESOURCE_WEIGHERS.includes(w) ? sign * Math.abs(m) : m]);
    return weighedPolicy(name, Object.fromEntries(multipliers), config.hostSubsetSize, inventory);
  };

/**
 * The built-in policies by the names a scenario's scheduler.policy uses.
 * A researcher's module (policy: plugin) has the same shape; adding a
 * built-in is a file in this folder and a line here.
 */
export const POLICIES: Readonly<Record<PolicyName, PolicyFactory>> = {
  filter_scheduler: weighed('filter_scheduler', null),
  pack: weighed('pack', -1),
  spread: weighed('spread', 1),
  first_fit: () => rankedPolicy('first_fit', SAME_SCORE),
  // Best and worst fit compare the free RAM Placement counts (least first, or most first).
  best_fit: () => rankedPolicy('best_fit', featureScorer(PLACEMENT_RAM, -1)),
  worst_fit: () => rankedPolicy('worst_fit', featureScorer(PLACEMENT_RAM, 1)),
  random: () => randomPolicy(),
  round_robin: () => roundRobinPolicy(),
};
