import type { AggregateId } from './ids.js';

/** Nova's default_availability_zone: the zone of a host in no zoned aggregate. */
export const DEFAULT_AVAILABILITY_ZONE = 'nova';

/**
 * A host aggregate: a named set of hosts with metadata. An availability zone
 * is an aggregate whose metadata sets `availability_zone`; flavors are pinned
 * to aggregates by matching their extra specs against the metadata
 * (AggregateInstanceExtraSpecsFilter).
 */
export interface Aggregate {
  readonly id: AggregateId;
  readonly name: string;
  readonly metadata: Readonly<Record<string, string>>;
}

export const availabilityZoneOf = (aggregates: readonly Aggregate[]): string =>
  aggregates.find((a) => a.metadata['availability_zone'] !== undefined)?.metadata['availability_zone'] ?? DEFAULT_AVAILABILITY_ZONE;
