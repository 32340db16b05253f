import type { Flavor, Image } from './catalog.js';
import type { HostId, ProjectId, ServerGroupId, ServerId } from './ids.js';
import type { ServerAddress } from './network.js';
import type { PowerState, TaskState, VmState } from './states.js';

/** Who holds a server's lock: Nova records whether the owner or an admin locked it. */
export type LockedBy = 'owner' | 'admin' | null;

/** A backup image kept by the backup action's rotation. */
export interface Backup {
  readonly type: string; // 'daily', 'weekly', or any name the user gives
  readonly createdAt: number;
}

/**
 * A server (Nova instance). State is Nova's triple (vm_state, task_state,
 * power_state); the API status is derived from it, never stored.
 */
export interface Server {
  readonly id: ServerId;
  readonly uuid: string;
  readonly name: string;
  readonly project: ProjectId;
  flavor: Flavor;
  image: Image;
  /** The host whose resources the server holds; null when never placed or offloaded. */
  host: HostId | null;
  vmState: VmState;
  taskState: TaskState;
  powerState: PowerState;
  locked: boolean;
  lockedBy: LockedBy;
  progress: number;
  readonly createdAt: number;
  updatedAt: number;
  launchedAt: number | null;
  deletedAt: number | null;
  bootFromVolume: boolean;
  /** Resize/migration in flight or awaiting confirmation: the other half of the double claim. */
  migration: MigrationRecord | null;
  /** vm_state before a resize, migration, rebuild or evacuation (stopped servers stay stopped). */
  previousVmState: VmState | null;
  backups: Backup[];
  /** Why the server went to ERROR (Nova's instance fault message). */
  fault: string | null;
  /** The server group it was created in, if any. */
  group: ServerGroupId | null;
  /** The availability zone asked for at create (null: any zone). */
  availabilityZone: string | null;
  /** Local disk lost to evacuations (rebuilt blank elsewhere), in GB. */
  ephemeralLostGb: number;
  /** Fixed IPs of the server's ports, NIC by NIC; set at the build's networking step, kept through moves, emptied on delete. */
  addresses: readonly ServerAddress[];
  /** The API's accessIPv4 / accessIPv6 (canonical text), set at create or by PUT /servers/{id}. */
  accessIPv4: string | null;
  accessIPv6: string | null;
  /** MB/s of RAM the guest dirties, as the create request gave it; null: its flavor's. */
  dirtyRateMbS: number | null;
}

/** MB/s of RAM the server's guest dirties while it runs: its own rate, else its flavor's, else 0. */
export const dirtyRateOf = (server: Server): number => server.dirtyRateMbS ?? server.flavor.dirtyRateMbS ?? 0;

/**
 * A move in flight (Nova's migrations table row): while it lasts the server
 * holds a claim on both hosts, `oldFlavor` on the source and `newFlavor` on
 * the destination. `switched` says whether the server already points at the
 * destination (after finish_resize, or once a live migration completes).
 */
export interface MigrationRecord {
  readonly kind: 'resize' | 'migration' | 'live-migration' | 'evacuation';
  readonly sourceHost: HostId;
  readonly destHost: HostId;
  readonly oldFlavor: Flavor;
  readonly newFlavor: Flavor;
  /** vm_state when the move was requested: a stopped server ends stopped. */
  readonly priorVmState: VmState;
  switched: boolean;
  status: 'migrating' | 'finished' | 'confirming' | 'reverting';
}

export function makeServer(
  id: ServerId,
  uuid: string,
  name: string,
  project: ProjectId,
  flavor: Flavor,
  image: Image,
  now: number,
): Server {
  return {
    id,
    uuid,
    name,
    project,
    flavor,
    image,
    host: null,
    vmState: 'building',
    taskState: 'scheduling',
    powerState: 'pending',
    locked: false,
    lockedBy: null,
    progress: 0,
    createdAt: now,
    updatedAt: now,
    launchedAt: null,
    deletedAt: null,
    bootFromVolume: false,
    migration: null,
    previousVmState: null,
    backups: [],
    fault: null,
    group: null,
    availabilityZone: null,
    ephemeralLostGb: 0,
    addresses: [],
    accessIPv4: null,
    accessIPv6: null,
    dirtyRateMbS: null,
  };
}
