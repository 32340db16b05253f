import type { Flavor, Image } from '../model/catalog.js';
import { serviceUp, type Host } from '../model/host.js';
import type { Server } from '../model/server.js';
import { accessIpRefusal } from './access-ip-rules.js';
import { CHECKS, type AdmissionView } from './checks.js';
import { hostStatus } from './host-states.js';
import { metadataSizeRefusal } from './metadata-rules.js';
import { decodePersonality } from './personality-rules.js';
import { badRequest, conflict, policyRefusal, type Refusal } from './refusal.js';
import { missingProperty, type LooseFieldsOf, type RequestShape } from './request-fields.js';
import { ACTIONS, type ActionRule, type RuleName } from './server-actions.js';
import { ACTION_NAMES, REQUESTS, type ActionName, type Requester, type ServerRequest } from './requests.js';

type Submittable = Exclude<ActionName, 'create'>;

/** A request as a client sends it: the action and the server the URL names, and a body that may lack what the action needs. */
export type SubmittedRequest = { readonly action: Submittable; readonly server: string } & LooseFieldsOf<(typeof REQUESTS)[Submittable]> & Requester;

/** What an admitted request names, looked up once: the new flavor, the new image, the target host. */
export interface Named {
  readonly flavor?: Flavor | undefined;
  readonly image?: Image | undefined;
  readonly target?: Host | undefined;
}

/**
 * How the API goes on with an admitted request: the compute service does
 * the work; the API deletes the server in its own database because no
 * compute service can (no host, or its service is down); or the request
 * changes nothing (a delete while one is under way).
 */
export type Then = 'compute' | 'local_delete' | 'ignore';

export type Admission =
  | { readonly ok: false; readonly rule: RuleName; readonly refusal: Refusal }
  | { readonly ok: true; readonly rule: RuleName; readonly request: ServerRequest; readonly named: Named; readonly then: Then };

/** Nova's words for a second delete (compute/api.py `_delete`). */
export const ALREADY_DELETING = 'Instance is already in deleting state, ignoring this request';

/** The fields a guard reads. */
export type GuardView = Pick<Server, 'uuid' | 'vmState' | 'taskState' | 'locked' | 'launchedAt'>;

/**
 * Pure, in Nova's order: the request body (400: a required field missing,
 * a value malformed), policy (403), check_instance_lock and
 * check_instance_state (409), check_instance_host (409), then the row's own
 * checks. Returns the row that applies with the HTTP status and Nova's
 * text of the first refusal, or the request complete and what it names.
 */
export function admit(view: AdmissionView, request: SubmittedRequest): Admission {
  const rule = ruleOf(view, request);
  const row: ActionRule = ACTIONS[rule];
  const refuse = (refusal: Refusal): Admission => ({ ok: false, rule, refusal });
  if (!isComplete(request)) return refuse(missingRefusal(request));
  const refusal = formatRefusal(request) ?? guard(view.server, rule, request.asAdmin) ?? hostRefusal(row, view) ?? checksRefusal(row, view, request);
  if (refusal !== null) return refuse(refusal);
  return { ok: true, rule, request, named: named(view, request), then: thenOf(view, rule) };
}

/**
 * The decorators alone, in Nova's order: policy (403), then
 * check_instance_lock, then check_instance_state (vm_state, task_state,
 * launched_at), each refusal with Nova's own text.
 */
export function guard(server: GuardView, rule: RuleName, asAdmin: boolean): Refusal | null {
  const row: ActionRule = ACTIONS[rule];
  if (row.adminOnly && !asAdmin) return policyRefusal(row.policy);
  if (row.lockGuarded && server.locked && !asAdmin) return conflict(`Instance ${server.uuid} is locked`);
  if (row.vmStates !== 'any' && !row.vmStates.includes(server.vmState)) return invalidState(row.api, server.uuid, 'vm_state', server.vmState);
  if (row.taskStates !== 'any' && !row.taskStates.includes(server.taskState))
    return invalidState(row.api, server.uuid, 'task_state', server.taskState ?? 'None');
  if (row.mustHaveLaunched && server.launchedAt === null) return invalidState(row.api, server.uuid, 'launched_at', 'None');
  return null;
}

/** common.raise_http_conflict_for_instance_invalid_state's text (HTTP 409). */
const invalidState = (action: string, uuid: string, attr: string, state: string): Refusal =>
  conflict(`Cannot '${action}' instance ${uuid} while it is in ${attr} ${state}`);

