import type { Nova } from '../cloud/nova.js';
import type { Simulator } from '../engine/simulator.js';
import type { Host } from '../model/host.js';
import type { OptimisationSettings } from './types.js';
import { tellStep } from './workflow-step.js';

/** What one optimisation run reports when it ends. */
export interface RunReport {
  /** Move requests it made (failed ones included): what the budget counts. */
  readonly moves: number;
  readonly note: string;
}

/** One strategy of resource optimisation: consolidate or spread. */
export interface OptimisationRun {
  readonly mode: 'consolidate' | 'spread';
  /** The host a run looks at first (its facts are rows about that host), or undefined when none is in service. */
  firstHost(): Host | undefined;
  /** Starts a run that may request up to `budget` moves; `done` is told once it is over. */
  run(budget: number, done: (report: RunReport) => void): void;
}

/**
 * Runs a strategy periodically: at `at` (a time of day, from day 0), then
 * every `every`, each run with the migration budget. A run still going
 * when the next is due makes that one skip (`optimise_skipped`). Each run
 * is bracketed by `optimise_start` and `optimise_end` facts, which the
 * metrics read.
 */
export class Optimiser {
  readonly #kind: number;
  #running = false;
  #runs = 0;

  constructor(
    private readonly sim: Simulator,
    private readonly nova: Nova,
    private readonly settings: OptimisationSettings,
    private readonly strategy: OptimisationRun,
  ) {
    this.#kind = sim.register('operator-optimise', () => this.#fire());
  }

  start(): void {
    this.sim.at(this.settings.at, this.#kind, 0);
  }

  #fire(): void {
    this.sim.after(this.settings.every, this.#kind, 0);
    const host = this.strategy.firstHost();
    if (host === undefined) return;
    const label = `${this.strategy.mode} run ${++this.#runs}`;
    if (this.#running) return this.#fact(host, 'optimise_skipped', 'rejected', `${label}: the previous run is still going`);
    this.#running = true;
    this.#fact(host, 'optimise_start', 'accepted', `${label}: budget ${this.settings.migration_budget} moves`);
    this.strategy.run(this.settings.migration_budget, (report) => {
      this.#running = false;
      this.#fact(host, 'optimise_end', 'completed', `${label}: ${report.moves} moves; ${report.note}`);
    });
  }

  #fact(host: Host, action: 'optimise_skipped' | 'optimise_start' | 'optimise_end', outcome: 'accepted' | 'rejected' | 'completed', detail: string): void {
    tellStep(this.nova.cloud, 'optimisation', host, { action, outcome, detail });
  }
}
