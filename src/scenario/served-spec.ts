import { ACTION_NAMES, REQUESTS, type ActionName } from '../lifecycle/requests.js';
import { GROUP_POLICIES } from '../model/server-group.js';
import { hostCommands, requestFields, type FieldSpecs } from './scripted-actions.js';
import { def, duration, list, num, obj, oneOf, opt, req, str, union, type Issue, type Path, type Spec } from './spec.js';

/**
 * The `served:` section: what the clients of a served cloud (novasim
 * serve --record) asked, each request at the simulated time it was taken,
 * and when the served run stopped. A run of a file with this section takes
 * the same requests at the same instants and stops at the same time, so it
 * writes the same results folder. Requests refer to servers and groups by
 * id, as the Compute API does, and their names may repeat.
 */

/** The ids servers and groups have (uuidFor in model/inventory.ts makes them). */
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

const AT = req(duration(), 'when the served cloud took the request, from the start of the run');
const AS = def(oneOf(['member', 'admin'] as const), 'member' as 'member' | 'admin', 'the role of the token: member, or admin');

/** The host commands an admin may give a served cloud: its admin endpoint and os-services. */
const SERVED_HOST_COMMANDS = [
  'fail_host', 'partition_host', 'fence_host', 'recover_host', 'disable_host', 'enable_host', 'force_down_host', 'unforce_down_host',
] as const;

/**
 * The spec of one served request. `kinds` are the request fields as the
 * API takes them (names are any text, as clients send them: a request
 * naming no existing flavor is one Nova refused, and replays as that
 * refusal). The serve command checks each request it records with it, so
 * a recording always reads back.
 */
export function servedRequestSpec(kinds: FieldSpecs, projectName: Spec<string>, hostName: Spec<string>) {
  const project = req(projectName, 'the project of the token the request came with');

  const { server: _server, dirty_rate_mb_s: _modelOnly, ...createFields } = requestFields(REQUESTS.create, kinds);
  const uuid = str({ pattern: UUID, description: 'an id (a UUID)' });
  const serverId = req(uuid, 'the server, by the id the request named');
  const onServer = Object.fromEntries(
    ACTION_NAMES.filter((a) => a !== 'create').map((action) => {
      const { server: _byName, ...fields } = requestFields(REQUESTS[action], kinds);
      return [action, { at: AT, as: AS, project, server_id: serverId, ...fields }];
    }),
  ) as { [A in Exclude<ActionName, 'create'>]: { at: typeof AT; as: typeof AS; project: typeof project; server_id: typeof serverId } & OnServerFields<A> };
  const commands = hostCommands(hostName);
  const served = Object.fromEntries(SERVED_HOST_COMMANDS.map((c) => [c, commands[c]])) as Pick<typeof commands, (typeof SERVED_HOST_COMMANDS)[number]>;
  const count = (doc: string) => opt(num({ min: 1, integer: true }), doc);
  return union('action', {
    create: {
      at: AT, as: AS, ...createFields, project,
      server: req(kinds.name, "the new server's name (more than one server: name-1, name-2, ...)"),
      group: opt(uuid, 'the server group to join, by id (the scheduler hint group)'),
      min_count: count('fewest servers to make (default 1)'),
      max_count: count('most servers to make (default min_count)'),
    },
    ...onServer,
    ...served,
    create_server_group: {
      at: AT, project,
      name: req(kinds.name, "the group's name"),
      policy: req(oneOf(GROUP_POLICIES)),
      max_server_per_host: opt(num({ min: 1, integer: true }), 'the anti-affinity rule'),
    },
  }, 'a served request mapping');
}

/** The section: when the served run stopped, and its requests. */
export function servedSpec<R>(request: Spec<R>) {
  return obj({
    stopped_at: req(duration(), 'when the served run stopped (SIGINT or SIGTERM): a run of this file stops here too'),
    requests: def(list(request), [], 'the requests the served cloud took, in the order it took them'),
  });
}

/** The fields of a request on a server, but the server itself (named by `server_id`). */
type OnServerFields<A extends ActionName> = Omit<ReturnType<typeof requestFields<(typeof REQUESTS)[A]>>, 'server'>;

export type ServedRequest = ReturnType<typeof servedRequestSpec> extends Spec<infer T> ? T : never;
export interface ServedSection {
  readonly stopped_at: number;
  readonly requests: readonly ServedRequest[];
}

/** The section's cross-checks: it ends within the duration, each request before it ends, naming known projects and hosts. */
export function checkServed(served: ServedSection | undefined, duration: number, projects: ReadonlySet<string>, hosts: ReadonlySet<string>): Issue[] {
  if (served === undefined) return [];
  const issues: Issue[] = [];
  if (served.stopped_at > duration) issues.push({ path: ['served', 'stopped_at'], message: `expected a time within the scenario's duration (${duration}s)` });
  served.requests.forEach((r, i) => {
    const at = (field: string): Path => ['served', 'requests', i, field];
    if (r.at > served.stopped_at) issues.push({ path: at('at'), message: `expected a time at or before stopped_at (${served.stopped_at}s)` });
    if ('project' in r && !projects.has(r.project)) issues.push({ path: at('project'), message: `unknown project '${r.project}'` });
    // A target host a request names may be unknown (Nova refused it); a host command names one that exists.
    if (isHostCommand(r) && !hosts.has(r.host)) issues.push({ path: at('host'), message: `unknown host '${r.host}'` });
  });
  return issues;
}

type ServedHostCommand = Extract<ServedRequest, { readonly action: (typeof SERVED_HOST_COMMANDS)[number] }>;
const isHostCommand = (r: ServedRequest): r is ServedHostCommand => (SERVED_HOST_COMMANDS as readonly string[]).includes(r.action);
