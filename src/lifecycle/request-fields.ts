import type { RequestedNetworks } from '../model/network.js';
import type { PersonalityItem } from './personality-rules.js';

/** What each kind of request field holds. A field's name has one kind in every action that takes it. */
export interface FieldTypes {
  /** A server, flavor, image, project, host, server group, zone or backup type, by name. */
  readonly name: string;
  readonly flag: boolean;
  /** A whole number >= 0. */
  readonly count: number;
  readonly reboot_type: 'SOFT' | 'HARD';
  /** The vm_state os-resetState sets. */
  readonly reset_state: 'active' | 'error';
  /** A server's accessIPv4 and accessIPv6, as given (the API keeps their canonical text). */
  readonly access_ipv4: string;
  readonly access_ipv6: string;
  /** An admin password: kept in memory only, never logged or written. */
  readonly password: string;
  readonly metadata: Readonly<Record<string, string>>;
  readonly personality: readonly PersonalityItem[];
  readonly networks: RequestedNetworks;
  /** MB/s of RAM a guest dirties. */
  readonly dirty_rate: number;
}
export type FieldKind = keyof FieldTypes;

/**
 * One field of a request. A required field that Nova's request body
 * carries names where: the body's root key and the field's key there, as
 * the API's 400 for its absence names them. The server itself is named by
 * the URL, so it has no body key.
 */
export type RequestField =
  | { readonly kind: FieldKind; readonly required: true; readonly body?: readonly [root: string, key: string]; readonly doc: string }
  | { readonly kind: FieldKind; readonly required: false; readonly doc: string };

export const need = <K extends FieldKind>(kind: K, doc: string, body?: readonly [root: string, key: string]) =>
  ({ kind, required: true, doc, ...(body ? { body } : {}) }) as const;
export const may = <K extends FieldKind>(kind: K, doc: string) => ({ kind, required: false, doc }) as const;

/** An action's fields, by the names scenario files and requests give them. */
export type RequestShape = Readonly<Record<string, RequestField>>;

type ValueOf<F> = F extends { readonly kind: infer K extends FieldKind } ? FieldTypes[K] : never;
type RequiredKeys<S> = { [F in keyof S]: S[F] extends { readonly required: true } ? F : never }[keyof S];

type KeysOfUnion<U> = U extends unknown ? keyof U : never;

/** A body as a client may send it for any of the shapes `U`: every field optional, of its kind. */
export type LooseFieldsOf<U extends RequestShape> = {
  readonly [F in KeysOfUnion<U>]?: ValueOf<Extract<U, Readonly<Record<F, RequestField>>>[F]> | undefined;
};

/** A complete request of one shape: its required fields present, the others optional. */
export type FieldsOf<S extends RequestShape> = { readonly [F in RequiredKeys<S>]: ValueOf<S[F]> } & {
  readonly [F in Exclude<keyof S, RequiredKeys<S>>]?: ValueOf<S[F]> | undefined;
};

/** The 400 Nova's request schema gives a body without a required property. */
export const missingProperty = ([root, key]: readonly [string, string]): string =>
  `Invalid input for field/attribute ${root}. '${key}' is a required property`;
