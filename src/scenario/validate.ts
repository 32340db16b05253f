import type { FailureModel } from '../failures/types.js';
import { DEFAULT_DURATIONS } from '../cloud/durations.js';
import { parseAvailabilityZone } from '../lifecycle/availability-zone.js';
import { DEFAULT_AVAILABILITY_ZONE } from '../model/aggregate.js';
import { checkNetworks } from './network-checks.js';
import { applyOverrides, type Override } from './overrides.js';
import { fieldName, MAX_PROBLEMS, parseSource, type ScenarioError, type SourceDocument } from './parse.js';
import { checkWork } from './run-limits.js';
import { isTraceWorkload, scenarioSpec, type Scenario } from './schema.js';
import { checkConsolidation } from './consolidation-checks.js';
import { checkTraceFiles, tracePath, type TraceToCheck } from './trace-files.js';
import { actionsFileWorkload } from './trace-workload.js';
import { checkPowerAndCharging } from './power-and-charging.js';
import { checkOperatorWorkflows } from './operator-settings.js';
import { checkQuotaProjects } from './server-settings.js';
import { checkUsers } from './identity.js';
import { checkServed } from './served-spec.js';
import { INVALID, type Issue, type Path } from './spec.js';

export type Loaded =
  | { readonly ok: true; readonly scenario: Scenario }
  | { readonly ok: false; readonly errors: ScenarioError[]; readonly omitted: number };

/**
 * Scenario text -> a checked Scenario, or the problems found (the first
 * MAX_PROBLEMS of them, and how many more), each with the file, line, field
 * and what was expected. Nothing runs before this passes.
 */
/** A check a layer above adds to the scenario's own (the run layer's, of `outputs:` against its registry of files). */
export type ExtraCheck = (s: Scenario) => Issue[];

export function loadScenario(file: string, text: string, overrides: readonly Override[] = [], extra: readonly ExtraCheck[] = []): Loaded {
  const source = parseSource(file, text);
  if (Array.isArray(source)) return { ok: false, errors: source, omitted: 0 };
  return checkDocument(source, overrides, extra);
}

/**
 * A scenario given as a value (a library caller's object, as the file would
 * hold it): the same checks as text, with problems named by field, as there
 * are no lines to point at.
 */
export function loadScenarioValue(file: string, value: unknown, overrides: readonly Override[] = [], extra: readonly ExtraCheck[] = []): Loaded {
  return checkDocument({ file, value, locate: () => ({ line: 0, column: 0 }) }, overrides, extra);
}

/** Scenarios this module checked: the library runs them without checking again. */
const CHECKED = new WeakSet<object>();
export const isCheckedScenario = (value: unknown): value is Scenario => typeof value === 'object' && value !== null && CHECKED.has(value);

function checkDocument(source: SourceDocument, overrides: readonly Override[], extra: readonly ExtraCheck[]): Loaded {
  const { value, problems } = applyOverrides(source.value ?? {}, overrides);
  if (problems.length > 0) return { ok: false, errors: problems.map((message) => ({ file: source.file, line: 0, column: 0, field: '', message })), omitted: 0 };
  const issues: Issue[] = [];
  const parsed = scenarioSpec.parse(value, [], issues);
  if (parsed !== INVALID) {
    // The work estimate goes first: the cross-checks expand host groups, which a hostile count makes huge.
    const tooBig = checkWork(parsed);
    issues.push(...(tooBig.length > 0 ? tooBig : [...crossCheck(parsed), ...extra.flatMap((check) => check(parsed))]));
  }
  // Trace files are read through only once the scenario itself holds: their problems are located in them.
  const traceErrors = parsed !== INVALID && issues.length === 0 ? checkTraces(source.file, parsed, issues) : [];
  if (issues.length > 0 || traceErrors.length > 0) {
    // Only the problems shown are located: locating walks the YAML tree, and a file can hold thousands of problems.
    const shown = [...issues.slice(0, MAX_PROBLEMS).map((i) => locate(source, i, overrides)), ...traceErrors].slice(0, MAX_PROBLEMS);
    return { ok: false, errors: shown, omitted: issues.length + traceErrors.length - shown.length };
  }
  const scenario = withTracePaths(source.file, parsed as Scenario);
  CHECKED.add(scenario);
  return { ok: true, scenario };
}

