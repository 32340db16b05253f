/**
 * Ceilings on the work a scenario implies, checked before anything runs.
 * A file of a few hundred bytes can ask for twenty million hosts or a
 * billion arrivals a second; without a ceiling it would build, run and
 * write until the machine gives out. The estimates are deliberately rough
 * (expected values, generous per-server costs): they stop runaway inputs,
 * they do not predict a run. A real scenario over a ceiling raises it in
 * its `run_limits:` section or with `--set run_limits.<name>=<value>`,
 * which every refusal names.
 */
import { def, num, obj, type Issue, type Path } from './spec.js';

export const RUN_LIMIT_DEFAULTS = {
  /** Hosts in the cloud: a region of 10,000 twenty times over. */
  max_hosts: 200_000,
  /** Servers the run may create (workload arrivals and create actions): five region-months. */
  max_servers: 5_000_000,
  /** Rows of timeseries.csv: duration / metrics.sample_interval. */
  max_samples: 1_000_000,
  /** Simulation events, estimated: about a quarter of an hour of work at a million events a second. */
  max_events: 1_000_000_000,
  /** Wall seconds a plug-in policy's select() may take for one request before the run is stopped. */
  plugin_call_seconds: 10,
  /** Wall seconds a plug-in module may take to load. */
  plugin_load_seconds: 60,
} as const;

export type RunLimits = { -readonly [K in keyof typeof RUN_LIMIT_DEFAULTS]: number };

const ceiling = (value: number, what: string) => def(num({ min: 1 }), value, `${what} (default ${value.toLocaleString('en-US')})`);

export const runLimitsSpec = obj({
  max_hosts: ceiling(RUN_LIMIT_DEFAULTS.max_hosts, 'most hosts the cloud may have'),
  max_servers: ceiling(RUN_LIMIT_DEFAULTS.max_servers, 'most servers the run may create, estimated from the workload and the actions'),
  max_samples: ceiling(RUN_LIMIT_DEFAULTS.max_samples, 'most rows of timeseries.csv (duration / metrics.sample_interval)'),
  max_events: ceiling(RUN_LIMIT_DEFAULTS.max_events, 'most simulation events, estimated'),
  plugin_call_seconds: ceiling(RUN_LIMIT_DEFAULTS.plugin_call_seconds, "wall seconds a plug-in policy's select() may take for one request"),
  plugin_load_seconds: ceiling(RUN_LIMIT_DEFAULTS.plugin_load_seconds, 'wall seconds a plug-in module may take to load'),
});

/** Events a server's life costs, at most: its build steps, its delete, its moves and the rows about it. */
const EVENTS_PER_SERVER = 40;
/** Events a host failure costs besides its servers: detection, fencing, repair, recovery. */
const EVENTS_PER_FAILURE = 20;
const DAY = 86_400;
const WEEK = 7 * DAY;

/** A generated workload as the estimate reads it. */
interface GeneratedShape {
  readonly start: number;
  readonly end?: number | undefined;
  readonly arrivals:
    | { readonly process: 'poisson'; readonly rate: number }
    | { readonly process: 'schedule'; readonly at?: readonly number[] | undefined; readonly every?: number | undefined; readonly count?: number | undefined; readonly start: number };
  readonly pattern?: { readonly hourly?: readonly number[] | undefined; readonly weekly?: readonly number[] | undefined } | undefined;
  readonly behaviour?: { readonly stop_at_night?: unknown; readonly shelve_at_weekends?: unknown } | undefined;
}

/** The parts of a scenario the estimate reads (it runs on a parsed scenario before the cross-checks). */
export interface WorkShape {
  readonly duration: number;
  readonly metrics: { readonly sample_interval: number };
  /** Host entries: one host each, or `count` of them. */
  readonly hosts: readonly object[];
  /** Generated workloads, and replayed traces (with `count` when the file gives it). */
  readonly workload: readonly (GeneratedShape | { readonly trace: { readonly format: string; readonly count?: number | undefined } })[];
  readonly actions: readonly { readonly action: string }[];
  readonly failures: {
    readonly hosts?: { readonly mtbf: number } | undefined;
    readonly domains: readonly { readonly mtbf: number; readonly name_prefix?: string | undefined }[];
  };
  readonly operator: { readonly optimisation?: { readonly every: number; readonly migration_budget: number } | undefined };
  readonly run_limits: RunLimits;
}

/** What a scenario's trace files hold, counted when they are read through: servers they create and requests a log replays. */
export interface TraceWork {
  readonly servers: number;
  readonly requests: number;
}

/** The estimated size of a run: what each ceiling is compared with. */
export interface WorkEstimate {
  readonly hosts: number;
  readonly servers: number;
  readonly samples: number;
  readonly events: number;
}

const mean = (values: readonly number[] | undefined): number =>
  values === undefined || values.length === 0 ? 1 : values.reduce((a, b) => a + b, 0) / values.length;

