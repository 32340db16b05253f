import type { ActionName } from '../lifecycle/server-actions.js';

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
}
