import { oneServerOf, quotaRefusal } from '../lifecycle/quota-rules.js';
import type { Refusal } from '../lifecycle/refusal.js';
import type { Flavor } from '../model/catalog.js';
import type { ProjectQuota, QuotaUsage } from '../model/compute-limits.js';
import type { ProjectId } from '../model/ids.js';
import type { Server } from '../model/server.js';

/**
 * Each project's usage as Nova's counting quota driver sees it
 * (nova/objects/instance.py `_get_counts_in_db`): its servers that are not
 * deleted and not SOFT_DELETED, with the vCPUs and RAM of their current
 * flavor. ERROR, SHELVED_OFFLOADED and building servers count; a server
 * counts from the moment its create is accepted. The counts are kept
 * incrementally: `observe` runs on every state change of a server and
 * costs O(1), so no check ever scans the servers.
 */
export class QuotaLedger {
  readonly #usage: { instances: number; cores: number; ram: number }[] = [];
  /** Per server: the flavor it counts with, or null while it does not count. */
  readonly #counted: (Flavor | null)[] = [];

  constructor(
    /** The quota of a project; -1 fields are unlimited. */
    private readonly quotaFor: (project: ProjectId) => ProjectQuota,
  ) {}

  quota(project: ProjectId): ProjectQuota {
    return this.quotaFor(project);
  }

  usage(project: ProjectId): QuotaUsage {
    return this.#usage[project] ?? { instances: 0, cores: 0, ram: 0 };
  }

  /** Brings the server's share of its project's usage up to date. */
  observe(server: Server): void {
    const counts = server.vmState !== 'deleted' && server.vmState !== 'soft-delete';
    const now = counts ? server.flavor : null;
    const before = this.#counted[server.id] ?? null;
    if (before === now) return;
    const usage = (this.#usage[server.project] ??= { instances: 0, cores: 0, ram: 0 });
    if (before !== null) add(usage, before, -1);
    if (now !== null) add(usage, now, 1);
    this.#counted[server.id] = now;
  }

  /** A create of one server of `flavor` (nova/compute/utils.py `check_num_instances_quota`). */
  createRefusal(project: ProjectId, flavor: Flavor): Refusal | null {
    return quotaRefusal(this.quota(project), this.usage(project), oneServerOf(flavor));
  }
}

function add(usage: { instances: number; cores: number; ram: number }, flavor: Flavor, sign: 1 | -1): void {
  usage.instances += sign;
  usage.cores += sign * flavor.vcpus;
  usage.ram += sign * flavor.ramMb;
}