/** Expected arrivals of one workload entry over its window. */
function arrivalsOf(w: GeneratedShape, duration: number): number {
  const window = Math.max(0, Math.min(w.end ?? duration, duration) - w.start);
  const a = w.arrivals;
  if (a.process === 'poisson') return a.rate * window * mean(w.pattern?.hourly) * mean(w.pattern?.weekly);
  if (a.at !== undefined) return a.at.length;
  if (a.count !== undefined) return a.count;
  // A burst (every: 0) without a count is refused by the cross-checks; it counts nothing here.
  return a.every === undefined || a.every === 0 ? 0 : Math.floor(Math.max(0, window - a.start) / a.every) + 1;
}

/** Events a server's habits add over the run: a stop and a start a day, a shelve and an unshelve a week. */
function habitEvents(w: GeneratedShape, duration: number): number {
  const nightly = w.behaviour?.stop_at_night === undefined ? 0 : (2 * duration) / DAY;
  const weekly = w.behaviour?.shelve_at_weekends === undefined ? 0 : (2 * duration) / WEEK;
  return (nightly + weekly) * 4; // each a request with a few steps
}

/**
 * The size of the run the scenario implies. Before its trace files are
 * read, a trace counts the servers its `count` names; once they are
 * (`traces`), what they hold: a request log's rows cost what as many
 * `actions:` entries do, a trace's servers what generated ones do.
 */
export function estimateWork(s: WorkShape, traces?: TraceWork): WorkEstimate {
  const hosts = s.hosts.reduce((n, h) => n + ('count' in h && typeof h.count === 'number' ? h.count : 1), 0);
  let servers = s.actions.filter((a) => a.action === 'create').length;
  let events = s.actions.length * EVENTS_PER_SERVER;
  if (traces !== undefined) {
    servers += traces.servers;
    events += (traces.requests + traces.servers) * EVENTS_PER_SERVER;
  }
  for (const w of s.workload) {
    if ('trace' in w) {
      if (traces === undefined) servers += w.trace.count ?? 0;
      continue;
    }
    const arrivals = arrivalsOf(w, s.duration);
    servers += arrivals;
    events += arrivals * (EVENTS_PER_SERVER + habitEvents(w, s.duration));
  }
  const samples = Math.floor(s.duration / s.metrics.sample_interval) + 1;
  const hostFailures = s.failures.hosts === undefined ? 0 : (hosts * s.duration) / s.failures.hosts.mtbf;
  // A name_prefix entry stands for up to every domain the hosts name: a host group with hosts_per_domain names ceil(count / it).
  const domains = s.hosts.reduce((n: number, h) => n + domainCount(h), 0);
  const domainFailures = s.failures.domains.reduce((n, d) => n + ((d.name_prefix === undefined ? 1 : domains) * s.duration) / d.mtbf, 0);
  const optimisation = s.operator.optimisation;
  const moves = optimisation === undefined ? 0 : (s.duration / optimisation.every) * (optimisation.migration_budget + 1);
  events += samples + (hostFailures + domainFailures) * EVENTS_PER_FAILURE + moves * EVENTS_PER_SERVER;
  return { hosts, servers, samples, events };
}

function domainCount(h: object): number {
  if (!('failure_domain' in h) || h.failure_domain === undefined) return 0;
  const count = 'count' in h && typeof h.count === 'number' ? h.count : 1;
  return 'hosts_per_domain' in h && typeof h.hosts_per_domain === 'number' ? Math.ceil(count / h.hosts_per_domain) : 1;
}

const shown = (n: number): string => (n >= 1e15 ? n.toExponential(2) : Math.round(n).toLocaleString('en-US'));

/**
 * One issue per ceiling the scenario's estimated work passes, naming the
 * estimate, the ceiling and how to raise it.
 */
export function checkWork(s: WorkShape, traces?: TraceWork): Issue[] {
  const estimate = estimateWork(s, traces);
  const checks: [keyof WorkEstimate, keyof RunLimits, Path, string][] = [
    ['hosts', 'max_hosts', ['hosts'], 'hosts'],
    ['servers', 'max_servers', ['workload'], 'servers created (expected, from the workload and the actions)'],
    ['samples', 'max_samples', ['duration'], 'timeseries rows (duration / metrics.sample_interval)'],
    ['events', 'max_events', ['duration'], 'simulation events (estimated)'],
  ];
  const issues: Issue[] = [];
  for (const [measure, limit, path, what] of checks) {
    const value = estimate[measure];
    const most = s.run_limits[limit];
    if (value > most) {
      issues.push({
        path,
        message: `this scenario implies ${shown(value)} ${what}, over the ceiling of ${shown(most)} (run_limits.${limit}); if that is meant, raise it in the scenario's run_limits: section or with --set run_limits.${limit}=<n>`,
      });
    }
  }
  return issues;
}