function locate(source: SourceDocument, issue: Issue, overrides: readonly Override[]): ScenarioError {
  const { line, column } = source.locate(issue.path, issue.atKey);
  const set = overrides.find((o) => samePath(o.path, issue.path));
  return {
    file: source.file,
    line,
    column,
    field: fieldName(issue.path),
    message: set ? `${issue.message} (from --set ${set.text})` : issue.message,
  };
}

/** Reads the scenario's trace files through; path problems go to `issues`, problems inside a file come back located in it. */
function checkTraces(file: string, s: Scenario, issues: Issue[]): ScenarioError[] {
  const traces: TraceToCheck[] = s.workload.flatMap((workload, i) => (isTraceWorkload(workload) ? [{ workload, where: (field: string): Path => ['workload', i, 'trace', field] }] : []));
  // actions_file: is a request log named at the top level: every field of it is that one key.
  if (s.actions_file !== undefined) traces.push({ workload: actionsFileWorkload(s.actions_file), where: () => ['actions_file'] });
  if (traces.length === 0) return [];
  const known = {
    flavors: new Set(s.flavors.map((f) => f.name)),
    images: new Set(s.images.map((i) => i.name)),
    projects: new Set(s.projects.map((p) => p.name)),
    hosts: new Set(s.hosts.flatMap(hostNames)),
  };
  const problems = checkTraceFiles(file, traces, known);
  issues.push(...problems.issues);
  // What the files hold counts towards the run's size as the scenario's own entries do.
  if (problems.issues.length === 0 && problems.errors.length === 0) issues.push(...checkWork(s, problems.work));
  return problems.errors;
}

/** The scenario with its trace paths resolved against the scenario file's folder, so the run reads them wherever it starts. */
function withTracePaths(file: string, s: Scenario): Scenario {
  if (s.actions_file !== undefined) s = { ...s, actions_file: tracePath(file, s.actions_file) };
  if (!s.workload.some(isTraceWorkload)) return s;
  const workload = s.workload.map((w) => {
    if (!isTraceWorkload(w)) return w;
    const t = w.trace;
    const trace =
      t.format === 'planetlab'
        ? { ...t, folder: tracePath(file, t.folder), order: t.order.kind === 'file' ? { kind: 'file' as const, file: tracePath(file, t.order.file) } : t.order }
        : t.format === 'azure_vmtable'
          ? { ...t, file: tracePath(file, t.file), ...(t.readings === undefined ? {} : { readings: tracePath(file, t.readings) }) }
          : { ...t, file: tracePath(file, t.file) };
    return { ...w, trace };
  });
  return { ...s, workload };
}

const samePath = (a: Path, b: Path): boolean => a.length === b.length && a.every((x, i) => String(x) === String(b[i]));

const MODELLED_LIVE_MIGRATION =
  "a live migration's duration comes from the pre-copy model (flavor dirty_rate_mb_s, host migration_bandwidth_mb_s, config live_migration_*), not from durations";

/** The names a scenario defines, for checking references to them. */
interface Known {
  readonly flavors: Set<string>;
  readonly images: Set<string>;
  readonly projects: Set<string>;
  readonly hosts: Set<string>;
  readonly groups: Map<string, Scenario['server_groups'][number]>;
  /** The zones some host is in. */
  readonly zones: Set<string>;
}

