/** novasim's public API for scripts and notebooks. */
export { loadScenario, type Loaded } from './scenario/validate.js';
export { runScenario, type RunScenarioOptions, type ScenarioResults } from './api/library.js';
export { OUTPUT_FILES, type OutputFiles, type OutputName } from './run/outputs/registry.js';
export {
  evaluateExpectations, resolveMetric, type Comparison, type Expectation, type ExpectationReport, type Verdict,
} from './scenario/expectations.js';
export { diffSummaries, flatten, type DiffRow } from './experiment/summary-diff.js';
export { scenarioJsonSchema } from './scenario/json-schema.js';
export { InputError, OperationError } from './run/input-error.js';
export type { Summary } from './run/outputs/summary-sections.js';
export { buildSimulation, type BuildOptions, type Simulation } from './scenario/build.js';
export type { LiveRun, RunEnd } from './metrics/run-end.js';
export type { Scenario } from './scenario/schema.js';
export { formatError, type ScenarioError } from './scenario/parse.js';
export { statusOf, STATUSES, type Status } from './lifecycle/status.js';
export { ACTIONS, type ActionRule } from './lifecycle/server-actions.js';
export { REQUESTS, type ActionName, type CreateRequest, type ServerRequest } from './lifecycle/requests.js';
export { admit, guard, type Admission, type SubmittedRequest } from './lifecycle/admit.js';
export type { AdmissionView } from './lifecycle/checks.js';
export type { Refusal } from './lifecycle/refusal.js';
export { NOVA_DEFAULTS, type NovaConfig } from './cloud/config.js';
export { memorySink, type TextSink } from './metrics/writers/text-sink.js';
export type { Choice, IndexedPolicy, ListPolicy, PlacementPolicy, PolicyContext } from './scheduling/policy.js';
export type { Candidates } from './scheduling/candidates.js';
export type { Scorer } from './scheduling/scorer.js';
export type { HostView, PlacementRequest } from './scheduling/types.js';
export type { PlacementDecision, FilterCount, WeighedHost } from './model/placement-decision.js';
export { POLICY_NAMES, SCHEDULER_DEFAULTS, type SchedulerConfig } from './scheduling/config.js';
export {
  precopy, downtimeSteps, allowedDowntimeMs, novaDataGb,
  type LiveMigrationCase, type LiveMigrationSettings, type PrecopyEnd, type PrecopyResult,
} from './migration/live-precopy.js';
export { coldCopy, type ColdCopyCase } from './migration/cold.js';
export { snapshotUpload, type SnapshotCase } from './migration/snapshot.js';
export type { Transfer } from './migration/transfer.js';
export type { Fact, MoveFact, MoveKind, MoveOutcome, Outcome, ServerFact, ServerState } from './cloud/facts.js';
export type { HostAction, OperatorAction, Workflow } from './cloud/fact-names.js';
