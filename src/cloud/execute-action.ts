import type { Named } from '../lifecycle/admit.js';
import { settledPowerState } from '../lifecycle/power-state.js';
import { ACTIONS, type ActionRule, type InitHost, type RuleName } from '../lifecycle/server-actions.js';
import { reachable } from '../model/host.js';
import type { HostId } from '../model/ids.js';
import type { Server } from '../model/server.js';
import type { VmState } from '../model/states.js';
import type { Cloud } from './cloud.js';
import type { AnyRequest, OperationContext, Operations, Running } from './operation.js';

/**
 * The one executor for table rows: sets the API's task_state on acceptance,
 * walks the row's task_states over the sampled duration, then settles the
 * final states the row names. Steps on a dead compute host wait (stall)
 * until the host comes back; a newer action on the same server makes older
 * steps stale. Operations add their effects at the steps.
 */
export class ActionExecutor {
  readonly #running: (Running | undefined)[] = [];
  readonly #stepKind: number;

  private readonly cloud: Cloud;

  constructor(
    private readonly ctx: OperationContext,
    private readonly operations: Operations,
  ) {
    this.cloud = ctx.cloud;
    this.#stepKind = ctx.cloud.sim.register('action-step', (server, epoch) => this.#advance(server, epoch));
  }

  running(server: Server): Running | undefined {
    return this.#running[server.id];
  }

  /** Starts an admitted action; emits its `accepted` row (a periodic task's request names the task as its reason). */
  start(server: Server, rule: RuleName, request: AnyRequest, named: Named): void {
    const row: ActionRule = ACTIONS[rule];
    const op = this.operations[rule];
    const reason = request.periodic ?? '';
    const run: Running = {
      rule, request, named, acceptedAt: this.cloud.now, priorVmState: server.vmState, step: 0, stalled: false, held: false, timed: true, stepDurations: [],
      state: op?.newState?.(),
    };
    if (row.apiOnly) return this.#apiOnly(server, run, reason);
    const previous = this.#running[server.id];
    if (previous !== undefined) this.operations[previous.rule]?.superseded?.(this.ctx, server, previous);
    this.cloud.nextEpoch(server);
    // An operation that models its own duration draws nothing from the durations stream.
    const modelled = op?.duration !== undefined;
    const total = row.path.length === 0 || modelled ? 0 : this.cloud.durations.of(rule, server);
    run.timed = !modelled;
    run.stepDurations = row.path.map(([, share]) => share * total);
    this.#running[server.id] = run;
    const first = row.path[0];
    this.cloud.transition(server, first ? { taskState: first[0] } : {}, { action: request.action, outcome: 'accepted', reason, asAdmin: request.asAdmin });
    if (first === undefined) return this.#complete(server, run);
    this.#enterStep(server, run);
  }

