import type { Rng } from '../engine/random.js';
import type { HostId, ProjectId } from '../model/ids.js';
import type { PlacementDecision } from '../model/placement-decision.js';
import type { Candidates } from './candidates.js';
import type { HostView, PlacementRequest } from './types.js';

/** What a policy may read besides the candidates. */
export interface PolicyContext {
  readonly now: number;
  /** The scheduler's own random stream: draw from it (never an ambient source) so runs repeat. */
  readonly rng: Rng;
  /** Every host of the cloud, in host order (candidates are a subset). */
  readonly hosts: readonly HostView[];
  /** How many of a project's servers a host holds. */
  projectServersOn(project: ProjectId, host: HostId): number;
}

/** A policy's answer: the chosen host (null: NoValidHost), alternates for reschedules, the best few weighed. */
export type Choice = Pick<PlacementDecision, 'chosen' | 'alternates' | 'top'>;

/**
 * A policy that reads the candidates as a list: the hosts that passed
 * Nova's enabled filters (room for the flavor, in service, zone, server
 * group rules), in host order. It returns one of them or null
 * (NoValidHost), with no alternates. This is the form a researcher's
 * module exports (as `default` or as `policy`).
 */
export interface ListPolicy {
  readonly name: string;
  select(request: PlacementRequest, candidates: readonly HostView[], context: PolicyContext): HostView | null;
}

/**
 * A policy that asks the candidates questions (the k best by a scorer,
 * the n-th, the first from a host on) rather than reading them all. The
 * scheduler answers them from its host index, without visiting every host,
 * or from a plain list (the reference, which decides the same). The
 * built-in policies take this form, and name alternates and weights.
 */
export interface IndexedPolicy {
  readonly name: string;
  choose(request: PlacementRequest, candidates: Candidates, context: PolicyContext): Choice;
}

/**
 * How a host is chosen among the candidates: one shape for the built-in
 * policies (registered by name in policies/index.ts) and the plug-ins
 * researchers write. Using the host index is the optional capability.
 */
export type PlacementPolicy = ListPolicy | IndexedPolicy;

/** Does the policy ask the candidates questions the host index can answer? */
export const isIndexed = (policy: PlacementPolicy): policy is IndexedPolicy => 'choose' in policy;