/** Rules across fields: unique names, references that resolve, actions on servers that exist. */
function crossCheck(s: Scenario): Issue[] {
  const issues: Issue[] = [];
  const known = collectNames(s, issues);
  for (const key of Object.keys(s.durations)) {
    if (!(key in DEFAULT_DURATIONS)) issues.push({ path: ['durations', key], atKey: true, message: `unknown action '${key}'; expected one of ${Object.keys(DEFAULT_DURATIONS).join(', ')}` });
    if (key === 'live_migrate') issues.push({ path: ['durations', key], atKey: true, message: MODELLED_LIVE_MIGRATION });
  }
  checkScheduler(s.scheduler, issues);
  checkFailureDomains(s, issues);
  s.server_groups.forEach((g, i) => {
    mustBeIn(issues, known.projects, 'project', g.project, ['server_groups', i, 'project']);
    // cf. nova/api/openstack/compute/server_groups.py create (microversion 2.64)
    if (g.rules !== undefined && g.policy !== 'anti-affinity')
      issues.push({ path: ['server_groups', i, 'rules'], message: `Only anti-affinity policy supports rules; this group's policy is ${g.policy}` });
  });
  s.workload.forEach((w, i) => {
    if (isTraceWorkload(w)) return; // checkConsolidation checks trace workloads
    const at = (field: string): Path => ['workload', i, field];
    mustBeIn(issues, known.projects, 'project', w.project, at('project'));
    mustBeIn(issues, known.images, 'image', w.image, at('image'));
    for (const f of Object.keys(w.flavors)) mustBeIn(issues, known.flavors, 'flavor', f, ['workload', i, 'flavors', f]);
    if (Object.keys(w.flavors).length === 0) issues.push({ path: at('flavors'), message: 'expected at least one flavor with its weight' });
    checkPlacementHints(w, at, known, issues, false);
    if (w.end !== undefined && w.end <= w.start) issues.push({ path: at('end'), message: `expected an end after start (${w.start}s)` });
    if (w.arrivals.process === 'schedule' && w.arrivals.at === undefined && w.arrivals.every === undefined)
      issues.push({ path: at('arrivals'), message: "expected 'at' (a list of times) or 'every' (a period)" });
    if (w.arrivals.process === 'schedule' && w.arrivals.every === 0 && w.arrivals.count === undefined)
      issues.push({ path: [...at('arrivals'), 'every'], message: "expected a period > 0, or 'count' with every: 0 (a burst of count servers at start)" });
  });
  checkActions(s, known, issues);
  issues.push(...checkUsers(s.projects), ...checkServed(s.served, s.duration, known.projects, known.hosts));
  issues.push(...checkQuotaProjects(s.quotas, known.projects));
  checkNetworks(s, issues);
  issues.push(...checkPowerAndCharging(s));
  issues.push(...checkOperatorWorkflows(s, known.hosts.size));
  issues.push(...checkConsolidation(s, known));
  return issues;
}

/** References in scripted actions resolve, and each server is created by an earlier action (the spec checked the fields each action takes). */
function checkActions(s: Scenario, known: Known, issues: Issue[]): void {
  const created = new Set<string>();
  const order = s.actions.map((a, i) => ({ a, i })).sort((x, y) => x.a.at - y.a.at || x.i - y.i);
  for (const { a, i } of order) {
    const at = (field: string): Path => ['actions', i, field];
    if (a.at > s.duration) issues.push({ path: at('at'), message: `expected a time within the scenario's duration (${s.duration}s)` });
    if ('flavor' in a) mustBeIn(issues, known.flavors, 'flavor', a.flavor, at('flavor'));
    if ('image' in a) mustBeIn(issues, known.images, 'image', a.image, at('image'));
    if ('host' in a) mustBeIn(issues, known.hosts, 'host', a.host, at('host'));
    if (a.action === 'create') {
      mustBeIn(issues, known.projects, 'project', a.project, at('project'));
      checkPlacementHints(a, at, known, issues, true);
      created.add(a.server);
    } else if ('server' in a && !created.has(a.server)) issues.push({ path: at('server'), message: `no server '${a.server}' is created by an earlier action` });
  }
}

/**
 * Each failure domain with a failure law is one some host names (or, by
 * name_prefix, the start of some), and is listed once; hosts_per_domain
 * needs a failure_domain to number.
 */
