/**
 * The one request table, beside the lifecycle rows: each action's fields,
 * which are required, their kinds, and where Nova's 400 finds a missing one.
 * The scenario's `actions:` entries, the request types and the JSON Schema
 * are all generated from it.
 */
import { may, need, type FieldsOf, type RequestShape } from './request-fields.js';

const server = need('name', 'the server, by name');
const host = may('name', 'the target host, which the scheduler still filters (default: the scheduler chooses)');
const adminPass = may('password', 'the admin password (Nova generates one when absent); never written to any output');
const accessIPv4 = may('access_ipv4', "the server's accessIPv4");
const accessIPv6 = may('access_ipv6', "the server's accessIPv6");
const personality = may('personality', 'files to inject once the server is built, contents in base64');
const serverOnly = { server } as const;

/**
 * What each action's request carries, under the names scenario files and
 * requests give them: the one request format. Scenario entries, their
 * JSON Schema and the request types are generated from it.
 */
// prettier-ignore
export const REQUESTS = {
  create: {
    server: need('name', "the new server's name"), flavor: need('name', 'the flavor, by name'), image: need('name', 'the image, by name'),
    project: need('name', 'the project that owns the server'), boot_from_volume: may('flag', 'the server boots from a volume (its disk survives evacuation)'),
    group: may('name', 'a server group of the same project to join'), availability_zone: may('name', 'the zone to build in; an admin may force a host with zone:host (Nova\'s legacy form), which bypasses the filters'),
    networks: may('networks', "the server's NICs: auto (the default: the only network), none, or networks, ports and fixed IPs (Compute API 2.37)"),
    access_ip_v4: accessIPv4, access_ip_v6: accessIPv6, admin_pass: adminPass, metadata: may('metadata', 'key -> value'), personality,
    dirty_rate_mb_s: may('dirty_rate', "MB/s of RAM the guest dirties, over its flavor's"),
  },
  reboot:             { server, type: may('reboot_type', 'SOFT (default) or HARD') },
  rebuild:            { server, image: may('name', 'the new image (default: the current one)'), admin_pass: adminPass,
                        metadata: may('metadata', "key -> value, replacing the server's"), personality },
  evacuate:           { server, host },
  resize:             { server, flavor: need('name', 'the new flavor', ['resize', 'flavorRef']) },
  migrate:            { server, host },
  confirm_resize:     serverOnly,
  revert_resize:      serverOnly,
  live_migrate:       { server, host },
  pause:              serverOnly,
  unpause:            serverOnly,
  suspend:            serverOnly,
  resume:             serverOnly,
  snapshot:           serverOnly,
  backup:             { server, backup_type: need('name', 'its type, e.g. daily or weekly', ['createBackup', 'backup_type']),
                        rotation: need('count', 'how many backups of that type to keep', ['createBackup', 'rotation']) },
  start:              serverOnly,
  stop:               serverOnly,
  delete:             serverOnly,
  restore:            serverOnly,
  force_delete:       serverOnly,
  shelve:             serverOnly,
  shelve_offload:     serverOnly,
  unshelve:           serverOnly,
  lock:               serverOnly,
  unlock:             serverOnly,
  rescue:             serverOnly,
  unrescue:           serverOnly,
  set_admin_password: { server, admin_pass: need('password', 'the new admin password; never written to any output', ['changePassword', 'adminPass']) },
  reset_state:        { server, state: may('reset_state', 'active or error (default error)') },
  update_server:      { server, access_ip_v4: accessIPv4, access_ip_v6: accessIPv6 },
  update_metadata:    { server, metadata: need('metadata', "key -> value, merged into the server's", ['metadata', 'metadata']) },
  set_metadata:       { server, metadata: need('metadata', "key -> value, replacing all of the server's", ['metadata', 'metadata']) },
} as const satisfies Record<string, RequestShape>;

/** What names an action in scenario files, requests, events.csv and summary.json. */
export type ActionName = keyof typeof REQUESTS;

export const ACTION_NAMES = Object.keys(REQUESTS) as readonly ActionName[];

/** The compute manager's periodic tasks that request an action on one server. */
export type PeriodicTask = '_poll_unconfirmed_resizes' | '_reclaim_queued_deletes' | '_poll_shelved_instances' | '_poll_rescued_instances' | '_sync_power_states';

/** Why shelve offloads at once instead of waiting for _poll_shelved_instances. */
export type OffloadAtOnce = 'volume-backed' | 'shelved_offload_time=0';

/** Who asks: the server's project (a member) or an admin. Periodic tasks act as admin. */
export type Requester = {
  readonly asAdmin: boolean;
  /** Set for actions Nova starts itself (auto-confirm, offload, reclaim); the accepted row gives it as the reason. */
  readonly periodic?: PeriodicTask | OffloadAtOnce;
};

/** A complete request for one action: its required fields present. */
export type RequestOf<A extends ActionName> = A extends ActionName ? { readonly action: A } & FieldsOf<(typeof REQUESTS)[A]> & Requester : never;

/** POST /servers. */
export type CreateRequest = RequestOf<'create'>;

/** An action on an existing server, complete. */
export type ServerRequest = { [A in Exclude<ActionName, 'create'>]: RequestOf<A> }[Exclude<ActionName, 'create'>];
