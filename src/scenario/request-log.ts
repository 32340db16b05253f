import { parse as parseYaml } from 'yaml';
import type { FieldKind } from '../lifecycle/request-fields.js';
import { REQUESTS } from '../lifecycle/requests.js';
import type { Cell } from '../workload/traces/csv-fields.js';
import { readRequestLog, type LoggedRequest } from '../workload/traces/request-log.js';
import { quoteCell, TraceError } from '../workload/traces/trace-error.js';
import type { ActionEntry } from './scripted-actions.js';
import { actionEntry } from './schema.js';
import { INVALID, type Issue } from './spec.js';

/**
 * A planner's request log, row by row, as the scenario's own `actions:`
 * entries: each row is checked with the same spec (the request table's
 * fields, each of its kind) and its names against the scenario, so a log
 * row and an actions entry mean the same thing. A problem names the file,
 * line, column and field.
 */

/** The names a log's rows may refer to. */
export interface KnownNames {
  readonly flavors: ReadonlySet<string>;
  readonly images: ReadonlySet<string>;
  readonly projects: ReadonlySet<string>;
  readonly hosts: ReadonlySet<string>;
}

export interface LoggedAction {
  readonly line: number;
  readonly entry: ActionEntry;
}

/** Streams the log's rows as checked action entries; the first problem stops it with a TraceError. */
export function* loggedActions(file: string, known: KnownNames): Generator<LoggedAction, void, undefined> {
  for (const row of readRequestLog(file)) yield { line: row.line, entry: checkedEntry(row, known) };
}

/** The kind of each field a row of `action` may carry, so a cell's text is read as the spec expects it. */
function kindOf(action: string, field: string): FieldKind | 'duration' | undefined {
  if (field === 'as' || field === 'host') return 'name';
  if (field === 'update_duration') return 'duration';
  const shape = (REQUESTS as Readonly<Record<string, Readonly<Record<string, { readonly kind: FieldKind }>>>>)[action];
  return shape?.[field]?.kind;
}

/**
 * A cell's text as a value of its field's kind: text stays text; a flag, a
 * count or a rate is read as true/false or a number; metadata, networks and
 * personality are YAML or JSON flow text (`{role: db}`). What cannot be read
 * stays text, for the spec to refuse with what it expected.
 */
function valueOf(kind: FieldKind | 'duration' | undefined, text: string): unknown {
  switch (kind) {
    case 'flag':
      return /^(true|false)$/i.test(text) ? text.toLowerCase() === 'true' : text;
    case 'count':
    case 'dirty_rate':
    case 'duration':
      return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : text;
    case 'metadata':
    case 'networks':
    case 'personality':
      try {
        return parseYaml(text) as unknown;
      } catch {
        return text;
      }
    default:
      return text;
  }
}

function checkedEntry(row: LoggedRequest, known: KnownNames): ActionEntry {
  const action = row.action.text;
  const value: Record<string, unknown> = { at: row.time, action };
  for (const [field, cell] of row.fields) value[field] = valueOf(kindOf(action, field), cell.text);
  const issues: Issue[] = [];
  const entry = actionEntry.parse(value, [], issues);
  const first = issues[0];
  if (entry === INVALID || first !== undefined) throw located(row, first ?? { path: [], message: 'is not a valid request' });
  for (const [field, names, what] of [
    ['flavor', known.flavors, 'flavor'],
    ['image', known.images, 'image'],
    ['project', known.projects, 'project'],
    ['host', known.hosts, 'host'],
  ] as const) {
    const cell = row.fields.get(field);
    if (cell !== undefined && !names.has(cell.text)) throw new TraceError(row.file, row.line, cell.column, field, `unknown ${what} ${quoteCell(cell.text)}`);
  }
  return entry;
}

/** The issue at the cell of the field it is about (the action's cell for the action, the time's for `at`). */
function located(row: LoggedRequest, issue: Issue): TraceError {
  const field = String(issue.path[0] ?? '');
  const cell: Cell | undefined = field === 'action' ? row.action : row.fields.get(field);
  const column = field === 'at' ? row.timeColumn : (cell?.column ?? 0);
  const name = field === 'at' ? 'time' : field;
  return new TraceError(row.file, row.line, column, name, issue.message);
}
