import type { RunEnd } from '../../metrics/run-end.js';
import type { ExpectationReport } from '../../scenario/expectations.js';
import type { Scenario } from '../../scenario/schema.js';
import type { Summary } from './summary-sections.js';

/** What run.json records about how the run was asked for. */
export interface RunInfo {
  /** The scenario file, as given. */
  readonly file: string;
  /** The overrides applied (`--set` texts, then a sweep's matrix point), as written. */
  readonly overrides: readonly string[];
  /** Write report.html. */
  readonly report: boolean;
}

/**
 * What the run layer's own files read: the run's end, its summary and the
 * verdicts on it, how the run was asked for and how long it took, and the
 * files it has written so far (report.html draws them).
 */
export interface RunRecord extends RunEnd {
  readonly summary: Summary;
  /** The scenario's `expect:` list; the verdicts on it, null when it is empty. */
  readonly expect: Scenario['expect'];
  readonly expectations: ExpectationReport | null;
  readonly info: RunInfo;
  readonly startedAt: Date;
  /** Wall-clock seconds the simulation took (run.json only). */
  readonly wallSeconds: number;
  /** A file this run has written already; undefined when there is none of that name. */
  read(name: string): string | undefined;
}
