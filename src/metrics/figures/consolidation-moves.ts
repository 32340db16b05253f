import type { RunFacts } from '../run-facts.js';

/** summary.json's `dynamic_consolidation`: the rounds of novasim's own model (model nova) and the live migrations they asked Nova for. */
export interface ConsolidationMovesSummary {
  readonly rounds: number;
  /** Hosts found overloaded, summed over the rounds. */
  readonly overloaded_hosts: number;
  /** Overloaded hosts' servers that no host in service could take, summed over the rounds. */
  readonly stranded_servers: number;
  readonly planned: number;
  /** Planned moves left out: a second move of a server in one round, a server that could no longer move, or a host Nova's filters refused by then. */
  readonly skipped: number;
  /** Live migrations asked of Nova; each is moved, failed, interrupted or in flight. */
  readonly requested: number;
  readonly moved: number;
  /** Refused by the API, no valid host, or rolled back (a completion timeout's abort included). */
  readonly failed: number;
  /** Overtaken by another action on the server (a delete, say). */
  readonly interrupted: number;
  /** Still going (queued for a max_concurrent_live_migrations slot or copying) when the run ended. */
  readonly in_flight_at_end: number;
}

/** Counts the rounds and their moves from consolidation_round and consolidation_move facts. O(1) per fact. */
export class ConsolidationMoves {
  #rounds = 0;
  #overloaded = 0;
  #stranded = 0;
  #planned = 0;
  #skipped = 0;
  #requested = 0;
  readonly #ended = { moved: 0, failed: 0, interrupted: 0 };

  constructor(facts: RunFacts) {
    facts.on('consolidation_round', (f) => {
      this.#rounds++;
      this.#overloaded += f.overloaded;
      this.#stranded += f.stranded;
      this.#planned += f.planned;
      this.#skipped += f.skipped;
      this.#requested += f.requested;
    });
    facts.on('consolidation_move', (f) => this.#ended[f.result]++);
  }

  summary(): ConsolidationMovesSummary {
    const { moved, failed, interrupted } = this.#ended;
    return {
      rounds: this.#rounds,
      overloaded_hosts: this.#overloaded,
      stranded_servers: this.#stranded,
      planned: this.#planned,
      skipped: this.#skipped,
      requested: this.#requested,
      moved,
      failed,
      interrupted,
      in_flight_at_end: this.#requested - moved - failed - interrupted,
    };
  }
}
