import type { Nova } from '../cloud/nova.js';
import type { Simulator } from '../engine/simulator.js';
import { inService } from '../model/capacity.js';
import type { Host } from '../model/host.js';
import type { Server } from '../model/server.js';
import { moveFor } from './move-choice.js';
import type { OptimisationRun, RunReport } from './optimisation.js';
import { ramLoad } from './room.js';
import type { ServerMover } from './server-mover.js';
import type { MovePlanner } from './types.js';
import { tellStep } from './workflow-step.js';

/**
 * Spreading: move servers off the most loaded host (by RAM claimed, as a
 * share of its capacity) onto the least loaded the scheduler's filters
 * accept (a spreading planner names it; the real scheduler filters it
 * again, so server groups hold), one move at a time, to minimise
 * contention (the seed's "servers are spread out between the hosts").
 * Each step moves the largest server of the most loaded host whose move
 * leaves its destination less loaded than the source was: the highest load
 * then only falls. The run ends when the budget is spent or the most
 * loaded host has no such move.
 */
export class Spreading implements OptimisationRun {
  readonly mode = 'spread';
  readonly #kind: number;
  #budget = 0;
  #moves = 0;
  #done: (report: RunReport) => void = () => {};

  constructor(
    private readonly sim: Simulator,
    private readonly nova: Nova,
    private readonly mover: ServerMover,
    private readonly planner: MovePlanner,
  ) {
    this.#kind = sim.register('operator-spread', () => this.#step());
  }

  /** The most loaded host in service (host order among equals). O(hosts). */
  firstHost(): Host | undefined {
    let most: Host | undefined;
    const now = this.sim.now;
    for (const h of this.nova.cloud.inventory.hosts) if (inService(h, now) && (most === undefined || ramLoad(h) > ramLoad(most))) most = h;
    return most;
  }

  run(budget: number, done: (report: RunReport) => void): void {
    this.#budget = budget;
    this.#moves = 0;
    this.#done = done;
    this.#step();
  }

  #step(): void {
    const source = this.firstHost();
    if (this.#moves >= this.#budget) return this.#finish('budget spent');
    if (source === undefined) return this.#finish('no host in service');
    const servers = [...source.servers]
      .map((id) => this.nova.cloud.inventory.servers[id]!)
      .filter((s) => s.host === source.id && this.nova.executor.running(s) === undefined)
      .sort((a, b) => b.flavor.ramMb - a.flavor.ramMb || a.id - b.id);
    for (const server of servers) {
      const choice = moveFor(server, true);
      if (choice.kind !== 'move' || choice.move === 'offload') continue;
      const target = this.planner(server, { ignore: [source] });
      if (target === null || !this.#improves(server, source, target)) continue;
      this.#moves++;
      const detail = `spread from ${percent(ramLoad(source))} RAM to ${target.name} (${percent(ramLoad(target))})`;
      tellStep(this.nova.cloud, 'optimisation', source, { action: 'rebalance', outcome: 'accepted', detail, server });
      // The next step is its own event, whether the move ends now (refused) or later.
      this.mover.move(server, choice.move, target, () => void this.sim.after(0, this.#kind, 0));
      return;
    }
    this.#finish(`${source.name} (${percent(ramLoad(source))} RAM) has no move that lowers it`);
  }

  /** After the move the destination is less loaded than the source is now. */
  #improves(server: Server, source: Host, target: Host): boolean {
    return target.capacity.ramMb > 0 && (target.used.ramMb + server.flavor.ramMb) / target.capacity.ramMb < ramLoad(source);
  }

  #finish(why: string): void {
    this.#done({ moves: this.#moves, note: `stopped: ${why}` });
  }
}

const percent = (x: number): string => `${Math.round(x * 1000) / 10}%`;
