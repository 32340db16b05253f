import { ACTIONS, type ActionRule, type RuleName } from '../lifecycle/server-actions.js';
import { settledPowerState } from '../lifecycle/power-state.js';
import { reachable } from '../model/host.js';
import type { HostId } from '../model/ids.js';
import type { Server } from '../model/server.js';
import type { VmState } from '../model/states.js';
import type { Cloud } from './cloud.js';
import type { Operation, OperationContext, Running } from './operation.js';
import type { ActionParams } from './requests.js';

/**
 * The one executor for table rows: sets the API's task_state on acceptance,
 * walks the row's task_states over the sampled duration, then settles the
 * final states. Steps on a dead compute host wait (stall) until the host
 * comes back; a newer action on the same server makes older steps stale.
 */
export class ActionExecutor {
  readonly #running: (Running | undefined)[] = [];
  readonly #stepKind: number;

  private readonly cloud: Cloud;

  constructor(
    private readonly ctx: OperationContext,
    private readonly operations: Readonly<Partial<Record<RuleName, Operation>>>,
  ) {
    this.cloud = ctx.cloud;
    this.#stepKind = ctx.cloud.sim.register('action-step', (server, epoch) => this.#advance(server, epoch));
  }

  running(server: Server): Running | undefined {
    return this.#running[server.id];
  }

  operation(rule: RuleName): Operation | undefined {
    return this.operations[rule];
  }

  /** Starts an admitted action; emits its `accepted` row. */
  start(server: Server, action: string, rule: RuleName, params: ActionParams, asAdmin: boolean, reason = ''): void {
    const row: ActionRule = ACTIONS[rule];
    if (rule === 'lock' || rule === 'unlock' || rule === 'update_server' || rule === 'update_metadata' || rule === 'set_metadata')
      return this.#apiOnly(server, action, rule, params, asAdmin, reason);
    const previous = this.#running[server.id];
    if (previous !== undefined) this.operations[previous.rule]?.superseded?.(this.ctx, server, previous);
    this.cloud.nextEpoch(server);
    // An operation that models its own duration draws nothing from the durations stream.
    const modelled = this.operations[rule]?.duration !== undefined;
    const total = row.path.length === 0 || modelled ? 0 : this.cloud.durations.of(rule, server);
    const run: Running = {
      action,
      rule,
      params,
      asAdmin,
      acceptedAt: this.cloud.now,
      priorVmState: server.vmState,
      step: 0,
      stalled: false,
      held: false,
      timed: !modelled,
      stepDurations: row.path.map(([, share]) => share * total),
    };
    this.#running[server.id] = run;
    const first = row.path[0];
    this.cloud.transition(server, first ? { taskState: first[0] } : {}, { action, outcome: 'accepted', reason, asAdmin });
    if (first === undefined) return this.#complete(server, run);
    this.#enterStep(server, run);
  }

