import { NOVA_DEFAULTS } from '../cloud/config.js';
import { bool, num, oneOf, opt } from './spec.js';

const D = NOVA_DEFAULTS;
const whole = (min: number) => num({ min, integer: true });

/**
 * The config options of moves, under nova.conf's names with Nova's limits
 * (nova/conf/libvirt.py, nova/conf/compute.py): the [libvirt]
 * live_migration_* options and [DEFAULT] max_concurrent_live_migrations.
 */
export const migrationConfigFields = {
  max_concurrent_live_migrations: opt(whole(0), `outgoing live migrations a compute service runs at once; 0 unlimited (default ${D.max_concurrent_live_migrations})`),
  live_migration_bandwidth: opt(whole(0), 'MiB/s cap per live migration; 0 none: the hosts\' migration_bandwidth_mb_s (default 0)'),
  live_migration_downtime: opt(whole(100), `ms the guest may be paused for the final memory copy (default ${D.live_migration_downtime})`),
  live_migration_downtime_steps: opt(whole(3), `steps in which the allowed downtime rises to live_migration_downtime (default ${D.live_migration_downtime_steps})`),
  live_migration_downtime_delay: opt(whole(3), `seconds between downtime steps, per GiB of RAM and copied disk (default ${D.live_migration_downtime_delay})`),
  live_migration_completion_timeout: opt(whole(0), `seconds per GiB of RAM and copied disk before live_migration_timeout_action; 0 never (default ${D.live_migration_completion_timeout})`),
  live_migration_timeout_action: opt(oneOf(['abort', 'force_complete'] as const), 'abort (default), or force_complete: post-copy if permitted, else pause the guest'),
  live_migration_permit_post_copy: opt(bool(), 'force_complete switches to post-copy (default false)'),
  live_migration_permit_auto_converge: opt(bool(), 'throttle the guest\'s CPU while it dirties memory faster than it moves; ignored with post-copy (default false)'),
  live_migration_max_rounds: opt(whole(0), 'novasim\'s own: stop-and-copy after this many pre-copy rounds of a converging guest; 0 none, as QEMU (default 0)'),
};

/** A flavor's and a create request's dirty rate; a host's bandwidth for moves. */
export const dirtyRateSpec = num({ min: 0 });
export const migrationBandwidthSpec = num({ min: 0, exclusiveMin: true });