  /** The API alone sets fields in its database: whatever the server is doing goes on, and its timers stay valid. */
  #apiOnly(server: Server, run: Running, reason: string): void {
    const label = { action: run.request.action, asAdmin: run.request.asAdmin } as const;
    this.cloud.record(server, { ...label, outcome: 'accepted', reason });
    this.operations[run.rule]?.finish?.(this.ctx, server, run);
    this.cloud.record(server, { ...label, outcome: 'completed' });
  }

  /** Ends the server's action with a failure; `reason` becomes its fault. The vm_state is `vmState`, else the row's onFailure. */
  fail(server: Server, run: Running, reason: string, vmState?: VmState): void {
    const state = vmState ?? (ACTIONS[run.rule].onFailure === 'error' ? 'error' : run.priorVmState);
    this.operations[run.rule]?.failed?.(this.ctx, server, run);
    this.#running[server.id] = undefined;
    this.cloud.nextEpoch(server);
    server.fault = reason;
    this.cloud.transition(
      server,
      { vmState: state, taskState: null, powerState: settledPowerState(state, server.powerState) },
      { action: run.request.action, outcome: 'failed', reason, elapsed: this.cloud.now - run.acceptedAt, asAdmin: run.request.asAdmin },
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

  /** Times a held step, now that its operation lets it go (a queued build, snapshot or live migration whose turn has come, a downloaded image). */
  release(server: Server): void {
    const run = this.#running[server.id];
    if (run === undefined || !run.held) return;
    run.held = false;
    this.#schedule(server, run);
  }

  /** What init_host does with the server's action, interrupted in its current step by a host failure (the row's answer). */
  initHostOf(run: Running): InitHost {
    return ACTIONS[run.rule].path[run.step]?.[2] ?? 'clear';
  }

  #taskOf(run: Running) {
    return ACTIONS[run.rule].path[run.step]?.[0] ?? null;
  }

  #enterStep(server: Server, run: Running): void {
    const refusal = this.operations[run.rule]?.enter?.(this.ctx, server, run, this.#taskOf(run)) ?? null;
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
    const copy = op?.copySeconds === undefined ? 0 : op.copySeconds(this.ctx, server, run, this.#taskOf(run));
    if (copy === null) {
      run.held = true;
      return;
    }
    this.cloud.sim.after((run.stepDurations[run.step] ?? 0) + copy, this.#stepKind, server.id, this.cloud.epochOf(server));
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
    const label = { action: run.request.action, outcome: 'transition', asAdmin: run.request.asAdmin } as const;
    if (run.step === path.length) {
      const outcome = this.operations[run.rule]?.outcome?.(this.ctx, server, run) ?? null;
      if (outcome === null) return this.#complete(server, run);
      if ('fail' in outcome) return this.fail(server, run, outcome.fail, outcome.vmState);
      run.step = 0;
      this.cloud.transition(server, { taskState: this.#taskOf(run) }, { ...label, reason: outcome.retry });
      return this.#enterStep(server, run);
    }
    this.cloud.transition(server, { taskState: this.#taskOf(run) }, label);
    this.#enterStep(server, run);
  }

  /** The host whose compute service carries the server's work now (the source, for a confirm). */
  computeHostOf(server: Server): HostId | null {
    const run = this.#running[server.id];
    return run !== undefined && ACTIONS[run.rule].compute === 'source' ? (server.migration?.sourceHost ?? server.host) : server.host;
  }

  /** The compute host cannot be reached (dead or cut off): the step waits for it. */
  #computeIsDead(server: Server, run: Running): boolean {
    const host = ACTIONS[run.rule].compute === 'source' ? (server.migration?.sourceHost ?? server.host) : server.host;
    return host !== null && !reachable(this.cloud.inventory.host(host));
  }

  #complete(server: Server, run: Running): void {
    const row: ActionRule = ACTIONS[run.rule];
    const op = this.operations[run.rule];
    const finalVmState = resolveFinal(row, server, run);
    op?.finish?.(this.ctx, server, run);
    this.#running[server.id] = undefined;
    this.cloud.transition(
      server,
      {
        vmState: finalVmState,
        taskState: null,
        powerState: row.powerState === 'keep' ? server.powerState : settledPowerState(finalVmState, server.powerState),
      },
      { action: run.request.action, outcome: 'completed', elapsed: this.cloud.now - run.acceptedAt, asAdmin: run.request.asAdmin },
    );
    op?.settled?.(this.ctx, server, run);
  }
}

/** The row's final vm_state, read before the operation's effects (a confirm drops the move it reads). */
function resolveFinal(row: ActionRule, server: Server, run: Running): VmState {
  const stoppedOr = (state: VmState | undefined): VmState => (state === 'stopped' ? 'stopped' : 'active');
  switch (row.final) {
    case 'unchanged':
      return server.vmState;
    case 'keep_stopped':
      return stoppedOr(run.priorVmState);
    case 'as_before_move':
      return stoppedOr(server.migration?.priorVmState);
    case 'requested':
      return ('state' in run.request ? run.request.state : undefined) ?? 'error';
    default:
      return row.final;
  }
}