function checkFailureDomains(s: Scenario, issues: Issue[]): void {
  const named = new Set(s.hosts.flatMap((h) => hostDomains(h).filter((d): d is string => d !== null)));
  s.hosts.forEach((h, i) => {
    if ('hosts_per_domain' in h && h.hosts_per_domain !== undefined && h.failure_domain === undefined)
      issues.push({ path: ['hosts', i, 'hosts_per_domain'], message: 'needs failure_domain (the prefix of the domains it numbers)' });
  });
  const seen = new Set<string>();
  s.failures.domains.forEach((d, i) => {
    const at = (field: string): Path => ['failures', 'domains', i, field];
    if ((d.name === undefined) === (d.name_prefix === undefined)) {
      issues.push({ path: ['failures', 'domains', i], message: 'expected one of name or name_prefix' });
      return;
    }
    const key = d.name ?? `${d.name_prefix}*`;
    if (seen.has(key)) issues.push({ path: at(d.name === undefined ? 'name_prefix' : 'name'), message: `duplicate '${key}'` });
    seen.add(key);
    if (d.name !== undefined) mustBeIn(issues, named, "failure_domain (named by no host's failure_domain)", d.name, at('name'));
    else if (![...named].some((n) => n.startsWith(d.name_prefix!)))
      issues.push({ path: at('name_prefix'), message: `no host's failure_domain starts with '${d.name_prefix}'; known: ${someOf(named)}` });
  });
}

/** The failure domains a scenario's failures.domains entries stand for, in scenario order (a prefix: its domains in host order). */
export function failureDomains(s: Scenario): FailureModel['domains'] {
  const all = [...new Set(s.hosts.flatMap((h) => hostDomains(h).filter((d): d is string => d !== null)))];
  return s.failures.domains.flatMap(({ name, name_prefix, ...law }) => (name !== undefined ? [name] : all.filter((n) => n.startsWith(name_prefix!))).map((n) => ({ ...law, name: n })));
}

/** Checks names are unique and collects them, with the zone of every host. */
function collectNames(s: Scenario, issues: Issue[]): Known {
  const names = (kind: string, entries: readonly { name?: string | undefined }[]): Set<string> => {
    const seen = new Set<string>();
    entries.forEach((e, i) => {
      if (e.name === undefined) return;
      if (seen.has(e.name)) issues.push({ path: [kind, i, 'name'], message: `duplicate name '${e.name}'` });
      seen.add(e.name);
    });
    return seen;
  };
  names('workload', s.workload);
  names('server_groups', s.server_groups);
  names('aggregates', s.aggregates);
  const hosts = new Set<string>();
  s.hosts.forEach((h, i) => {
    for (const name of hostNames(h)) {
      if (hosts.has(name)) issues.push({ path: ['hosts', i], message: `duplicate host name '${name}'` });
      hosts.add(name);
    }
  });
  return {
    flavors: names('flavors', s.flavors),
    images: names('images', s.images),
    projects: names('projects', s.projects),
    hosts,
    groups: byName(s.server_groups),
    zones: hostZones(s, issues),
  };
}

/**
 * The zones hosts are in: an aggregate's availability_zone, or Nova's default
 * zone for a host in no zoned aggregate. Nova refuses to put one host in two zones.
 */
function hostZones(s: Scenario, issues: Issue[]): Set<string> {
  const aggregates = byName(s.aggregates);
  s.aggregates.forEach((a, i) => {
    if ('availability_zone' in a.metadata)
      issues.push({ path: ['aggregates', i, 'metadata', 'availability_zone'], atKey: true, message: "set the zone with the aggregate's availability_zone field, not in metadata" });
  });
  const zones = new Set<string>();
  s.hosts.forEach((h, i) => {
    let zone: { name: string; from: string } | undefined;
    const listed = h.aggregates ?? [];
    listed.forEach((name, j) => {
      const path: Path = ['hosts', i, 'aggregates', j];
      const az = aggregates.get(name)?.availability_zone;
      if (!aggregates.has(name)) mustBeIn(issues, new Set(aggregates.keys()), 'aggregate', name, path);
      else if (listed.indexOf(name) !== j) issues.push({ path, message: `aggregate '${name}' is listed twice` });
      // cf. nova/compute/api.py AggregateAPI._check_az_for_host: "One or more hosts already in availability zone(s)"
      else if (az !== undefined && zone !== undefined && zone.name !== az)
        issues.push({ path, message: `cannot add this host to aggregate '${name}' (zone '${az}'): it is already in availability zone '${zone.name}' through aggregate '${zone.from}'` });
      else if (az !== undefined) zone ??= { name: az, from: name };
    });
    zones.add(zone?.name ?? DEFAULT_AVAILABILITY_ZONE);
  });
  return zones;
}

