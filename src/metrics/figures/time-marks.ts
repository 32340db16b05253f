import type { RunFacts } from '../run-facts.js';

/** What a mark on the report's time axis stands for, in the order the timeline lists them. */
export const MARK_KINDS = ['host failure', 'host down or fenced', 'host back', 'evacuation', 'operator action'] as const;
export type MarkKind = (typeof MARK_KINDS)[number];

/** One mark: the facts of one kind in one slice of time (`count` of them), at the slice's first fact. */
export interface TimeMark {
  readonly day: number;
  readonly kind: MarkKind;
  readonly count: number;
}

/** Host facts about the host itself (no server) by action; every operator step about a host is an operator action. */
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

/** Marks are gathered into at most this many slices of the run, so a long run's report stays small. */
const SLICES = 400;
const DAY = 86_400;

/**
 * The host failures, evacuations and operator actions of a run, as marks
 * on the report's time axis, taken from the facts as they come: a host's
 * own facts (a fence that failed fenced nothing, so it is no mark), every
 * operator step about a host, and accepted evacuate requests. Keeps one
 * time and kind per mark, O(1) each; `marks` slices them, O(marks log marks).
 */
export class TimeMarks {
  readonly #times: number[] = [];
  readonly #kinds: MarkKind[] = [];

  constructor(facts: RunFacts) {
    facts.on('host', (fact) => {
      if (fact.server !== null) return;
      const kind = HOST_KINDS[fact.action];
      if (kind !== undefined && fact.outcome !== 'failed') this.#add(fact.time, kind);
      else if (kind === undefined) this.#add(fact.time, 'operator action');
    });
    facts.on('operator', (fact) => void (fact.server === null && this.#add(fact.time, 'operator action')));
    facts.on('server', (fact) => void (fact.action === 'evacuate' && fact.outcome === 'accepted' && this.#add(fact.time, 'evacuation')));
  }

  #add(time: number, kind: MarkKind): void {
    this.#times.push(time);
    this.#kinds.push(kind);
  }

  /** The marks counted per slice of a run of `duration` seconds, in time order (equal times in MARK_KINDS order). */
  marks(duration: number): TimeMark[] {
    const slice = Math.max(duration, 1) / SLICES;
    const bySlice = new Map<string, { day: number; kind: MarkKind; count: number }>();
    for (let i = 0; i < this.#times.length; i++) {
      const time = this.#times[i]!;
      const kind = this.#kinds[i]!;
      const key = `${kind}@${Math.floor(time / slice)}`;
      const mark = bySlice.get(key);
      if (mark === undefined) bySlice.set(key, { day: time / DAY, kind, count: 1 });
      else mark.count++;
    }
    return [...bySlice.values()].sort((a, b) => a.day - b.day || MARK_KINDS.indexOf(a.kind) - MARK_KINDS.indexOf(b.kind));
  }
}
