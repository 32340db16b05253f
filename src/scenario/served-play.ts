import type { Nova } from '../cloud/nova.js';
import type { Simulator } from '../engine/simulator.js';
import { forbidden, type Refusal } from '../lifecycle/refusal.js';
import type { ServerGroup } from '../model/server-group.js';
import type { Server } from '../model/server.js';
import { REQUEST_PRIORITY } from './priorities.js';
import { playHostCommand, type OperatorCommands } from './scripted-actions.js';
import type { ServedRequest } from './served-spec.js';

/** What a served request came to: Nova's refusal, the servers a create made, the group made, or done. */
export type ServedOutcome =
  | { readonly refusal: Refusal }
  | { readonly servers: readonly Server[] }
  | { readonly group: ServerGroup }
  | { readonly done: true };

const DONE = { done: true } as const;

/**
 * Takes one served request, as the served cloud took it and as a run of
 * its recording takes it again: the same calls into Nova either way.
 */
export function playServed(entry: ServedRequest, nova: Nova, operators: OperatorCommands): ServedOutcome {
  switch (entry.action) {
    case 'create': {
      const { at: _at, as, min_count: min = 1, max_count: max = min, ...request } = entry;
      const made = nova.api.createMany({ ...request, asAdmin: as === 'admin' }, min, max);
      return 'status' in made ? { refusal: made } : { servers: made };
    }
    case 'create_server_group':
      return createGroup(entry, nova);
    case 'fail_host':
    case 'partition_host':
    case 'fence_host':
    case 'recover_host':
    case 'disable_host':
    case 'enable_host':
    case 'force_down_host':
    case 'unforce_down_host':
      playHostCommand(entry, nova, operators);
      return DONE;
    default: {
      const { at: _at, as, project, server_id: server, ...fields } = entry;
      const refusal = nova.api.submitById({ ...fields, server, asAdmin: as === 'admin' }, project);
      return refusal === null ? DONE : { refusal };
    }
  }
}

/** POST /os-server-groups: the project's server_groups quota (403), then the group. */
function createGroup(entry: Extract<ServedRequest, { action: 'create_server_group' }>, nova: Nova): ServedOutcome {
  const { inventory } = nova.cloud;
  const project = inventory.projects.get(entry.project);
  if (project === undefined) return { refusal: forbidden(`Project ${entry.project} could not be found.`) };
  const quota = nova.extras.quotas.quota(project.id).serverGroups;
  const owned = inventory.groups.reduce((n, g) => n + (g.project === project.id ? 1 : 0), 0);
  if (quota >= 0 && owned + 1 > quota) return { refusal: forbidden('Quota exceeded, too many server groups.') };
  return { group: inventory.addGroup(entry.name, entry.policy, project.id, entry.max_server_per_host) };
}

/** A served request waiting for the simulation to reach its time, then holding what it came to. */
export interface Pending {
  outcome: ServedOutcome | undefined;
}

/**
 * Served requests as events: each at its time, after the model's own
 * events of that instant and before its sample (REQUEST_PRIORITY), in the
 * order they came. The serve command schedules them as they arrive; a run
 * of a recording schedules them all at the start. Either way they are
 * taken at the same point of the same event order.
 */
export class ServedRequests {
  readonly #kind: number;
  readonly #pending: { readonly entry: ServedRequest; readonly slot: Pending }[] = [];

  constructor(
    private readonly sim: Simulator,
    play: (entry: ServedRequest) => ServedOutcome,
  ) {
    this.#kind = sim.register('served request', (i) => {
      const { entry, slot } = this.#pending[i]!;
      slot.outcome = play(entry);
    });
  }

  /** Schedules `entry` at its time (not before now); its outcome is set once the simulation has run to it. */
  schedule(entry: ServedRequest): Pending {
    const slot: Pending = { outcome: undefined };
    this.#pending.push({ entry, slot });
    this.sim.at(entry.at, this.#kind, this.#pending.length - 1, 0, REQUEST_PRIORITY);
    return slot;
  }
}
