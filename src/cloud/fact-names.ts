/**
 * The names facts carry besides the API's actions (lifecycle/requests.ts
 * ActionName), as unions: what happens to hosts, what operators do, and
 * what the compute manager does on its own. events.csv and summary.json
 * show them as written here.
 */

/** What the compute manager does to a server unasked, when its host boots again (init_host). */
export type InitHostAction = 'sync_power_state' | 'resume_guests_state_on_host_boot';

/** What happens to a host: the host commands, faults, and what Nova does about them. */
export type HostAction =
  | 'fail_host'
  | 'partition_host'
  | 'fence_host'
  | 'recover_host'
  | 'power_off_host'
  | 'power_on_host'
  | 'disable_host'
  | 'enable_host'
  /** The os-services forced_down flag, set or lifted (the API's PUT /os-services, 2.11). */
  | 'force_down_host'
  | 'unforce_down_host'
  /** Nova counts the compute service down: service_down_time passed with no heartbeat, or it was forced down. */
  | 'service_down'
  /** The compute service disabled itself after consecutive build failures. */
  | 'auto_disable'
  /** An evacuated server's old incarnation, on a host that was cut off but not fenced, writes to its volume too. */
  | 'split_brain_start'
  | 'split_brain_end'
  /** init_host destroys the old incarnation of a server evacuated away. */
  | 'destroy_evacuated';

/** The operator workflow a step belongs to; it leads the step's reason in events.csv. */
export type Workflow = 'maintenance' | 'rolling update' | 'consolidation' | 'optimisation';

/** A step of an operator workflow. */
export type OperatorAction =
  | 'drain_start'
  | 'drain_blocked'
  | 'drain_stalled'
  | 'drained'
  | 'drain_aborted'
  | 'update_start'
  | 'updated'
  | 'rolling_update_start'
  | 'rolling_update_done'
  | 'optimise_start'
  | 'optimise_end'
  | 'optimise_skipped'
  /** An optimisation run announces the move it is about to request. */
  | 'rebalance'
  /** Consolidation switches a host back on to restore headroom. */
  | 'wake_host';

/** What a placement is for: the action that asked, or a build's reschedule to an alternate host. */
export type PlacementPurpose = 'create' | 'unshelve' | 'evacuate' | 'resize' | 'migrate' | 'live_migrate' | 'reschedule';
