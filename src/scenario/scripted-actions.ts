import type { Nova } from '../cloud/nova.js';
import type { Host } from '../model/host.js';
import type { FieldKind, FieldTypes, RequestShape } from '../lifecycle/request-fields.js';
import { ACTION_NAMES, REQUESTS, type ActionName } from '../lifecycle/requests.js';
import type { Scripted } from '../workload/timeline.js';
import { def, duration, oneOf, opt, req, union, type Field, type Spec } from './spec.js';

/**
 * The scenario's `actions:` entries: one branch per action, discriminated
 * on `action`. A server action's fields are its request's, generated from
 * the request table (lifecycle/server-actions.ts REQUESTS); a host command
 * (a failure or an operator's act, not a Nova API request) has its own.
 */

/** How the file writes each kind of request field. */
export type FieldSpecs = { readonly [K in FieldKind]: Spec<FieldTypes[K]> };

type Value<F> = F extends { readonly kind: infer K extends FieldKind } ? FieldTypes[K] : never;
/** A request shape as scenario fields: required ones required, the others optional. */
type EntryFields<S extends RequestShape> = { [F in keyof S]: Field<S[F] extends { readonly required: true } ? Value<S[F]> : Value<S[F]> | undefined> };

const AT = req(duration(), 'when, from the start of the run');
const AS = def(oneOf(['member', 'admin'] as const), 'member' as 'member' | 'admin', "who asks: the server's project member (default) or an admin");

export function requestFields<S extends RequestShape>(shape: S, kinds: FieldSpecs): EntryFields<S> {
  // Object.fromEntries forgets the keys; each field keeps its request table entry's kind and requiredness.
  const field = (f: RequestShape[string]): Field<unknown> => {
    const spec: Spec<unknown> = kinds[f.kind];
    return f.required ? req(spec, f.doc) : opt(spec, f.doc);
  };
  return Object.fromEntries(Object.entries(shape).map(([name, f]) => [name, field(f)])) as EntryFields<S>;
}

/** The commands about a host: what breaks and what operators do (not Nova API requests, so no `as`). */
export function hostCommands(name: Spec<string>) {
  const onHost = { at: AT, host: req(name, 'the host, by name') };
  // prettier-ignore
  return {
    fail_host: onHost, partition_host: onHost, fence_host: onHost, recover_host: onHost, disable_host: onHost, enable_host: onHost,
    force_down_host: onHost, unforce_down_host: onHost, power_off_host: onHost, power_on_host: onHost,
    drain_host: { ...onHost, update_duration: opt(duration(), 'once the host is empty, update it for this long, then enable its service again') },
  };
}

type HostCommandSpecs = ReturnType<typeof hostCommands>;
/** A host command as the file gives it. */
export type HostCommand = { [A in keyof HostCommandSpecs]: { readonly action: A } & { readonly [F in keyof HostCommandSpecs[A]]: HostCommandSpecs[A][F] extends Field<infer T> ? T : never } }[keyof HostCommandSpecs];

/** The spec of one `actions:` entry. */
export function actionEntrySpec(name: Spec<string>, kinds: FieldSpecs) {
  const requests = Object.fromEntries(ACTION_NAMES.map((action) => [action, { at: AT, as: AS, ...requestFields(REQUESTS[action], kinds) }])) as {
    [A in ActionName]: { at: typeof AT; as: typeof AS } & EntryFields<(typeof REQUESTS)[A]>;
  };
  return union('action', { ...requests, ...hostCommands(name) }, 'an action mapping');
}

export type ActionEntry = ReturnType<typeof actionEntrySpec> extends Spec<infer T> ? T : never;

/** What operators do when a scenario asks (drain_host). */
export interface OperatorCommands {
  drainHost(host: Host, updateDuration: number | undefined): void;
}

/** The scripted calls of a scenario's `actions:`, in file order. */
export function scriptedCalls(entries: readonly ActionEntry[], nova: Nova, operators: OperatorCommands): Scripted[] {
  return entries.map((entry) => ({ at: entry.at, play: playOf(entry, nova, operators) }));
}

const isRequest = (entry: ActionEntry): entry is Extract<ActionEntry, { readonly action: ActionName }> => Object.hasOwn(REQUESTS, entry.action);

function playOf(entry: ActionEntry, nova: Nova, operators: OperatorCommands): () => void {
  if (!isRequest(entry)) return () => playHostCommand(entry, nova, operators);
  const { at: _at, as, ...request } = entry;
  const asAdmin = as === 'admin';
  if (request.action === 'create') return () => nova.api.create({ ...request, asAdmin });
  return () => nova.api.submit({ ...request, asAdmin });
}

/** Does what a host command says, to the host it names (a validated scenario names existing hosts only). */
export function playHostCommand(entry: HostCommand, nova: Nova, operators: OperatorCommands): void {
  const host = nova.cloud.inventory.hostNamed(entry.host) ?? unknownHost(entry.host);
  switch (entry.action) {
    case 'fail_host':
      return nova.hosts.fail(host);
    case 'partition_host':
      return nova.hosts.partition(host);
    case 'fence_host':
      return nova.hosts.fence(host);
    case 'recover_host':
      return nova.hosts.recover(host);
    case 'disable_host':
      return nova.hosts.setEnabled(host, false);
    case 'enable_host':
      return nova.hosts.setEnabled(host, true);
    case 'force_down_host':
      return nova.hosts.setForcedDown(host, true);
    case 'unforce_down_host':
      return nova.hosts.setForcedDown(host, false);
    case 'power_off_host':
      return nova.hosts.powerOff(host);
    case 'power_on_host':
      return nova.hosts.powerOn(host);
    case 'drain_host':
      return operators.drainHost(host, entry.update_duration);
  }
}

function unknownHost(name: string): never {
  throw new RangeError(`no host ${name}`);
}
