import type { Simulator } from '../engine/simulator.js';
import type { Nova } from '../cloud/nova.js';
import type { ActionParams, ActionRequest } from '../cloud/requests.js';
import type { Host } from '../model/host.js';
import type { RequestedNetworks } from '../model/network.js';

/** One scripted request from a scenario's `actions:` list. */
export interface TimelineEntry {
  readonly at: number;
  readonly action: string;
  readonly as: 'member' | 'admin';
  readonly server?: string | undefined;
  readonly host?: string | undefined;
  readonly flavor?: string | undefined;
  readonly image?: string | undefined;
  readonly project?: string | undefined;
  readonly boot_from_volume?: boolean | undefined;
  readonly group?: string | undefined;
  readonly availability_zone?: string | undefined;
  readonly type?: 'SOFT' | 'HARD' | undefined;
  readonly backup_type?: string | undefined;
  readonly rotation?: number | undefined;
  readonly state?: 'active' | 'error' | undefined;
  readonly networks?: RequestedNetworks | undefined;
  readonly access_ip_v4?: string | undefined;
  readonly access_ip_v6?: string | undefined;
  readonly admin_pass?: string | undefined;
  readonly metadata?: ActionParams['metadata'] | undefined;
  readonly personality?: ActionParams['personality'] | undefined;
  readonly dirty_rate_mb_s?: number | undefined;
  /** drain_host: how long the host's update takes once it is empty (then its service is enabled again). */
  readonly update_duration?: number | undefined;
}

/** An operator's action on a host that the timeline hands on (drain_host), by action name. */
export type HostCommand = (host: Host, entry: TimelineEntry) => void;

/** Plays the scripted requests at their times, in file order among equal times. */
export class Timeline {
  readonly #kind: number;

  constructor(
    private readonly sim: Simulator,
    private readonly nova: Nova,
    private readonly entries: readonly TimelineEntry[],
    private readonly hostCommands: Readonly<Record<string, HostCommand>> = {},
  ) {
    this.#kind = sim.register('timeline', (i) => this.#play(this.entries[i]!));
  }

  start(): void {
    this.entries.forEach((e, i) => this.sim.at(e.at, this.#kind, i));
  }

  #play(e: TimelineEntry): void {
    const asAdmin = e.as === 'admin';
    const host = e.host === undefined ? undefined : this.nova.cloud.inventory.hostNamed(e.host);
    switch (e.action) {
      case 'create':
        this.nova.api.create({
          server: e.server!,
          project: e.project!,
          flavor: e.flavor!,
          image: e.image!,
          asAdmin,
          bootFromVolume: e.boot_from_volume ?? false,
          ...(e.group !== undefined ? { group: e.group } : {}),
          ...(e.availability_zone !== undefined ? { availabilityZone: e.availability_zone } : {}),
          ...(e.networks !== undefined ? { networks: e.networks } : {}),
          ...(e.access_ip_v4 !== undefined ? { accessIPv4: e.access_ip_v4 } : {}),
          ...(e.access_ip_v6 !== undefined ? { accessIPv6: e.access_ip_v6 } : {}),
          ...(e.admin_pass !== undefined ? { adminPass: e.admin_pass } : {}),
          ...(e.metadata !== undefined ? { metadata: e.metadata } : {}),
          ...(e.personality !== undefined ? { personality: e.personality } : {}),
          ...(e.dirty_rate_mb_s !== undefined ? { dirtyRateMbS: e.dirty_rate_mb_s } : {}),
        });
        return;
      case 'fail_host':
        return this.nova.hosts.fail(host!);
      case 'partition_host':
        return this.nova.hosts.partition(host!);
      case 'fence_host':
        return this.nova.hosts.fence(host!);
      case 'power_off_host':
        return this.nova.hosts.powerOff(host!);
      case 'power_on_host':
        return this.nova.hosts.powerOn(host!);
      case 'recover_host':
        return this.nova.hosts.recover(host!);
      case 'disable_host':
        return this.nova.hosts.setEnabled(host!, false);
      case 'enable_host':
        return this.nova.hosts.setEnabled(host!, true);
      default:
        if (this.hostCommands[e.action] !== undefined) return this.hostCommands[e.action]!(host!, e);
        this.nova.api.submit({ action: e.action as ActionRequest['action'], server: e.server!, asAdmin, params: paramsOf(e) });
    }
  }
}

function paramsOf(e: TimelineEntry): ActionParams {
  const p: { -readonly [K in keyof ActionParams]: ActionParams[K] } = {};
  if (e.type !== undefined) p.type = e.type;
  if (e.flavor !== undefined) p.flavor = e.flavor;
  if (e.image !== undefined) p.image = e.image;
  if (e.host !== undefined) p.host = e.host;
  if (e.backup_type !== undefined) p.backup_type = e.backup_type;
  if (e.rotation !== undefined) p.rotation = e.rotation;
  if (e.state !== undefined) p.state = e.state;
  if (e.access_ip_v4 !== undefined) p.access_ip_v4 = e.access_ip_v4;
  if (e.access_ip_v6 !== undefined) p.access_ip_v6 = e.access_ip_v6;
  if (e.admin_pass !== undefined) p.admin_pass = e.admin_pass;
  if (e.metadata !== undefined) p.metadata = e.metadata;
  if (e.personality !== undefined) p.personality = e.personality;
  return p;
}