  /**
   * lock, unlock, update_server and the metadata calls only set fields in the API's database: whatever the
   * server is doing goes on, and its timers stay valid.
   */
  #apiOnly(server: Server, action: string, rule: RuleName, params: ActionParams, asAdmin: boolean, reason: string): void {
    const label = { action, asAdmin } as const;
    this.cloud.record(server, { ...label, outcome: 'accepted', reason });
    const run: Running = {
      action, rule, params, asAdmin, acceptedAt: this.cloud.now, priorVmState: server.vmState, step: 0, stalled: false, held: false, timed: true, stepDurations: [],
    };
    this.operations[rule]?.finish?.(this.ctx, server, run);
    this.cloud.record(server, { ...label, outcome: 'completed' });
  }

  /** Ends the server's action with a failure; `reason` becomes its fault. */
  fail(server: Server, run: Running, reason: string, vmState?: VmState): void {
    const op = this.operations[run.rule];
    const state = vmState ?? op?.failedVmState?.(server, run) ?? run.priorVmState;
    op?.failed?.(this.ctx, server, run);
    this.#running[server.id] = undefined;
    this.cloud.nextEpoch(server);
    server.fault = reason;
    this.cloud.transition(
      server,
      { vmState: state, taskState: null, powerState: settledPowerState(state, server.powerState) },
      { action: run.action, outcome: 'failed', reason, elapsed: this.cloud.now - run.acceptedAt, asAdmin: run.asAdmin },
    );
  }

  /** Completes the server's action at once (the API's local delete when no compute can act). */
  finishNow(server: Server): void {
    const run = this.#running[server.id];
    if (run === undefined) return;
    this.cloud.nextEpoch(server);
    this.#complete(server, run);
  }

  /** Continues a stalled action once its host is back. */
  resume(server: Server): void {
    const run = this.#running[server.id];
    if (run === undefined || !run.stalled) return;
    run.stalled = false;
    this.#schedule(server, run);
  }

  /** Times a held step, now that its operation lets it go (a queued live migration whose turn has come). */
  release(server: Server): void {
    const run = this.#running[server.id];
    if (run === undefined || !run.held) return;
    run.held = false;
    this.#schedule(server, run);
  }

  #enterStep(server: Server, run: Running): void {
    const taskState = ACTIONS[run.rule].path[run.step]![0];
    const refusal = this.operations[run.rule]?.enter?.(this.ctx, server, run, taskState) ?? null;
    if (refusal !== null) return this.fail(server, run, refusal);
    this.#schedule(server, run);
  }

  #schedule(server: Server, run: Running): void {
    const op = this.operations[run.rule];
    if (!run.timed) {
      const total = op?.duration?.(this.ctx, server, run) ?? null;
      if (total === null) {
        run.held = true;
        return;
      }
      run.timed = true;
      run.stepDurations = ACTIONS[run.rule].path.map(([, share]) => share * total);
    }
    const extra = op?.extraTime?.(this.ctx, server, run) ?? 0;
    this.cloud.sim.after(run.stepDurations[run.step]! + extra, this.#stepKind, server.id, this.cloud.epochOf(server));
  }

  #advance(serverId: number, epoch: number): void {
    const server = this.cloud.inventory.servers[serverId]!;
    const run = this.#running[serverId];
    if (run === undefined || epoch !== this.cloud.epochOf(server)) return; // superseded
    if (this.#computeIsDead(server, run)) {
      run.stalled = true;
      return;
    }
    run.step++;
    const path = ACTIONS[run.rule].path;
    if (run.step === path.length) {
      const outcome = this.operations[run.rule]?.outcome?.(this.ctx, server, run) ?? null;
      if (outcome === null) return this.#complete(server, run);
      if ('fail' in outcome) return this.fail(server, run, outcome.fail, outcome.vmState);
      run.step = 0;
      this.cloud.transition(server, { taskState: path[0]![0] }, { action: run.action, outcome: 'transition', reason: outcome.retry, asAdmin: run.asAdmin });
      return this.#enterStep(server, run);
    }
    this.cloud.transition(server, { taskState: path[run.step]![0] }, { action: run.action, outcome: 'transition', asAdmin: run.asAdmin });
    this.#enterStep(server, run);
  }

  /** The host whose compute service carries the server's work now (the source, for a confirm). */
  computeHostOf(server: Server): HostId | null {
    const run = this.#running[server.id];
    const op = run === undefined ? undefined : this.operations[run.rule];
    return op?.computeHost?.(server) ?? server.host;
  }

  /** The compute host cannot be reached (dead or cut off): the step waits for it. */
  #computeIsDead(server: Server, run: Running): boolean {
    const host = this.operations[run.rule]?.computeHost?.(server) ?? server.host;
    return host !== null && !reachable(this.cloud.inventory.host(host));
  }

  #complete(server: Server, run: Running): void {
    const op = this.operations[run.rule];
    const finalVmState = op?.finish?.(this.ctx, server, run) ?? resolveFinal(ACTIONS[run.rule], server, run);
    this.#running[server.id] = undefined;
    this.cloud.transition(
      server,
      {
        vmState: finalVmState,
        taskState: null,
        powerState: op?.keepsPowerState ? server.powerState : settledPowerState(finalVmState, server.powerState),
      },
      { action: run.action, outcome: 'completed', elapsed: this.cloud.now - run.acceptedAt, asAdmin: run.asAdmin },
    );
    op?.settled?.(this.ctx, server, run);
  }
}

function resolveFinal(rule: ActionRule, server: Server, run: Running): VmState {
  switch (rule.final) {
    case 'unchanged':
      return server.vmState;
    case 'keep_stopped':
      return run.priorVmState === 'stopped' ? 'stopped' : 'active';
    default:
      return rule.final;
  }
}
