import { NO_PASSWORD_POLICY, type PasswordPolicy } from '../lifecycle/password-policy.js';

/**
 * The nova.conf options the simulator honours, under Nova's own names, with
 * Nova's defaults (nova/conf/compute.py, service.py, scheduler.py).
 */
export interface NovaConfig {
  /** Seconds before a resize or cold migration in VERIFY_RESIZE is confirmed automatically; 0 disables. */
  readonly resize_confirm_window: number;
  /** Seconds a deleted server stays SOFT_DELETED (restorable) before it is reclaimed; 0 deletes at once. */
  readonly reclaim_instance_interval: number;
  /** Seconds before a SHELVED server is offloaded; 0 offloads at once, -1 never. */
  readonly shelved_offload_time: number;
  /** Spacing of the periodic task that offloads shelved servers. */
  readonly shelved_poll_interval: number;
  /** Seconds between a compute service's heartbeats. */
  readonly report_interval: number;
  /** Seconds without a heartbeat after which a compute service counts as down. */
  readonly service_down_time: number;
  /** Allocation ratios applied to hosts that do not set their own (initial_*_allocation_ratio). */
  readonly cpu_allocation_ratio: number;
  readonly ram_allocation_ratio: number;
  readonly disk_allocation_ratio: number;
  readonly reserved_host_cpus: number;
  readonly reserved_host_memory_mb: number;
  readonly reserved_host_disk_mb: number;
  /** Whether resize and cold migration may pick the server's current host. */
  readonly allow_resize_to_same_host: boolean;
  /** Restart servers that were running when their host came back (resume_guests_state_on_host_boot). */
  readonly resume_guests_state_on_host_boot: boolean;
  /** [quota] server_group_members: most servers one group may hold; -1 for no limit. */
  readonly server_group_members: number;
  /** [compute] consecutive_build_service_disable_threshold: failed builds in a row that disable a compute service; 0 never. */
  readonly consecutive_build_service_disable_threshold: number;
  /** [DEFAULT] password_length: characters of the admin passwords Nova generates. */
  readonly password_length: number;
  /** Not a nova.conf option: the provider's complexity requirements for admin passwords (none by default). */
  readonly password_policy: PasswordPolicy;
}

export const NOVA_DEFAULTS: NovaConfig = {
  resize_confirm_window: 0,
  reclaim_instance_interval: 0,
  shelved_offload_time: 0,
  shelved_poll_interval: 3600,
  report_interval: 10,
  service_down_time: 60,
  cpu_allocation_ratio: 4.0,
  ram_allocation_ratio: 1.0,
  disk_allocation_ratio: 1.0,
  reserved_host_cpus: 0,
  reserved_host_memory_mb: 512,
  reserved_host_disk_mb: 0,
  allow_resize_to_same_host: false,
  resume_guests_state_on_host_boot: false,
  server_group_members: 10,
  consecutive_build_service_disable_threshold: 10,
  password_length: 12,
  password_policy: NO_PASSWORD_POLICY,
};

/**
 * When a Nova periodic task with this spacing next runs at or after `time`.
 * Periodic tasks tick at whole multiples of their spacing from service start.
 */
export function nextPeriodicRun(time: number, spacing: number): number {
  return Math.ceil(time / spacing) * spacing;
}
