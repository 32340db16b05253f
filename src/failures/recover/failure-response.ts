import type { RandomStreams, Rng } from '../../engine/random.js';
import type { Simulator } from '../../engine/simulator.js';
import type { Nova } from '../../cloud/nova.js';
import { reachable, type Host } from '../../model/host.js';
import type { HostId, ServerId } from '../../model/ids.js';
import type { Server } from '../../model/server.js';
import type { FailureResponse } from '../types.js';

/** The vm_states Nova lets evacuate act on. */
const EVACUABLE = new Set(['active', 'stopped', 'error']);

/**
 * An operator answering host failures (recovery only: failures/inject
 * causes them). In manual mode nothing happens until scripted actions. In
 * automatic mode, `delay` after Nova counts the service down, the operator
 * fences the host if asked (each attempt takes fence_duration and may
 * fail; after fence_retries more attempts the servers are evacuated
 * unfenced), then evacuates every server of the host, at most
 * max_parallel_evacuations at a time. A server stuck in a task on the dead
 * host is reset to active first, as operators do, since evacuate needs
 * task_state None. A host this operator fenced is enabled again once
 * repaired, when reenable_after_repair says so.
 */
export class FailureResponder {
  readonly #respond: number;
  readonly #fenceDone: number;
  readonly #rng: Rng;
  readonly #queue: { readonly host: HostId; readonly server: Server }[] = [];
  readonly #inFlight = new Set<ServerId>();
  readonly #fencedByUs = new Set<HostId>();

  constructor(
    private readonly sim: Simulator,
    private readonly nova: Nova,
    private readonly policy: FailureResponse,
    streams: RandomStreams,
  ) {
    this.#rng = streams.stream('fencing');
    this.#respond = sim.register('operator-respond', (id) => this.#act(this.#host(id)));
    this.#fenceDone = sim.register('operator-fence-done', (id, attempt) => this.#fenceAttemptEnds(this.#host(id), attempt));
  }

  start(): void {
    if (this.policy.mode !== 'automatic') return;
    this.nova.hosts.subscribe({
      serviceDown: (host) => void this.sim.after(this.policy.delay, this.#respond, host.id),
      recovered: (host) => this.#recovered(host),
    });
    this.nova.cloud.onActionEnd((server, action) => {
      if (action === 'evacuate' && this.#inFlight.delete(server.id)) this.#pump();
    });
  }

  #host(id: number): Host {
    return this.nova.cloud.inventory.hosts[id]!;
  }

  #act(host: Host): void {
    if (reachable(host)) return; // back before the operator got to it
    if (this.policy.fence && !host.fenced) this.sim.after(this.policy.fence_duration, this.#fenceDone, host.id, 1);
    else this.#evacuateAll(host);
  }

  #fenceAttemptEnds(host: Host, attempt: number): void {
    if (reachable(host) || host.fenced) return;
    if (this.#rng.next() >= this.policy.fence_failure_probability) {
      this.nova.hosts.fence(host);
      this.#fencedByUs.add(host.id);
      return this.#evacuateAll(host);
    }
    const last = attempt > this.policy.fence_retries;
    const reason = last ? `fencing attempt ${attempt} failed; evacuating unfenced` : `fencing attempt ${attempt} failed`;
    this.nova.cloud.hostFact(host, 'fence_host', 'failed', reason);
    if (last) this.#evacuateAll(host);
    else this.sim.after(this.policy.fence_duration, this.#fenceDone, host.id, attempt + 1);
  }

  #evacuateAll(host: Host): void {
    const { inventory } = this.nova.cloud;
    for (const id of host.servers) {
      const server = inventory.servers[id]!;
      if (server.host === host.id && EVACUABLE.has(server.vmState) && !host.evacuated.has(id)) this.#queue.push({ host: host.id, server });
    }
    this.#pump();
  }

  #pump(): void {
    while (this.#inFlight.size < this.policy.max_parallel_evacuations && this.#queue.length > 0) {
      const { host, server } = this.#queue.shift()!;
      if (server.host !== host || reachable(this.#host(host))) continue; // moved, deleted or back meanwhile
      if (server.taskState !== null) this.#submit('reset_state', server, { state: 'active' });
      this.#submit('evacuate', server, {});
      if (this.nova.executor.running(server)?.request.action === 'evacuate') this.#inFlight.add(server.id);
    }
  }

  #submit(action: 'evacuate' | 'reset_state', server: Server, fields: { state?: 'active' }): void {
    this.nova.api.submit({ action, server: server.name, ...fields, asAdmin: true });
  }

  #recovered(host: Host): void {
    if (this.#fencedByUs.delete(host.id) && this.policy.reenable_after_repair) this.nova.hosts.setEnabled(host, true);
  }
}