/** `module` goes with policy plugin, and only with it; each filter is enabled once. */
function checkScheduler(scheduler: Scenario['scheduler'], issues: Issue[]): void {
  if (scheduler.policy === 'plugin' && scheduler.module === undefined)
    issues.push({ path: ['scheduler', 'policy'], message: "policy plugin needs 'module' (a .js, .mjs or .ts file exporting the policy)" });
  if (scheduler.policy !== 'plugin' && scheduler.module !== undefined)
    issues.push({ path: ['scheduler', 'module'], message: `'module' applies only to policy plugin, not ${scheduler.policy}` });
  scheduler.filters.forEach((f, i) => {
    if (scheduler.filters.indexOf(f) !== i) issues.push({ path: ['scheduler', 'filters', i], message: `filter '${f}' is enabled twice` });
  });
}

/** A create's (or workload's) zone must hold a host, and its group must be one its project can see. */
function checkPlacementHints(
  e: { readonly project?: string | undefined; readonly group?: string | undefined; readonly availability_zone?: string | undefined },
  at: (field: string) => Path,
  known: Known,
  issues: Issue[],
  mayForceHost: boolean,
): void {
  const zone = parseAvailabilityZone(e.availability_zone);
  if ('status' in zone) issues.push({ path: at('availability_zone'), message: `${zone.message} (expected a zone, or zone:host to force a host)` });
  else if (zone.host === null) mustBeIn(issues, known.zones, 'availability zone', zone.zone ?? undefined, at('availability_zone'));
  else if (!mayForceHost) issues.push({ path: at('availability_zone'), message: 'a workload cannot force a host (zone:host): its servers are created by project members, and forcing a host is admin-only' });
  else mustBeIn(issues, known.hosts, 'host', zone.host, at('availability_zone'));
  if (e.group === undefined) return;
  const owner = known.groups.get(e.group)?.project;
  if (owner === undefined) mustBeIn(issues, new Set(known.groups.keys()), 'server group', e.group, at('group'));
  // Nova looks the group up within the request's project: another project's group does not exist for it.
  else if (e.project !== undefined && owner !== e.project)
    issues.push({ path: at('group'), message: `Instance group ${e.group} could not be found: it belongs to project '${owner}', not '${e.project}'` });
}

/** Entries by name; the first of duplicates wins (the others are reported as duplicates). */
function byName<T extends { readonly name: string }>(entries: readonly T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const e of entries) if (!map.has(e.name)) map.set(e.name, e);
  return map;
}

function mustBeIn(issues: Issue[], set: ReadonlySet<string>, what: string, value: string | undefined, path: Path): void {
  if (value !== undefined && !set.has(value)) issues.push({ path, message: `unknown ${what} '${value}'; known: ${someOf(set)}` });
}

/** The first few names of a set, for a message: a cloud of 10,000 hosts is not listed whole. */
function someOf(set: ReadonlySet<string>, most = 10): string {
  if (set.size === 0) return 'none';
  const names = [...set].slice(0, most).join(', ');
  return set.size > most ? `${names}, ... (${set.size} in all)` : names;
}

/** The failure domain of each host an entry stands for (hostNames' order): hosts_per_domain numbers racks <failure_domain>-1, -2, ... */
export function hostDomains(h: Scenario['hosts'][number]): (string | null)[] {
  const domain = h.failure_domain ?? null;
  if ('name' in h || h.hosts_per_domain === undefined || domain === null) return Array.from({ length: 'name' in h ? 1 : h.count }, () => domain);
  const size = h.hosts_per_domain;
  const width = String(Math.ceil(h.count / size)).length;
  return Array.from({ length: h.count }, (_, i) => `${domain}-${String(Math.floor(i / size) + 1).padStart(width, '0')}`);
}

/** The names a host entry stands for: one name, or name_prefix with a zero-padded index. */
export function hostNames(h: Scenario['hosts'][number]): string[] {
  if ('name' in h) return [h.name];
  const width = String(h.count).length;
  return Array.from({ length: h.count }, (_, i) => `${h.name_prefix}${String(i + 1).padStart(width, '0')}`);
}
