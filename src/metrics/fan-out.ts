import type { BuildFailureFact, HostFact, MigrationFact, PlacementFact, ServerFact, Telemetry } from '../model/telemetry.js';

/** One Telemetry that forwards every fact to each listener in order: the cloud takes a single listener. */
export function fanOut(...listeners: readonly Telemetry[]): Telemetry {
  return {
    server(fact: ServerFact): void {
      for (const l of listeners) l.server(fact);
    },
    host(fact: HostFact): void {
      for (const l of listeners) l.host(fact);
    },
    placement(fact: PlacementFact): void {
      for (const l of listeners) l.placement(fact);
    },
    buildFailure(fact: BuildFailureFact): void {
      for (const l of listeners) l.buildFailure(fact);
    },
    migration(fact: MigrationFact): void {
      for (const l of listeners) l.migration(fact);
    },
  };
}
