import { CHARACTER_CLASSES } from '../lifecycle/password-policy.js';
import { NOVA_DEFAULT_QUOTA, NOVA_SERVER_LIMITS, type ProjectQuota, type ServerLimits } from '../model/compute-limits.js';
import { bool, def, either, INVALID, list, map, num, obj, oneOf, opt, recordOf, req, str, type Issue, type Spec } from './spec.js';

/**
 * The scenario sections and request fields about what servers carry:
 * metadata, personality files, admin passwords, the limits on them
 * (`limits:`) and the projects' quotas (`quotas:`). Lengths and counts are
 * not checked here: a request over a limit is a request Nova refuses at
 * run time, with its own message, and that is what a scenario may want to
 * show.
 */

const describe = (v: unknown): string =>
  typeof v === 'string' ? JSON.stringify(v) : Array.isArray(v) ? 'a list' : typeof v === 'object' && v !== null ? 'a mapping' : String(v);

/** Any text, the empty one included (a metadata value, base64 contents, a password). */
const anyText: Spec<string> = {
  expected: 'a text',
  parse(v, path, issues) {
    if (typeof v === 'string') return v;
    issues.push({ path, message: `expected a text, got ${describe(v)}` });
    return INVALID;
  },
  jsonSchema: () => ({ type: 'string' }),
};

/** A metadata value: text; a number or true/false is written as text, as YAML authors expect. */
const metadataValue: Spec<string> = either<string>('a text, a number or true/false', [
  { accepts: (v) => typeof v === 'string', spec: anyText },
  { accepts: (v) => typeof v === 'number', spec: map(num(), String) },
  { accepts: (v) => typeof v === 'boolean', spec: map(bool(), String) },
]);

/** A request's `metadata`: key -> text. */
export const metadataSpec = recordOf(metadataValue);

/** A request's `personality`: the files to inject. */
export const personalitySpec = list(
  obj({
    path: req(str({ maxLength: 4096 }), 'where the file goes in the server'),
    contents: req(anyText, 'the file, base64-encoded; it must decode to text'),
  }),
);

/** A request's `admin_pass`: any text (the policy judges it at run time). */
export const adminPassSpec = anyText;

/** `config.password_policy`. */
export const passwordPolicySpec = obj({
  min_length: def(num({ min: 0, integer: true }), 0, 'fewest characters an admin password may have'),
  require: def(list(oneOf(CHARACTER_CLASSES)), [], 'character classes an admin password must each contain'),
});

const limit = (value: number, description: string) => def(num({ min: -1, integer: true }), value, `${description}; -1 for none (default ${value})`);

/** `limits:`: what one request may carry, the same for every project. */
export const limitsSpec = obj({
  maxServerMeta: limit(NOVA_SERVER_LIMITS.maxServerMeta, 'metadata pairs one server may hold ([quota] metadata_items)'),
  maxPersonality: limit(NOVA_SERVER_LIMITS.maxPersonality, 'personality files one request may inject ([quota] injected_files)'),
  maxPersonalitySize: limit(NOVA_SERVER_LIMITS.maxPersonalitySize, 'decoded bytes of one personality file ([quota] injected_file_content_bytes)'),
  injected_file_path_length: limit(NOVA_SERVER_LIMITS.injectedFilePathLength, 'bytes of a personality file path (the API shows no limit for it)'),
});
/** `limits:` when the scenario leaves it out: Nova's defaults. */
export const LIMITS_DEFAULTS: LimitsEntry = {
  maxServerMeta: NOVA_SERVER_LIMITS.maxServerMeta,
  maxPersonality: NOVA_SERVER_LIMITS.maxPersonality,
  maxPersonalitySize: NOVA_SERVER_LIMITS.maxPersonalitySize,
  injected_file_path_length: NOVA_SERVER_LIMITS.injectedFilePathLength,
};
type LimitsEntry = typeof limitsSpec extends Spec<infer T> ? T : never;

const quotaValue = (description: string) => opt(num({ min: -1, integer: true }), `${description}; -1 unlimited`);
const quota = obj({
  instances: quotaValue(`servers (default ${NOVA_DEFAULT_QUOTA.instances})`),
  cores: quotaValue(`vCPUs (default ${NOVA_DEFAULT_QUOTA.cores})`),
  ram: quotaValue(`MB of RAM (default ${NOVA_DEFAULT_QUOTA.ram})`),
  key_pairs: quotaValue(`key pairs, shown by the limits only (default ${NOVA_DEFAULT_QUOTA.keyPairs})`),
  server_groups: quotaValue(`server groups, shown by the limits only (default ${NOVA_DEFAULT_QUOTA.serverGroups})`),
});
type QuotaEntry = typeof quota extends Spec<infer T> ? T : never;

/** `quotas:`: Nova's defaults, the scenario's `default` over them, then each project's own values. */
export const quotasSpec = obj({
  default: opt(quota, "every project's quota, over Nova's defaults"),
  projects: def(recordOf(quota), {}, 'project name -> its own values, over the default'),
});
type QuotasEntry = typeof quotasSpec extends Spec<infer T> ? T : never;

/** The `limits:` section as the cloud takes it. */
export function serverLimitsOf(l: LimitsEntry): ServerLimits {
  return {
    maxServerMeta: l.maxServerMeta,
    maxPersonality: l.maxPersonality,
    maxPersonalitySize: l.maxPersonalitySize,
    injectedFilePathLength: l.injected_file_path_length,
  };
}

/** Every project's quota by name, or undefined when the scenario sets none (then nothing is enforced). */
export function quotasOf(quotas: QuotasEntry | undefined, projects: readonly string[]): Record<string, ProjectQuota> | undefined {
  if (quotas === undefined) return undefined;
  const base = over(NOVA_DEFAULT_QUOTA, quotas.default);
  return Object.fromEntries(projects.map((p) => [p, over(base, quotas.projects[p])]));
}

function over(base: ProjectQuota, q: QuotaEntry | undefined): ProjectQuota {
  return {
    instances: q?.instances ?? base.instances,
    cores: q?.cores ?? base.cores,
    ram: q?.ram ?? base.ram,
    keyPairs: q?.key_pairs ?? base.keyPairs,
    serverGroups: q?.server_groups ?? base.serverGroups,
  };
}

/** `quotas.projects` names projects of the scenario. */
export function checkQuotaProjects(quotas: QuotasEntry | undefined, projects: ReadonlySet<string>): Issue[] {
  return Object.keys(quotas?.projects ?? {})
    .filter((name) => !projects.has(name))
    .map((name) => ({ path: ['quotas', 'projects', name], atKey: true, message: `unknown project '${name}'; known: ${[...projects].join(', ')}` }));
}
