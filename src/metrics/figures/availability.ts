import type { PeriodicTask } from '../../lifecycle/requests.js';
import type { HostAction } from '../../cloud/fact-names.js';
import type { HostFact, ServerFact, ServerState } from '../../cloud/facts.js';
import type { HostId, ServerId } from '../../model/ids.js';
import type { Inventory } from '../../model/inventory.js';
import type { TaskState, VmState } from '../../model/states.js';
import { Levels } from '../instruments/level.js';
import type { RunFacts } from '../run-facts.js';


/** The periodic task whose stop of a server found shut off after a host reboot keeps it owed a restart. */
const POWER_SYNC: PeriodicTask = '_sync_power_states';
/**
 * vm_states in which the owner expects the server to run: error is Nova's
 * failure, not the owner's choice, and a resized server runs on its new
 * host until it is confirmed.
 */
const EXPECTED: ReadonlySet<VmState> = new Set(['active', 'error', 'resized']);

/**
 * A rebuild destroys the guest and spawns it again, so it runs nowhere
 * meanwhile, though the model leaves power_state alone. An evacuation
 * spawns a new guest while the old one runs on if its machine is alive (a
 * partitioned host that was not fenced).
 */
const REBUILDING: ReadonlySet<TaskState> = new Set(['rebuilding', 'rebuild_block_device_mapping', 'rebuild_spawning']);

/** Host facts that can start or stop every guest of the host at once. */
const HOST_CHANGES: ReadonlySet<HostAction> = new Set(['fail_host', 'partition_host', 'fence_host', 'recover_host']);

/** What decides whether a server runs: a fact's state after it, or the server's record when its host changes. */
type ServerView = Pick<ServerState, 'vmState' | 'taskState' | 'powerState' | 'host'>;

/** One server's life so far, from its first ACTIVE (its up and down seconds are levels of Availability's). */
interface Life {
  running: boolean;
  expected: boolean;
  /** Stopped by Nova's power sync after its host failed; the owner has not acted since. */
  syncStopped: boolean;
  /** The host of the old incarnation while an evacuation is under way. */
  evacuatingFrom: HostId | null;
  ended: boolean;
}

/** What servers.csv shows of a server's availability. */
export interface ServerAvailability {
  /** Seconds the server was expected to run but did not. */
  readonly downtime: number;
  /** Running seconds over the seconds of its life; 1 for a life of no length. */
  readonly availability: number;
}

const newLife = (): Life => ({
  running: false,
  expected: false,
  syncStopped: false,
  evacuatingFrom: null,
  ended: false,
});

const NEVER_LAUNCHED: ServerAvailability = { downtime: 0, availability: 1 };

/**
 * Per-server availability, integrated from the facts. A server's life runs
 * from the first fact that shows it ACTIVE to its deletion or the end of the
 * run. It is running when its power_state is running and the machine its
 * guest runs on is alive: a zombie listed ACTIVE on a dead host is not
 * running, the guests of a partitioned host are (see REBUILDING for a
 * rebuild or an evacuation under way). It is down when it is expected to
 * run (see EXPECTED, or stopped by the power sync after a host failure
 * until the next request on it) but is not running.
 *
 * Each server fact re-evaluates its server; a host fact that can change
 * whether guests run re-evaluates the servers on that host only.
 */
export class Availability {
  readonly #lives: (Life | undefined)[] = [];
  /** Per server, 1 while it runs and 1 while it is down (expected to run but not running): their areas are its up and down seconds. */
  readonly #up = new Levels();
  readonly #down = new Levels();

  constructor(
    facts: RunFacts,
    /** Read for whether a guest's machine is alive, and for the servers on a host that changed. */
    private readonly inventory: Inventory,
  ) {
    facts.on('server', (fact) => this.#server(fact));
    facts.on('host', (fact) => this.#host(fact));
  }

  #server(fact: ServerFact): void {
    let life = this.#lives[fact.server];
    if (life === undefined) {
      if (fact.status !== 'ACTIVE') return;
      life = newLife();
      this.#lives[fact.server] = life;
      this.#up.start(fact.server, fact.time);
      this.#down.start(fact.server, fact.time);
    }
    // Any request on the server is a decision about it: a sync-stopped server is no longer owed a restart.
    // The stop the power sync itself requests is not one: it carries out the sync.
    if (fact.outcome === 'accepted' && fact.reason !== POWER_SYNC) life.syncStopped = false;
    if (fact.action === 'sync_power_state') life.syncStopped = true;
    if (fact.action === 'evacuate') {
      // The accepted row still names the source: the destination is chosen after it.
      if (fact.outcome === 'accepted') life.evacuatingFrom = fact.host;
      else if (fact.outcome === 'completed' || fact.outcome === 'failed') life.evacuatingFrom = null;
    }
    this.#update(fact.server, fact, life, fact.time);
  }

  #host(fact: HostFact): void {
    if (!HOST_CHANGES.has(fact.action) || fact.outcome === 'rejected' || fact.outcome === 'failed') return;
    for (const id of this.inventory.host(fact.host).servers) {
      const life = this.#lives[id];
      if (life !== undefined) this.#update(id, this.inventory.servers[id]!, life, fact.time);
    }
  }

  /** The server's downtime and availability, its life running on to `endTime` unless deleted. */
  of(server: ServerId, endTime: number): ServerAvailability {
    const life = this.#lives[server];
    if (life === undefined) return NEVER_LAUNCHED;
    const until = life.ended ? this.#up.since(server) : endTime;
    const span = until - this.#up.startOf(server);
    return { downtime: this.#down.areaAt(server, until), availability: span > 0 ? this.#up.areaAt(server, until) / span : 1 };
  }

  /** Accounts the time since the last update with the old state, then reads the new one. */
  #update(id: ServerId, server: ServerView, life: Life, now: number): void {
    if (life.ended) return;
    const guestHost = REBUILDING.has(server.taskState) ? life.evacuatingFrom : server.host;
    life.running = server.powerState === 'running' && guestHost !== null && this.inventory.host(guestHost).alive;
    life.expected = EXPECTED.has(server.vmState) || life.syncStopped;
    life.ended = server.vmState === 'deleted';
    this.#up.set(id, now, life.running ? 1 : 0);
    this.#down.set(id, now, life.expected && !life.running ? 1 : 0);
  }
}
