import type { Inventory } from '../model/inventory.js';
import type { SchedulerConfig } from './config.js';
import { FILTERS } from './filters/index.js';
import type { PlacementPolicy } from './plugin.js';
import { BEST_FIT, NovaScheduler, WORST_FIT, type Choice } from './scheduler.js';
import { SAME_SCORE } from './scorer.js';
import type { Scheduler } from './types.js';
import { WEIGHERS } from './weighers/index.js';
import { configureWeigher, type ConfiguredWeigher } from './weighing.js';

/** The filters a scenario may enable, by Nova's class names. */
export const FILTER_NAMES = Object.keys(FILTERS);

/** The weighers a scenario may enable, by Nova's class names (ProjectSpreadWeigher is novasim's own). */
export const WEIGHER_NAMES = Object.keys(WEIGHERS);

const RESOURCE_WEIGHERS = ['RAMWeigher', 'CPUWeigher', 'DiskWeigher'];

/**
 * The pack and spread presets: the configured weighers, with the resource
 * weighers' multipliers made negative (stack: the fullest host that fits)
 * or positive (spread: the emptiest host).
 */
function signed(weighers: Readonly<Record<string, number>>, sign: 1 | -1): Record<string, number> {
  return Object.fromEntries(Object.entries(weighers).map(([name, m]) => [name, RESOURCE_WEIGHERS.includes(name) ? sign * Math.abs(m) : m]));
}

export interface SchedulerOptions {
  /** A researcher's policy, used when config.policy is 'plugin'. */
  readonly plugin?: PlacementPolicy;
  /** false: scan every host for every request (the reference the index is checked against). */
  readonly indexed?: boolean;
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
  const weighed = (multipliers: Readonly<Record<string, number>>): Choice => ({
    kind: 'weighed',
    weighers: configuredWeighers(multipliers, inventory),
    hostSubsetSize: config.hostSubsetSize,
  });
  const choice: Choice =
    config.policy === 'filter_scheduler' ? weighed(config.weighers)
    : config.policy === 'spread' ? weighed(signed(config.weighers, 1))
    : config.policy === 'pack' ? weighed(signed(config.weighers, -1))
    : config.policy === 'first_fit' ? { kind: 'ranked', scorer: SAME_SCORE }
    : config.policy === 'best_fit' ? { kind: 'ranked', scorer: BEST_FIT }
    : config.policy === 'worst_fit' ? { kind: 'ranked', scorer: WORST_FIT }
    : config.policy === 'random' ? { kind: 'random' }
    : config.policy === 'round_robin' ? { kind: 'round_robin' }
    : pluginChoice(options.plugin);
  const name = choice.kind === 'plugin' ? choice.policy.name : config.policy;
  return new NovaScheduler(name, inventory, filters, choice, config.maxAttempts, options.indexed ?? true);
}

function configuredWeighers(multipliers: Readonly<Record<string, number>>, inventory: Inventory): ConfiguredWeigher[] {
  return Object.entries(multipliers).map(([name, multiplier]) => {
    const weigher = WEIGHERS[name];
    if (weigher === undefined) throw new Error(`unknown weigher ${name}; known: ${WEIGHER_NAMES.join(', ')}`);
    return configureWeigher(weigher, multiplier, inventory);
  });
}

function pluginChoice(policy: PlacementPolicy | undefined): Choice {
  if (policy === undefined) throw new Error('scheduler policy plugin needs a loaded module');
  return { kind: 'plugin', policy };
}
