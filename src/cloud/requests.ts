import type { PersonalityItem } from '../lifecycle/personality-rules.js';
import type { ActionName } from '../lifecycle/server-actions.js';
import type { RequestedNetworks } from '../model/network.js';

/** Who asks: the server's project (a member) or an admin. Periodic tasks act as admin. */
export interface Requester {
  readonly asAdmin: boolean;
  /** Set for actions Nova's own periodic tasks start (auto-confirm, offload, reclaim). */
  readonly periodic?: string;
}

/** Parameters an action may take, under the names of Nova's request bodies. */
export interface ActionParams {
  /** reboot: SOFT (default) or HARD. */
  readonly type?: 'SOFT' | 'HARD';
  /** resize: the new flavor's name. */
  readonly flavor?: string;
  /** rebuild: the new image's name (default: the current one). */
  readonly image?: string;
  /** evacuate, migrate, live_migrate: a target host (the scheduler picks one when absent). */
  readonly host?: string;
  /** backup: its type (e.g. daily, weekly) and how many of that type to keep. */
  readonly backup_type?: string;
  readonly rotation?: number;
  /** reset_state: the vm_state to set, 'active' or 'error' (default 'error'). */
  readonly state?: 'active' | 'error';
  /** set_admin_password (required) and rebuild: the new admin password; kept in memory only, never logged or written. */
  readonly admin_pass?: string;
  /** update_metadata (merged in), set_metadata and rebuild (replace all): key -> value. */
  readonly metadata?: Readonly<Record<string, string>>;
  /** rebuild: files to inject, contents in base64. */
  readonly personality?: readonly PersonalityItem[];
  /** update_server (PUT /servers/{id}): new accessIPv4 / accessIPv6. */
  readonly access_ip_v4?: string;
  readonly access_ip_v6?: string;
}

/** A request against an existing server. */
export interface ActionRequest extends Requester {
  readonly action: Exclude<ActionName, 'create'>;
  readonly server: string;
  readonly params: ActionParams;
}

/** POST /servers. */
export interface CreateRequest extends Requester {
  readonly server: string;
  readonly project: string;
  readonly flavor: string;
  readonly image: string;
  readonly bootFromVolume?: boolean;
  /** A server group to join (the `group` scheduler hint). */
  readonly group?: string;
  /** The availability zone to build in. */
  readonly availabilityZone?: string;
  /** adminPass: Nova generates one when absent; kept in memory only, never logged or written. */
  readonly adminPass?: string;
  readonly metadata?: Readonly<Record<string, string>>;
  /** Files to inject once the server is built, contents in base64. */
  readonly personality?: readonly PersonalityItem[];
  /** The NICs: `auto` (the default), `none`, or networks, ports and fixed IPs. */
  readonly networks?: RequestedNetworks;
  readonly accessIPv4?: string;
  readonly accessIPv6?: string;
  /** MB/s of RAM the guest dirties (the live migration model), over its flavor's dirty_rate_mb_s. */
  readonly dirtyRateMbS?: number;
}
