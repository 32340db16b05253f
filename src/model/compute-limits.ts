/**
 * The limits Nova puts on what one create (or rebuild, or metadata update)
 * may carry: nova.conf [quota] metadata_items, injected_files,
 * injected_file_content_bytes and injected_file_path_length. -1 means no
 * limit, as in Nova. GET /limits shows the first three as maxServerMeta,
 * maxPersonality and maxPersonalitySize; the path length has no API name.
 */
export interface ServerLimits {
  /** Metadata key/value pairs one server may hold. */
  readonly maxServerMeta: number;
  /** Personality files one request may inject. */
  readonly maxPersonality: number;
  /** Bytes of one personality file, counted on its decoded contents. */
  readonly maxPersonalitySize: number;
  /** Bytes (UTF-8) of one personality file's path. */
  readonly injectedFilePathLength: number;
}

/** Nova's defaults (nova/conf/quota.py). */
export const NOVA_SERVER_LIMITS: ServerLimits = {
  maxServerMeta: 128,
  maxPersonality: 5,
  maxPersonalitySize: 10_240,
  injectedFilePathLength: 255,
};

/** One project's quota (nova.conf [quota] instances, cores, ram, key_pairs, server_groups); -1 is unlimited. */
export interface ProjectQuota {
  readonly instances: number;
  readonly cores: number;
  /** MB. */
  readonly ram: number;
  readonly keyPairs: number;
  readonly serverGroups: number;
}

/** Nova's defaults (nova/conf/quota.py: instances 10, cores 20, ram 51200, key_pairs 100, server_groups 10). */
export const NOVA_DEFAULT_QUOTA: ProjectQuota = { instances: 10, cores: 20, ram: 51_200, keyPairs: 100, serverGroups: 10 };

/** What a scenario without a `quotas:` section gets: nothing is enforced. */
export const UNLIMITED_QUOTA: ProjectQuota = { instances: -1, cores: -1, ram: -1, keyPairs: -1, serverGroups: -1 };

/** What counts against a project's quota: its servers that are neither deleted nor soft-deleted. */
export interface QuotaUsage {
  readonly instances: number;
  readonly cores: number;
  /** MB. */
  readonly ram: number;
}
