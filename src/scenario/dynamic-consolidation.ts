import type { Rng } from '../engine/random.js';
import type { ConsolidationPolicy } from '../operator/dynamic/plan-round.js';
import { interQuartileRange, medianAbsoluteDeviation } from '../operator/dynamic/overload/adaptive-threshold.js';
import type { OverloadDetector } from '../operator/dynamic/overload/detector.js';
import { localRegression } from '../operator/dynamic/overload/local-regression.js';
import { staticThreshold } from '../operator/dynamic/overload/static-threshold.js';
import { maximumCorrelation } from '../operator/dynamic/selection/maximum-correlation.js';
import { minimumMigrationTime } from '../operator/dynamic/selection/minimum-migration-time.js';
import { minimumUtilisation } from '../operator/dynamic/selection/minimum-utilisation.js';
import { randomSelection } from '../operator/dynamic/selection/random-selection.js';
import type { ServerSelector } from '../operator/dynamic/selection/selector.js';
import { bool, def, duration, num, obj, oneOf, opt, type Issue, type Path, type Spec } from './spec.js';

/**
 * The `dynamic_consolidation:` settings of the operator: Beloglazov and
 * Buyya's policies, a round every scheduling interval. `model` says whose
 * cloud the rounds run in. The one there is today is cloudsim: the setting
 * of CloudSim 3.0.3's examples, to compare with its figures: rounds at
 * k x interval + offset (its 0.1 s), servers created by PABFD (first fit for
 * NPA and DVFS) asking for their whole flavor, RAM claimed only at creation
 * (CPU-only packing afterwards), CloudSim's migration time (RAM over half
 * the host's bandwidth) and 10 % CPU cost, energy by its trapezoid from the
 * last update (free from 0 %, NPA at peak), pooled SLA figures, and a
 * server asking for exactly nothing deleted (CloudSim counts it finished:
 * 532 of the 1052 PlanetLab servers of 2011-03-03 go so). Model nova
 * runs the same policies in novasim's own cloud: Nova's servers with a CPU
 * demand, Nova's scheduler and claims, pre-copy live migrations through the
 * API, idle servers staying, empty hosts switched off as the nightly
 * optimisation switches them off (operator/dynamic/nova-consolidation.ts);
 * docs/consolidation.md compares the two.
 */

export const POLICIES = ['npa', 'dvfs', 'thr', 'iqr', 'mad', 'lr', 'lrr'] as const;
export type PolicyName = (typeof POLICIES)[number];
export const SELECTIONS = ['mmt', 'mu', 'mc', 'rs'] as const;
/** Whose cloud the rounds run in. */
export const MODELS = ['cloudsim', 'nova'] as const;

/** The parameter each detector runs with when the scenario gives none: the values of CloudSim's examples. */
export const DEFAULT_PARAMETERS: Readonly<Record<Exclude<PolicyName, 'npa' | 'dvfs'>, number>> = { thr: 0.8, iqr: 1.5, mad: 2.5, lr: 1.2, lrr: 1.2 };

export const dynamicConsolidationSpec = obj({
  policy: def(oneOf(POLICIES), 'thr' as PolicyName, 'npa and dvfs: baselines without migrations (every host at peak power; power following load, empty hosts off); thr, iqr, mad, lr, lrr: overload detection'),
  parameter: opt(num({ min: 0 }), 'thr: the utilisation threshold; iqr, mad, lr, lrr: the safety parameter (defaults 0.8, 1.5, 2.5, 1.2, 1.2)'),
  selection: def(oneOf(SELECTIONS), 'mmt' as (typeof SELECTIONS)[number], 'which server leaves an overloaded host: mmt (least RAM), mu (least utilised), mc (most correlated), rs (random, from the stream consolidation/rs)'),
  fallback_threshold: def(num({ min: 0, max: 1 }), 0.7, 'the THR threshold iqr, mad, lr and lrr use while a host has too little history (default 0.7)'),
  interval: def(duration({ min: 1 }), 300, 'the scheduling interval: one round every interval (default 5m)'),
  offset: def(duration(), 0.1, "seconds after each interval's start the round runs at (CloudSim: 0.1)"),
  model: def(
    oneOf(MODELS),
    'cloudsim' as (typeof MODELS)[number],
    "cloudsim: CloudSim 3.0.3's setting, to compare with its figures (a planetlab trace's servers, held by the consolidation alone); nova: novasim's own, the policies moving Nova's servers by live migration beside everything else",
  ),
  power_off_empty: opt(bool(), 'model nova: switch hosts left empty off at each round, keeping min_headroom (default true)'),
  min_headroom: opt(num({ min: 0, integer: true }), "model nova: servers of the largest flavor that must still fit on the hosts in service; below it a switched-off host is switched on again (default 1; the nightly optimisation's when it switches hosts off too)"),
});


