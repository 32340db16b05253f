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
  /** Spacing of the periodic task that offloads shelved servers; 0 the default interval (60 s), negative never. */
  readonly shelved_poll_interval: number;
  /** [DEFAULT] periodic_fuzzy_delay: most seconds a compute service waits, drawn at random, before its first periodic tick; 0 none. */
  readonly periodic_fuzzy_delay: number;
  /** Spacing of _sync_power_states (run at the first tick, then every so often); 0 the default interval, negative never. */
  readonly sync_power_state_interval: number;
  /** Spacing of update_available_resource, which reports a host's usage and failed builds; 0 the default interval, negative never. */
  readonly update_resources_interval: number;
  /** Seconds from its create request after which a server still BUILDING on a host is put in ERROR; 0 never. */
  readonly instance_build_timeout: number;
  /** Seconds after which a RESCUED server is unrescued automatically; 0 never. */
  readonly rescue_timeout: number;
  /** Builds a compute service runs at once (the rest wait their turn); 0 unlimited. */
  readonly max_concurrent_builds: number;
  /** Snapshots (createImage) a compute service takes at once; 0 unlimited. */
  readonly max_concurrent_snapshots: number;
  /** [image_cache] manager_interval: spacing of the pass that removes unused cached images; 0 the default interval, -1 never. */
  readonly image_cache_manager_interval: number;
  /** [image_cache] remove_unused_base_images: whether that pass removes images no server on the host uses. */
  readonly remove_unused_base_images: boolean;
  /** [image_cache] remove_unused_original_minimum_age_seconds: how long an unused image stays cached. */
  readonly remove_unused_original_minimum_age_seconds: number;
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
  /**
   * [compute] consecutive_build_service_disable_threshold: since Rocky, any
   * nonzero value makes a compute service report its count of failed builds
   * in a row (to the BuildFailureWeigher); 0 reports none.
   */
  readonly consecutive_build_service_disable_threshold: number;
  /** Not a nova.conf option: the Pike and Queens behaviour, a service that reaches that many failed builds in a row disables itself. */
  readonly consecutive_build_failure_auto_disable: boolean;
  /** [DEFAULT] password_length: characters of the admin passwords Nova generates. */
  readonly password_length: number;
  /** Not a nova.conf option: the provider's complexity requirements for admin passwords (none by default). */
  readonly password_policy: PasswordPolicy;
  /** [DEFAULT] max_concurrent_live_migrations: outgoing live migrations a compute service runs at once; 0 unlimited. */
  readonly max_concurrent_live_migrations: number;
  /** [libvirt] live_migration_bandwidth: MiB/s cap per live migration; 0 none (the hypervisor's default: the link). */
  readonly live_migration_bandwidth: number;
  /** [libvirt] live_migration_downtime: ms the guest may be paused for the final copy (min 100). */
  readonly live_migration_downtime: number;
  /** [libvirt] live_migration_downtime_steps: steps in which the allowed downtime rises to it (min 3). */
  readonly live_migration_downtime_steps: number;
  /** [libvirt] live_migration_downtime_delay: seconds between steps, per GiB of RAM and copied disk (min 3). */
  readonly live_migration_downtime_delay: number;
  /** [libvirt] live_migration_completion_timeout: seconds per GiB of RAM and copied disk before the timeout action; 0 never. */
  readonly live_migration_completion_timeout: number;
  /** [libvirt] live_migration_timeout_action: abort, or force_complete (post-copy if permitted, else pause the guest). */
  readonly live_migration_timeout_action: 'abort' | 'force_complete';
  readonly live_migration_permit_post_copy: boolean;
  /** [libvirt] live_migration_permit_auto_converge: throttle the guest's CPU (used only when post-copy is not permitted). */
  readonly live_migration_permit_auto_converge: boolean;
  /** Not a nova.conf option: stop-and-copy after this many pre-copy rounds of a converging guest; 0 none, as QEMU. */
  readonly live_migration_max_rounds: number;
}

export const NOVA_DEFAULTS: NovaConfig = {
  resize_confirm_window: 0,
  reclaim_instance_interval: 0,
  shelved_offload_time: 0,
  shelved_poll_interval: 3600,
  periodic_fuzzy_delay: 60,
  sync_power_state_interval: 600,
  update_resources_interval: 0,
  instance_build_timeout: 0,
  rescue_timeout: 0,
  max_concurrent_builds: 10,
  max_concurrent_snapshots: 5,
  image_cache_manager_interval: 2400,
  remove_unused_base_images: true,
  remove_unused_original_minimum_age_seconds: 86400,
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
  consecutive_build_failure_auto_disable: false,
  password_length: 12,
  password_policy: NO_PASSWORD_POLICY,
  max_concurrent_live_migrations: 1,
  live_migration_bandwidth: 0,
  live_migration_downtime: 500,
  live_migration_downtime_steps: 10,
  live_migration_downtime_delay: 75,
  live_migration_completion_timeout: 800,
  live_migration_timeout_action: 'abort',
  live_migration_permit_post_copy: false,
  live_migration_permit_auto_converge: false,
  live_migration_max_rounds: 0,
};
