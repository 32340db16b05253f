import { DEFAULT_DURATIONS } from '../cloud/durations.js';
import { applyOverrides, type Override } from './overrides.js';
import { fieldName, parseSource, type ScenarioError, type SourceDocument } from './parse.js';
import { HOST_ACTIONS, scenarioSpec, type Scenario } from './schema.js';
import { INVALID, type Issue, type Path } from './spec.js';

export type Loaded = { readonly ok: true; readonly scenario: Scenario } | { readonly ok: false; readonly errors: ScenarioError[] };

/**
 * Scenario text -> a checked Scenario, or every problem found, each with the
 * file, line, field and what was expected. Nothing runs before this passes.
 */
export function loadScenario(file: string, text: string, overrides: readonly Override[] = []): Loaded {
  const source = parseSource(file, text);
  if (Array.isArray(source)) return { ok: false, errors: source };
  const issues: Issue[] = [];
  const value = applyOverrides(source.value ?? {}, overrides);
  const parsed = scenarioSpec.parse(value, [], issues);
  if (parsed !== INVALID) issues.push(...crossCheck(parsed));
  if (issues.length > 0) return { ok: false, errors: issues.map((i) => locate(source, i, overrides)) };
  return { ok: true, scenario: parsed as Scenario };
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

const samePath = (a: Path, b: Path): boolean => a.length === b.length && a.every((x, i) => String(x) === String(b[i]));

/** Which request fields each action takes (beyond at, action, as). */
const PARAMS: Readonly<Record<string, readonly string[]>> = {
  create: ['server', 'flavor', 'image', 'project', 'boot_from_volume'],
  reboot: ['server', 'type'],
  rebuild: ['server', 'image'],
  resize: ['server', 'flavor'],
  backup: ['server', 'backup_type', 'rotation'],
  evacuate: ['server', 'host'],
  migrate: ['server', 'host'],
  live_migrate: ['server', 'host'],
  reset_state: ['server', 'state'],
  ...Object.fromEntries(HOST_ACTIONS.map((a) => [a, ['host']])),
};
const REQUIRED: Readonly<Record<string, readonly string[]>> = {
  create: ['server', 'flavor', 'image', 'project'],
  resize: ['server', 'flavor'],
  backup: ['server', 'backup_type', 'rotation'],
  ...Object.fromEntries(HOST_ACTIONS.map((a) => [a, ['host']])),
};
const REQUEST_FIELDS = ['server', 'host', 'flavor', 'image', 'project', 'boot_from_volume', 'type', 'backup_type', 'rotation', 'state'] as const;

/** Rules across fields: unique names, references that resolve, actions on servers that exist. */
function crossCheck(s: Scenario): Issue[] {
  const issues: Issue[] = [];
  const names = (kind: string, entries: readonly { name?: string | undefined }[]): Set<string> => {
    const seen = new Set<string>();
    entries.forEach((e, i) => {
      if (e.name === undefined) return;
      if (seen.has(e.name)) issues.push({ path: [kind, i, 'name'], message: `duplicate name '${e.name}'` });
      seen.add(e.name);
    });
    return seen;
  };
  const flavors = names('flavors', s.flavors);
  const images = names('images', s.images);
  const projects = names('projects', s.projects);
  names('workload', s.workload);
  const hosts = new Set<string>();
  s.hosts.forEach((h, i) => {
    for (const name of hostNames(h)) {
      if (hosts.has(name)) issues.push({ path: ['hosts', i], message: `duplicate host name '${name}'` });
      hosts.add(name);
    }
  });
  const mustBeIn = (set: Set<string>, what: string, value: string | undefined, path: Path) => {
    if (value !== undefined && !set.has(value)) issues.push({ path, message: `unknown ${what} '${value}'; known: ${[...set].join(', ') || 'none'}` });
  };
  for (const key of Object.keys(s.durations)) {
    if (!(key in DEFAULT_DURATIONS)) issues.push({ path: ['durations', key], atKey: true, message: `unknown action '${key}'; expected one of ${Object.keys(DEFAULT_DURATIONS).join(', ')}` });
  }
  s.workload.forEach((w, i) => {
    mustBeIn(projects, 'project', w.project, ['workload', i, 'project']);
    mustBeIn(images, 'image', w.image, ['workload', i, 'image']);
    for (const f of Object.keys(w.flavors)) mustBeIn(flavors, 'flavor', f, ['workload', i, 'flavors', f]);
    if (w.end !== undefined && w.end <= w.start) issues.push({ path: ['workload', i, 'end'], message: `expected an end after start (${w.start}s)` });
    if (w.arrivals.process === 'schedule' && w.arrivals.at === undefined && w.arrivals.every === undefined)
      issues.push({ path: ['workload', i, 'arrivals'], message: "expected 'at' (a list of times) or 'every' (a period)" });
  });
  const created = new Set<string>();
  const order = s.actions.map((a, i) => ({ a, i })).sort((x, y) => x.a.at - y.a.at || x.i - y.i);
  for (const { a, i } of order) {
    const at = (field: string): Path => ['actions', i, field];
    if (a.at > s.duration) issues.push({ path: at('at'), message: `expected a time within the scenario's duration (${s.duration}s)` });
    const allowed = PARAMS[a.action] ?? ['server'];
    for (const field of REQUEST_FIELDS) {
      if (a[field] !== undefined && !allowed.includes(field)) issues.push({ path: at(field), message: `'${field}' does not apply to ${a.action}` });
    }
    for (const field of REQUIRED[a.action] ?? ['server']) {
      if (a[field as (typeof REQUEST_FIELDS)[number]] === undefined) issues.push({ path: ['actions', i], message: `${a.action} needs '${field}'` });
    }
    mustBeIn(flavors, 'flavor', a.flavor, at('flavor'));
    mustBeIn(images, 'image', a.image, at('image'));
    mustBeIn(projects, 'project', a.project, at('project'));
    mustBeIn(hosts, 'host', a.host, at('host'));
    if (a.action === 'create' && a.server !== undefined) created.add(a.server);
    else if (a.server !== undefined && !created.has(a.server))
      issues.push({ path: at('server'), message: `no server '${a.server}' is created by an earlier action` });
  }
  return issues;
}

/** The names a host entry stands for: one name, or name_prefix with a zero-padded index. */
export function hostNames(h: Scenario['hosts'][number]): string[] {
  if (h.name !== undefined) return [h.name];
  const count = h.count ?? 1;
  const width = String(count).length;
  return Array.from({ length: count }, (_, i) => `${h.name_prefix}${String(i + 1).padStart(width, '0')}`);
}
