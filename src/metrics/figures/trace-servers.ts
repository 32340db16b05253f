import type { RunFacts } from '../run-facts.js';

/** summary.json's `trace_servers`: the servers of a trace run in the CloudSim-compatible cloud. */
export interface TraceServersSummary {
  readonly total: number;
  /** Never run: no host could take them at the start. */
  readonly unplaced: number;
  /** Deleted on asking for exactly nothing at an update (CloudSim counts them finished). */
  readonly deleted: number;
}

/** Counts the trace servers placed, left out and deleted, from their facts. O(1) per fact. */
export class TraceServers {
  #total = 0;
  #unplaced = 0;
  #deleted = 0;

  constructor(facts: RunFacts) {
    facts.on('trace_servers_placed', (f) => {
      this.#total += f.servers;
      this.#unplaced += f.unplaced;
    });
    facts.on('trace_server_deleted', () => this.#deleted++);
  }

  summary(): TraceServersSummary {
    return { total: this.#total, unplaced: this.#unplaced, deleted: this.#deleted };
  }
}
