import { NOVA_DEFAULTS } from '../cloud/config.js';
import { PLAUSIBLE } from './bounds.js';
import { bool, duration, num, opt } from './spec.js';

const D = NOVA_DEFAULTS;
const slots = num({ min: 0, max: PLAUSIBLE.concurrentTasks, integer: true });
/** A task's spacing as nova.conf takes it: 0 is oslo.service's default interval (60 s), -1 turns the task off. */
const spacing = duration({ allowNegativeOne: true });

/**
 * The compute service's periodic tasks, concurrency limits and image
 * cache, under nova.conf's names with Nova's defaults and limits
 * (nova/conf/compute.py, service.py, imagecache.py). The [image_cache]
 * options take the names they had in [DEFAULT] before they moved there.
 */
export const computeConfigFields = {
  periodic_fuzzy_delay: opt(duration(), `most seconds a compute service waits, drawn at random, before its first periodic tick; 0 none (default ${D.periodic_fuzzy_delay})`),
  sync_power_state_interval: opt(spacing, `spacing of _sync_power_states; 0 the default interval (60 s), -1 never (default ${D.sync_power_state_interval})`),
  update_resources_interval: opt(spacing, 'spacing of update_available_resource, which reports failed builds; 0 the default interval (60 s), -1 never (default 0)'),
  instance_build_timeout: opt(duration(), 'seconds from its create request after which a server still building on a host goes to ERROR; 0 never (default 0)'),
  rescue_timeout: opt(duration(), 'seconds after which a RESCUED server is unrescued automatically; 0 never (default 0)'),
  max_concurrent_builds: opt(slots, `builds a compute service runs at once, the rest waiting their turn; 0 unlimited (default ${D.max_concurrent_builds})`),
  max_concurrent_snapshots: opt(slots, `createImage snapshots a compute service takes at once; 0 unlimited (default ${D.max_concurrent_snapshots})`),
  image_cache_manager_interval: opt(spacing, `[image_cache] manager_interval: spacing of the pass that removes unused cached images; 0 the default interval, -1 never (default ${D.image_cache_manager_interval})`),
  remove_unused_base_images: opt(bool(), '[image_cache] whether that pass removes images no server on the host uses (default true)'),
  remove_unused_original_minimum_age_seconds: opt(duration(), `[image_cache] how long an unused image stays cached (default ${D.remove_unused_original_minimum_age_seconds})`),
  consecutive_build_failure_auto_disable: opt(bool(), "novasim's own: Pike's and Queens' rule, a compute service disables itself after consecutive_build_service_disable_threshold failed builds in a row (default false: since Rocky the count only weighs)"),
};
