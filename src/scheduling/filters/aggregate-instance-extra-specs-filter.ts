import type { Aggregate } from '../../model/aggregate.js';
import { matchExtraSpec } from './extra-specs-ops.js';
import type { HostFilter } from './types.js';

const SCOPE = 'aggregate_instance_extra_specs';

/**
 * AggregateInstanceExtraSpecsFilter: pins flavors to aggregates. Every extra
 * spec of the flavor that is unscoped or in the `aggregate_instance_extra_specs:`
 * scope must match one of the values the host's aggregates give that key
 * (comma-separated values count one by one). Other scopes are ignored.
 */
export const aggregateInstanceExtraSpecsFilter: HostFilter = {
  name: 'AggregateInstanceExtraSpecsFilter',
  prepare(request) {
    const specs = Object.entries(request.flavor.extraSpecs ?? {}).flatMap(([key, spec]) => {
      const colon = key.indexOf(':');
      if (colon < 0) return [[key, spec] as const];
      return key.slice(0, colon) === SCOPE ? [[key.slice(colon + 1), spec] as const] : [];
    });
    if (specs.length === 0) return null;
    return {
      kind: 'class',
      passes: (c) => {
        const metadata = metadataOf(c.aggregates);
        return specs.every(([key, spec]) => [...(metadata.get(key) ?? [])].some((value) => matchExtraSpec(value, spec)));
      },
    };
  },
};

/** Each metadata key of the host's aggregates with the set of values they give it. */
function metadataOf(aggregates: readonly Aggregate[]): Map<string, Set<string>> {
  const metadata = new Map<string, Set<string>>();
  for (const aggregate of aggregates) {
    for (const [key, value] of Object.entries(aggregate.metadata)) {
      const values = metadata.get(key) ?? new Set<string>();
      for (const v of value.split(',')) values.add(v.trim());
      metadata.set(key, values);
    }
  }
  return metadata;
}