export type DynamicConsolidation = typeof dynamicConsolidationSpec extends Spec<infer T> ? T : never;

/** A parameter a policy can use: a threshold within (0, 1]; none for the baselines; each model's own fields. */
export function checkDynamicConsolidation(d: DynamicConsolidation, at: Path): Issue[] {
  if (d.model === 'cloudsim')
    for (const field of ['power_off_empty', 'min_headroom'] as const)
      if (d[field] !== undefined) return [{ path: [...at, field], message: `'${field}' applies to model nova only (model cloudsim counts a host at 0 % as switched off)` }];
  if (d.model === 'nova' && d.policy === 'npa')
    return [{ path: [...at, 'policy'], message: "npa is CloudSim's accounting (every host at peak power all the time) and runs under model cloudsim only; under model nova, dvfs shares CPU and moves nothing" }];
  if ((d.policy === 'npa' || d.policy === 'dvfs') && d.parameter !== undefined)
    return [{ path: [...at, 'parameter'], message: `'parameter' does not apply to ${d.policy}, which migrates nothing` }];
  if (d.policy === 'thr' && d.parameter !== undefined && !(d.parameter > 0 && d.parameter <= 1))
    return [{ path: [...at, 'parameter'], message: `expected a threshold above 0 and at most 1, got ${d.parameter}` }];
  return [];
}

/** The policy as results name it: NPA, DVFS, THR-MMT-0.8, LRR-MC-1.2 (CloudSim's experiment names, upper-cased). */
export function policyLabel(d: DynamicConsolidation): string {
  if (d.policy === 'npa' || d.policy === 'dvfs') return d.policy.toUpperCase();
  return `${d.policy.toUpperCase()}-${d.selection.toUpperCase()}-${d.parameter ?? DEFAULT_PARAMETERS[d.policy]}`;
}

/** What the round needs from the run: how long moving RAM off a host takes (LR's horizon), and RS's stream. */
export interface PolicyContext {
  readonly migrationSeconds: (ramMb: number) => number;
  readonly rsStream: () => Rng;
}

/** The detector and selector of a consolidating policy; null for the baselines, which plan no moves. */
export function consolidationPolicyOf(d: DynamicConsolidation, context: PolicyContext): ConsolidationPolicy | null {
  if (d.policy === 'npa' || d.policy === 'dvfs') return null;
  return { detector: detectorOf(d.policy, d.parameter ?? DEFAULT_PARAMETERS[d.policy], d, context), selector: selectorOf(d.selection, context) };
}

function detectorOf(policy: Exclude<PolicyName, 'npa' | 'dvfs'>, parameter: number, d: DynamicConsolidation, context: PolicyContext): OverloadDetector {
  const fallback = staticThreshold(d.fallback_threshold);
  switch (policy) {
    case 'thr':
      return staticThreshold(parameter);
    case 'iqr':
      return interQuartileRange(parameter, fallback);
    case 'mad':
      return medianAbsoluteDeviation(parameter, fallback);
    case 'lr':
    case 'lrr':
      return localRegression({ safety: parameter, interval: d.interval, migrationSeconds: context.migrationSeconds, fallback }, policy === 'lrr');
  }
}

function selectorOf(selection: (typeof SELECTIONS)[number], context: PolicyContext): ServerSelector {
  switch (selection) {
    case 'mmt':
      return minimumMigrationTime();
    case 'mu':
      return minimumUtilisation();
    case 'mc':
      return maximumCorrelation(minimumMigrationTime());
    case 'rs':
      return randomSelection(context.rsStream());
  }
}