/**
 * Nova splits reboot by type, and delete by reclaim_instance_interval; a
 * server that never launched, or that no compute service can reach, is
 * deleted outright.
 */
function ruleOf(view: AdmissionView, request: SubmittedRequest): RuleName {
  if (request.action === 'reboot' && request.type === 'HARD') return 'reboot_hard';
  if (request.action === 'delete' && view.softDeletes && view.server.launchedAt !== null && computeUp(view)) return 'soft_delete';
  return request.action;
}

/** The server's compute service can act: it has a host whose service is up. */
const computeUp = (view: AdmissionView): boolean => view.server.host !== null && serviceUp(view.host(view.server.host), view.now);

/** Per action, the required properties of its body (the server is the URL's), each with where Nova's 400 finds it missing. */
const REQUIRED_BODY: ReadonlyMap<ActionName, readonly (readonly [field: string, body: readonly [string, string]])[]> = new Map(
  ACTION_NAMES.map((action) => {
    const shape: RequestShape = REQUESTS[action];
    return [action, Object.entries(shape).flatMap(([name, field]) => (field.required && 'body' in field && field.body ? [[name, field.body] as const] : []))];
  }),
);

/** Where the first required property the body lacks belongs, as Nova's 400 names it. */
function firstMissing(request: SubmittedRequest): readonly [root: string, key: string] | undefined {
  const given: Readonly<Record<string, unknown>> = request;
  return REQUIRED_BODY.get(request.action)?.find(([name]) => given[name] === undefined)?.[1];
}

const isComplete = (request: SubmittedRequest): request is ServerRequest => firstMissing(request) === undefined;

/** Nova's request schema: 400 for the first required property the body lacks. */
const missingRefusal = (request: SubmittedRequest): Refusal => badRequest(missingProperty(firstMissing(request) ?? [request.action, 'server']));

/**
 * The value of `field` when the request's action takes it. A body may
 * carry fields its action does not take: Nova's request schema would
 * refuse them; novasim leaves them out.
 */
function taken<F extends keyof SubmittedRequest>(request: SubmittedRequest, field: F): SubmittedRequest[F] | undefined {
  return field in REQUESTS[request.action] ? request[field] : undefined;
}

/** The 400s of values the action takes, which Nova's request schema and body checks give before anything else. */
function formatRefusal(request: SubmittedRequest): Refusal | null {
  const metadata = taken(request, 'metadata');
  const personality = taken(request, 'personality');
  const files = personality === undefined ? [] : decodePersonality(personality);
  return (
    accessIpRefusal('accessIPv4', taken(request, 'access_ip_v4'), 4) ??
    accessIpRefusal('accessIPv6', taken(request, 'access_ip_v6'), 6) ??
    (metadata === undefined ? null : metadataSizeRefusal(metadata)) ??
    (Array.isArray(files) ? null : files)
  );
}

/** check_instance_host: InstanceNotReady without a host; ServiceUnavailable unless its service is UP or MAINTENANCE (both 409). */
function hostRefusal(row: ActionRule, view: AdmissionView): Refusal | null {
  const { server } = view;
  if (row.host === 'none') return null;
  if (server.host === null) return conflict(`Instance ${server.uuid} is not ready`);
  const status = hostStatus(view.host(server.host), view.now);
  return row.host === 'up' && status !== 'UP' && status !== 'MAINTENANCE' ? conflict('Service is unavailable at this time.') : null;
}

function checksRefusal(row: ActionRule, view: AdmissionView, request: ServerRequest): Refusal | null {
  for (const name of row.checks) {
    const refusal = CHECKS[name](view, request);
    if (refusal !== null) return refusal;
  }
  return null;
}

function named(view: AdmissionView, request: SubmittedRequest): Named {
  const [flavor, image, host] = [taken(request, 'flavor'), taken(request, 'image'), taken(request, 'host')];
  return {
    flavor: flavor === undefined ? undefined : view.flavor(flavor),
    image: image === undefined ? undefined : view.image(image),
    target: host === undefined ? undefined : view.hostNamed(host),
  };
}

/** The API deletes in its own database when no compute service can; a delete while one is under way is ignored, unless no compute can finish it. */
function thenOf(view: AdmissionView, rule: RuleName): Then {
  const deleting = view.server.taskState === 'deleting' || view.server.taskState === 'soft-deleting';
  const up = computeUp(view);
  if ((rule === 'delete' || rule === 'soft_delete') && deleting && up) return 'ignore';
  return (rule === 'delete' || rule === 'force_delete') && !up ? 'local_delete' : 'compute';
}
