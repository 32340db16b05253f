/** Metrics: figures that listen to the run's facts, and the output files they feed. Pure: the run layer supplies the sinks. */
export { memorySink, type MemorySink, type TextSink } from './writers/text-sink.js';
export { decimal, optionalDecimal, rounded } from './format.js';
export { CsvWriter, DEFAULT_BATCH_ROWS } from './writers/csv-writer.js';
export { EventLog, EVENT_COLUMNS } from './writers/events-csv.js';
export { Level } from './instruments/level.js';
export { nearestRank, Tally } from './instruments/tally.js';
export { spreadOf, type Spread } from './figures/spread.js';
export { RunStats, type RequestCounts } from './figures/run-stats.js';
export { PlacementStats, type PlacementSummary, type PurposeCounts } from './figures/placement-stats.js';
export {
  PlacementLog,
  type BuildFailureRecord,
  type PlacementLogLine,
  type PlacementRecord,
  type WeighedRecord,
} from './writers/placement-log.js';
export { Headroom } from './figures/headroom.js';
export { CoLocation } from './figures/co-location.js';
export { Availability, type ServerAvailability } from './figures/availability.js';
export { FailureStats, type FailureKind, type FailureRecord, type FailureSummary } from './figures/failure-stats.js';
export { SpareCapacity, type N1Spare, type SpareCapacitySummary, type SpareRecord } from './figures/spare-capacity.js';
export { Sampler, timeseriesColumns, type SampleColumns } from './writers/sampler.js';
export { hostWatts, powerUtilisation, wattsAt, type PowerModel } from './figures/power-model.js';
export { Energy, type EnergySummary } from './figures/energy.js';
export { Charging, hourlyCost, type ChargingRates, type CostSummary, type StatusRate } from './figures/charging.js';
export { OperationStats } from './figures/operation-stats.js';
export { MigrationLog, MIGRATION_COLUMNS } from './writers/migrations-csv.js';
export { MigrationStats, type MigrationSummary, type MoveKindSummary } from './figures/migration-stats.js';
export type * from './figures/operation-summary.js';
export { serversJson } from './writers/servers-json.js';
export { limitsJson, type ProjectLimits } from './writers/limits-json.js';
export { filesJson } from './writers/files-json.js';
export { utilisationOf, type Utilisation } from './figures/utilisation.js';
export {
  HOST_COLUMNS,
  SERVER_COLUMNS,
  hostsCsv,
  serversCsv,
  writeHostsCsv,
  writeServersCsv,
} from './writers/final-tables.js';
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
} from './writers/summary.js';
