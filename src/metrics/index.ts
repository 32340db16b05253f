/** Metrics: Telemetry listeners and the output files they feed. Pure: the CLI supplies the sinks. */
export { memorySink, type MemorySink, type TextSink } from './text-sink.js';
export { decimal, optionalDecimal, rounded } from './format.js';
export { CsvWriter, DEFAULT_BATCH_ROWS } from './csv-writer.js';
export { fanOut } from './fan-out.js';
export { EventLog, EVENT_COLUMNS } from './events-csv.js';
export { DurationStats, nearestRank, type DurationSummary } from './duration-stats.js';
export { RunStats, type RequestCounts } from './run-stats.js';
export { PlacementStats, type PlacementSummary, type PurposeCounts } from './placement-stats.js';
export {
  PlacementLog,
  type BuildFailureRecord,
  type PlacementLogLine,
  type PlacementRecord,
  type WeighedRecord,
} from './placement-log.js';
export { Headroom } from './headroom.js';
export { CoLocation } from './co-location.js';
export { Availability, type ServerAvailability } from './availability.js';
export { FailureStats, spreadOf, type FailureKind, type FailureRecord, type FailureSummary, type Spread } from './failure-stats.js';
export { SpareCapacity, type N1Spare, type SpareCapacitySummary, type SpareRecord } from './spare-capacity.js';
export { Sampler, timeseriesColumns, type SampleColumns } from './sampler.js';
export { hostWatts, powerUtilisation, wattsAt, type PowerModel } from './power-model.js';
export { Energy, type EnergySummary } from './energy.js';
export { Charging, hourlyCost, type ChargingRates, type CostSummary, type StatusRate } from './charging.js';
export { OperationStats } from './operation-stats.js';
export { MigrationLog, MIGRATION_COLUMNS } from './migrations-csv.js';
export { MigrationStats, type MigrationSummary, type MoveKindSummary } from './migration-stats.js';
export type * from './operation-summary.js';
export { PROGRESS_STATUSES, serversJson, serverView } from './servers-json.js';
export { limitsJson, type ProjectLimits } from './limits-json.js';
export { filesJson } from './files-json.js';
export { utilisationOf, type Utilisation } from './utilisation.js';
export {
  HOST_COLUMNS,
  SERVER_COLUMNS,
  hostsCsv,
  serversCsv,
  writeHostsCsv,
  writeServersCsv,
} from './final-tables.js';
export {
  summarize,
  summaryJson,
  type ActionDurations,
  type AntiAffinity,
  type FailureMetrics,
  type Fragmentation,
  type MoneyMetrics,
  type Summary,
  type SummaryMeta,
} from './summary.js';
