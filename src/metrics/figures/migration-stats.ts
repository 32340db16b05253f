import type { MoveFact, MoveKind, MoveOutcome } from '../../cloud/facts.js';
import { rounded } from '../format.js';
import { Tally } from '../instruments/tally.js';
import { spreadOf, type Spread } from './spread.js';
import type { RunFacts } from '../run-facts.js';

const KINDS: readonly MoveKind[] = ['live-migration', 'migration', 'resize', 'evacuation'];
const OUTCOMES: readonly MoveOutcome[] = ['completed', 'aborted', 'failed', 'confirmed', 'reverted', 'open'];
/** The outcomes of moves that ran the server at their destination: what duration_s and downtime_s describe. */
const LANDED: ReadonlySet<MoveOutcome> = new Set(['completed', 'confirmed', 'reverted']);
const PLACES = 3;

/** One kind of move in summary.json's `migrations`. */
export interface MoveKindSummary {
  readonly count: number;
  readonly outcomes: Record<MoveOutcome, number>;
  /** Over the moves that landed (completed, confirmed, reverted). */
  readonly duration_s: Spread;
  readonly downtime_s: Spread;
  readonly data_mb: number;
}

/** summary.json's `migrations`: keys in this order, every kind and outcome present. */
export interface MigrationSummary {
  readonly count: number;
  readonly failed: number;
  readonly aborted: number;
  readonly data_mb: number;
  readonly by_kind: Record<MoveKind, MoveKindSummary>;
}

interface KindTally {
  readonly outcomes: Map<MoveOutcome, number>;
  readonly durations: Tally;
  readonly downtimes: Tally;
  dataMb: number;
}

/** Counts, spreads and data moved of the moves that ended, per kind. O(1) per fact. */
export class MigrationStats {
  readonly #kinds = new Map<MoveKind, KindTally>(KINDS.map((k) => [k, { outcomes: new Map(), durations: new Tally(), downtimes: new Tally(), dataMb: 0 }]));

  constructor(facts: RunFacts) {
    facts.on('move', (fact) => this.#move(fact.kind, fact.outcome, fact));
    // A trace server's migration in the CloudSim-compatible cloud is a live migration that landed, with no downtime.
    facts.on('cpu_migration', (f) => this.#move('live-migration', 'completed', { dataMb: f.ramMb, durationS: f.time - f.start, downtimeS: 0 }));
  }

  #move(kind: MoveKind, outcome: MoveOutcome, fact: Pick<MoveFact, 'dataMb' | 'durationS' | 'downtimeS'>): void {
    const tally = this.#kinds.get(kind)!;
    tally.outcomes.set(outcome, (tally.outcomes.get(outcome) ?? 0) + 1);
    tally.dataMb += fact.dataMb;
    if (!LANDED.has(outcome)) return;
    tally.durations.add(fact.durationS);
    tally.downtimes.add(fact.downtimeS);
  }

  summary(): MigrationSummary {
    const byKind = {} as Record<MoveKind, MoveKindSummary>;
    let count = 0;
    let dataMb = 0;
    const total = (outcome: MoveOutcome): number => [...this.#kinds.values()].reduce((n, t) => n + (t.outcomes.get(outcome) ?? 0), 0);
    for (const kind of KINDS) {
      const t = this.#kinds.get(kind)!;
      const outcomes = Object.fromEntries(OUTCOMES.map((o) => [o, t.outcomes.get(o) ?? 0])) as Record<MoveOutcome, number>;
      const n = OUTCOMES.reduce((sum, o) => sum + outcomes[o], 0);
      byKind[kind] = { count: n, outcomes, duration_s: spreadOf(t.durations), downtime_s: spreadOf(t.downtimes), data_mb: rounded(t.dataMb, PLACES) };
      count += n;
      dataMb += t.dataMb;
    }
    return { count, failed: total('failed'), aborted: total('aborted'), data_mb: rounded(dataMb, PLACES), by_kind: byKind };
  }
}
