import { DAY } from './axes.js';
import { csvRows } from './csv.js';

/** What a mark on the time axis stands for, in the order the timeline lists them. */
export const MARK_KINDS = ['host failure', 'host down or fenced', 'host back', 'evacuation', 'operator action'] as const;
export type MarkKind = (typeof MARK_KINDS)[number];

/** One mark: the events of one kind in one slice of time (`count` of them), at the slice's first event. */
export interface TimeMark {
  readonly day: number;
  readonly kind: MarkKind;
  readonly count: number;
}

/** Host rows of events.csv (no server) by action; every other host-row action is an operator's step. */
const HOST_KINDS: Readonly<Record<string, MarkKind>> = {
  fail_host: 'host failure',
  partition_host: 'host failure',
  service_down: 'host down or fenced',
  fence_host: 'host down or fenced',
  force_down_host: 'host down or fenced',
  auto_disable: 'host down or fenced',
  recover_host: 'host back',
  unforce_down_host: 'host back',
};

const COMMA = 44;

/** Marks are gathered into at most this many slices of the run, so a long run's report stays small. */
const SLICES = 400;

/**
 * The host failures, evacuations and operator actions of events.csv (its
 * lines, header first), as marks on the time axis: host rows (an empty
 * server) and accepted evacuate requests. Reads only the first five
 * fields of each line (time, server, host, action, outcome), so a large
 * events.csv is scanned, not parsed, and never held whole. O(lines).
 */
export function timeMarks(eventLines: Iterable<string>, duration: number): TimeMark[] {
  const slice = Math.max(duration, 1) / SLICES;
  const marks = new Map<string, { day: number; kind: MarkKind; count: number }>();
  let header = true;
  for (const line of eventLines) {
    if (header) {
      header = false;
      continue;
    }
    const kind = kindOf(line);
    if (kind === undefined) continue;
    const time = Number(line.slice(0, line.indexOf(',')));
    const key = `${kind}@${Math.floor(time / slice)}`;
    const mark = marks.get(key);
    if (mark === undefined) marks.set(key, { day: time / DAY, kind, count: 1 });
    else mark.count++;
  }
  return [...marks.values()].sort((a, b) => a.day - b.day || MARK_KINDS.indexOf(a.kind) - MARK_KINDS.indexOf(b.kind));
}

function kindOf(line: string): MarkKind | undefined {
  // A name the API took with a comma or quote in it (novasim serve) is quoted: parse such a line properly.
  const quoted = line.includes('"');
  // Most lines are a server's (a server after the time) and not an evacuation: pass them without splitting.
  if (!quoted && line.charCodeAt(line.indexOf(',') + 1) !== COMMA && !line.includes(',evacuate,')) return undefined;
  const fields = quoted ? (csvRows(line)[0] ?? []) : line.split(',', 5);
  if (fields.length < 5) return undefined;
  const [, server, , action = '', outcome] = fields;
  if (server === '') {
    const kind = HOST_KINDS[action];
    if (kind === undefined) return 'operator action';
    return outcome === 'failed' ? undefined : kind; // a fence that failed fenced nothing
  }
  return action === 'evacuate' && outcome === 'accepted' ? 'evacuation' : undefined;
}
