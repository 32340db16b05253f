import { OUTPUT_FORMATS, OUTPUT_LEVELS, type OutputChoice } from '../metrics/writers/output-file.js';
import { NOVA_DEFAULTS } from '../cloud/config.js';
import { lognormalFromMoments, type Distribution } from '../engine/distributions.js';
import { GROUP_POLICIES } from '../model/server-group.js';
import { POLICY_NAMES, SCHEDULER_DEFAULTS, type SchedulerConfig } from '../scheduling/config.js';
import { FILTER_NAMES, WEIGHER_NAMES } from '../scheduling/registry.js';
import {
  bool, CENTURY_SECONDS, def, duration, either, INVALID, list, map, num, obj, oneOf, opt, rate, recordOf, req, str, tagged, union,
  type Issue, type Spec,
} from './spec.js';
import { diskGbSpec, imageGbSpec, ramMbSpec, seedSpec, vcpusSpec } from './bounds.js';
import { ipAddress, networkSpecs } from './networks.js';
import { RUN_LIMIT_DEFAULTS, runLimitsSpec } from './run-limits.js';
import { chargingSpec, powerSpec } from './power-and-charging.js';
import { expectationsSpec } from './expectations.js';
import { actionEntrySpec, type FieldSpecs } from './scripted-actions.js';
import { operatorWorkflowFields } from './operator-settings.js';
import { dirtyRateSpec, migrationBandwidthSpec, migrationConfigFields } from './migration-settings.js';
import { usersField } from './identity.js';
import { cpuDemandSpec, flavorCpuFields, hostCpuFields } from './cpu-settings.js';
import { dynamicConsolidationSpec } from './dynamic-consolidation.js';
import { PATH, traceWorkloadSpec, type TraceWorkload } from './trace-workload.js';
import { computeConfigFields } from './compute-settings.js';
import { servedRequestSpec, servedSpec, type ServedRequest } from './served-spec.js';
import { adminPassSpec, LIMITS_DEFAULTS, limitsSpec, metadataSpec, passwordPolicySpec, personalitySpec, quotasSpec } from './server-settings.js';

/** The value a spec gives: the file's types are inferred from their specs, never written beside them. */
type Of<S> = S extends Spec<infer T> ? T : never;

/** A distribution of durations; a bare duration (`90s`) is a fixed value. */
const distribution: Spec<Distribution> = either<Distribution>('a duration such as 90s, or a distribution mapping with dist', [
  { accepts: (v) => typeof v === 'number' || typeof v === 'string', spec: map(duration(), (value): Distribution => ({ kind: 'fixed', value })) },
  {
    accepts: (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
    spec: tagged<Distribution>('dist', {
      fixed: map(obj({ dist: req(str()), value: req(duration()) }), (d) => ({ kind: 'fixed', value: d.value })),
      exponential: map(obj({ dist: req(str()), mean: req(duration({ min: 0 })) }), (d) => ({ kind: 'exponential', mean: d.mean })),
      uniform: map(obj({ dist: req(str()), min: req(duration()), max: req(duration()) }), (d) => ({ kind: 'uniform', min: d.min, max: d.max })),
      normal: map(obj({ dist: req(str()), mean: req(duration()), sd: req(duration()) }), (d) => ({ kind: 'normal', mean: d.mean, sd: d.sd })),
      lognormal: map(obj({ dist: req(str()), mean: req(duration({ min: 0.001 })), sd: req(duration()) }), (d) => lognormalFromMoments(d.mean, d.sd)),
      weibull: map(obj({ dist: req(str()), shape: req(num({ min: 0, exclusiveMin: true })), scale: req(duration({ min: 0.001 })) }), (d) => ({ kind: 'weibull', shape: d.shape, scale: d.scale })),
      empirical: map(obj({ dist: req(str()), values: req(list(duration(), { min: 1 })) }), (d) => ({ kind: 'empirical', values: d.values })),
    }),
  },
]);

/** A duration that grows with the image, the flavor's disk and its RAM. */
const sizedDuration = obj({
  base: req(distribution, 'the part that does not depend on size'),
  per_image_gb: def(duration(), 0, 'seconds added per GB of image (download)'),
  per_disk_gb: def(duration(), 0, 'seconds added per GB of the flavor disk (copy)'),
  per_ram_gb: def(duration(), 0, 'seconds added per GB of the flavor RAM'),
});
export type DurationEntry = Of<typeof sizedDuration>;
const durationSpec = either<DurationEntry>('a duration, a distribution, or a mapping with base and per-size terms', [
  { accepts: (v) => typeof v !== 'object' || v === null || !('base' in v), spec: map(distribution, (base) => ({ base, per_image_gb: 0, per_disk_gb: 0, per_ram_gb: 0 })) },
  { accepts: () => true, spec: sizedDuration },
]);

/** Allowed cloud-wide in config, and per host to override it. */
const allocationRatios = {
  cpu_allocation_ratio: opt(num({ min: 0, exclusiveMin: true })),
  ram_allocation_ratio: opt(num({ min: 0, exclusiveMin: true })),
  disk_allocation_ratio: opt(num({ min: 0, exclusiveMin: true })),
};

/** The Nova options a scenario may set, under nova.conf's names. */
const config = obj({
  resize_confirm_window: opt(duration()),
  reclaim_instance_interval: opt(duration()),
  shelved_offload_time: opt(duration({ allowNegativeOne: true })),
  shelved_poll_interval: opt(duration({ allowNegativeOne: true }), 'spacing of _poll_shelved_instances; 0 the default interval (60 s), -1 never (default 3600)'),
  report_interval: opt(duration({ min: 1 })),
  service_down_time: opt(duration({ min: 1 })),
  ...allocationRatios,
  reserved_host_cpus: opt(num({ min: 0, integer: true })),
  reserved_host_memory_mb: opt(num({ min: 0, integer: true })),
  reserved_host_disk_mb: opt(num({ min: 0, integer: true })),
  allow_resize_to_same_host: opt(bool()),
  resume_guests_state_on_host_boot: opt(bool()),
  server_group_members: opt(num({ min: -1, integer: true }), `[quota] most servers one group may hold; -1 for no limit (default ${NOVA_DEFAULTS.server_group_members})`),
  consecutive_build_service_disable_threshold: opt(
    num({ min: 0, integer: true }),
    `[compute] nonzero: a compute service reports its failed builds in a row to the BuildFailureWeigher; 0 reports none (default ${NOVA_DEFAULTS.consecutive_build_service_disable_threshold})`,
  ),
  password_length: opt(num({ min: 0, integer: true }), `characters of the admin passwords Nova generates (default ${NOVA_DEFAULTS.password_length})`),
  password_policy: opt(passwordPolicySpec, "the provider's complexity requirements for admin passwords (default: none)"),
  ...migrationConfigFields,
  ...computeConfigFields,
});

const NAME = str({ pattern: /^[A-Za-z0-9][A-Za-z0-9._:@-]*$/, description: 'a name of letters, digits and . _ : @ -' });
/** A zone's name: Nova refuses ':' in it (parameter_types' az name), as create's zone:host form splits on it. */
const ZONE = str({ pattern: /^[A-Za-z0-9][A-Za-z0-9._@-]*$/, description: "a zone name of letters, digits and . _ @ - (no ':': Nova keeps it for zone:host)" });
/** The scenario's name is a folder's name too: short enough for any file system, with room for novasim's temporary suffixes. */
const RESULTS_NAME = str({ pattern: /^[A-Za-z0-9][A-Za-z0-9._:@-]*$/, description: 'a name of letters, digits and . _ : @ -', maxLength: 100 });
const NET = networkSpecs(NAME);

/** Nova keeps aggregate metadata and flavor extra specs as text; numbers and booleans are written as text. */
const text: Spec<string> = either<string>('a text, a number or true/false', [
  { accepts: (v) => typeof v === 'string', spec: str() },
  { accepts: (v) => typeof v === 'number', spec: map(num(), String) },
  { accepts: (v) => typeof v === 'boolean', spec: map(bool(), String) },
]);
const textMap = recordOf(text);

const flavor = obj({
  name: req(NAME),
  vcpus: req(vcpusSpec()),
  ram_mb: req(ramMbSpec()),
  disk_gb: req(diskGbSpec(0)),
  extra_specs: def(textMap, {}, 'flavor extra specs, e.g. aggregate_instance_extra_specs:ssd: true (matched against aggregate metadata)'),
  dirty_rate_mb_s: opt(dirtyRateSpec, 'MB/s of RAM a running guest dirties, for live migrations (default 0)'),
  ...flavorCpuFields,
});

const image = obj({
  name: req(NAME),
  size_gb: req(imageGbSpec()),
  files: opt(list(str({ maxLength: 4096 })), 'paths of files the image ships (a personality file written there moves them aside)'),
});

const probability = num({ min: 0, max: 1 });

/** A host aggregate; an availability zone is an aggregate that sets availability_zone. */
const aggregate = obj({
  name: req(NAME, 'the aggregate, as hosts name it'),
  availability_zone: opt(ZONE, 'the zone of every host in this aggregate (a host in no zoned aggregate is in zone nova)'),
  metadata: def(textMap, {}, 'key -> value, matched by AggregateInstanceExtraSpecsFilter against flavor extra specs'),
  build_failure_probability: opt(probability, "chance that a build on a host of this aggregate fails (a host's own value wins; else the largest of its aggregates')"),
});

const hostSize = {
  vcpus: req(vcpusSpec()),
  ram_mb: req(ramMbSpec()),
  disk_gb: req(diskGbSpec(1)),
  ...allocationRatios,
  aggregates: opt(list(NAME), 'the aggregates this host is in, by name'),
  build_failure_probability: opt(probability, 'chance that a build on this host fails (default: its aggregates\', else 0)'),
  shared_storage: opt(bool(), 'instance disks on storage shared with other hosts: evacuation keeps them'),
  failure_domain: opt(NAME, 'the rack or power domain the host fails with (see failures.domains)'),
  link_gbps: opt(num({ min: 0, exclusiveMin: true }), 'Gb/s of the link images download over (default 10)'),
  migration_bandwidth_mb_s: opt(migrationBandwidthSpec, 'MB/s the host sends and receives moves at: disk and memory copies (default 1250, 10 Gb/s)'),
  power_model: opt(NAME, 'the power model (power.models) of this host type (default: power.default)'),
  ...hostCpuFields,
};

/** One host, or `count` alike hosts named `<name_prefix>1`, `<name_prefix>2`, ... (zero-padded). */
const oneHost = obj({ name: req(NAME), ...hostSize });
const hostGroup = obj({
  name_prefix: req(NAME),
  count: req(num({ min: 1, max: 1_000_000, integer: true })),
  ...hostSize,
  hosts_per_domain: opt(
    num({ min: 1, integer: true }),
    'with failure_domain: the hosts fall, this many at a time in name order, into domains <failure_domain>-1, -2, ... (racks of a region)',
  ),
});
export type HostEntry = Of<typeof oneHost> | Of<typeof hostGroup>;
const hostEntry = either<HostEntry>('a host mapping (with name) or a group (with name_prefix and count)', [
  { accepts: (v) => typeof v === 'object' && v !== null && 'name_prefix' in v, spec: hostGroup },
  { accepts: () => true, spec: oneHost },
]);

/** A server group (POST /os-server-groups, microversion 2.64 form). */
const serverGroup = obj({
  name: req(NAME, 'the group, as creates and workloads name it'),
  policy: req(oneOf(GROUP_POLICIES), 'hard (affinity, anti-affinity) or soft (soft-affinity, soft-anti-affinity)'),
  project: req(NAME, 'the project that owns the group; only its servers may join'),
  rules: opt(obj({ max_server_per_host: req(num({ min: 1, integer: true }), 'most members on one host') }), 'anti-affinity only'),
});

/** The scheduler: a built-in policy, or a plug-in module behind Nova's enabled filters. */
const scheduler = map(
  obj({
    policy: def(oneOf([...POLICY_NAMES, 'plugin'] as const), SCHEDULER_DEFAULTS.policy, 'a built-in policy, or plugin (then module is required)'),
    module: opt(
      str({ pattern: /\.(m?js|ts)$/, description: 'a path to a .js, .mjs or .ts module' }),
      'the plug-in policy module, relative to the scenario file, exporting the policy as default or as policy; required with policy plugin, refused otherwise',
    ),
    filters: def(
      list(oneOf<string>(FILTER_NAMES)),
      [...SCHEDULER_DEFAULTS.filters],
      `Nova's enabled_filters, in order (default ${SCHEDULER_DEFAULTS.filters.join(', ')})`,
    ),
    weighers: def(
      recordOf(num(), WEIGHER_NAMES),
      { ...SCHEDULER_DEFAULTS.weighers },
      `weigher -> multiplier, negative allowed; given, it replaces the whole default set (${Object.keys(SCHEDULER_DEFAULTS.weighers).join(', ')})`,
    ),
    host_subset_size: def(num({ min: 1, integer: true }), SCHEDULER_DEFAULTS.hostSubsetSize, `pick at random among this many best hosts (default ${SCHEDULER_DEFAULTS.hostSubsetSize})`),
    max_attempts: def(num({ min: 1, integer: true }), SCHEDULER_DEFAULTS.maxAttempts, `the first host plus alternates for reschedules (default ${SCHEDULER_DEFAULTS.maxAttempts})`),
    max_placement_results: def(
      num({ min: 1, integer: true }),
      SCHEDULER_DEFAULTS.maxPlacementResults,
      `Nova's [scheduler] max_placement_results: Placement returns at most this many hosts, in its own order, to a request without a server group or target host (default ${SCHEDULER_DEFAULTS.maxPlacementResults})`,
    ),
    randomize_allocation_candidates: def(
      bool(),
      SCHEDULER_DEFAULTS.randomizeAllocationCandidates,
      `Placement's [placement] randomize_allocation_candidates: when the limit cuts, keep a random sample instead of the first hosts in Placement's order (default ${SCHEDULER_DEFAULTS.randomizeAllocationCandidates})`,
    ),
    prefilter_disabled_computes: def(
      bool(),
      SCHEDULER_DEFAULTS.prefilterDisabledComputes,
      `Nova since Train (20.0.0): Placement leaves disabled computes out (COMPUTE_STATUS_DISABLED); false: as before Train, they take candidate slots and ComputeFilter removes them (default ${SCHEDULER_DEFAULTS.prefilterDisabledComputes})`,
    ),
  }),
  (s): SchedulerSettings => ({
    policy: s.policy,
    module: s.module,
    filters: s.filters,
    weighers: s.weighers,
    hostSubsetSize: s.host_subset_size,
    maxAttempts: s.max_attempts,
    maxPlacementResults: s.max_placement_results,
    randomizeAllocationCandidates: s.randomize_allocation_candidates,
    prefilterDisabledComputes: s.prefilter_disabled_computes,
  }),
);
/** The parsed `scheduler:` section: a SchedulerConfig, plus the plug-in module when policy is plugin. */
export interface SchedulerSettings extends SchedulerConfig {
  /** The plug-in module as written (relative to the scenario file); set exactly when policy is plugin. */
  readonly module: string | undefined;
}
const SCHEDULER_SETTINGS: SchedulerSettings = { ...SCHEDULER_DEFAULTS, module: undefined };

const arrivals = union('process', {
  poisson: { rate: req(rate(), 'mean arrivals, e.g. 10/h') },
  schedule: {
    at: opt(list(duration(), { min: 1 })),
    every: opt(duration(), 'period between arrivals; 0 with a count: all of them at start (a burst)'),
    count: opt(num({ min: 1, integer: true })),
    start: def(duration(), 0),
  },
});
export type Arrivals = Of<typeof arrivals>;

const pattern = obj({
  hourly: opt(list(num({ min: 0 }), { length: 24 }), 'rate factor for each hour of the day, 00:00 first'),
  weekly: opt(list(num({ min: 0 }), { length: 7 }), 'rate factor for each day, Monday first'),
});

/** A time of day, "19:00", as seconds after midnight. */
const timeOfDay: Spec<number> = map(str({ pattern: /^([01]\d|2[0-3]):[0-5]\d$/, description: 'a time of day such as 19:00' }), (t) => {
  const [h, m] = t.split(':').map(Number);
  return h! * 3600 + m! * 60;
});

const behaviour = obj({
  stop_at_night: opt(obj({ stop: req(timeOfDay), start: req(timeOfDay), fraction: def(num({ min: 0, max: 1 }), 1) }), 'users stop their servers in the evening and start them in the morning'),
  shelve_at_weekends: opt(obj({ fraction: def(num({ min: 0, max: 1 }), 1) }), 'users shelve on Friday evening and unshelve on Monday morning'),
});

const workloadEntry = obj({
  name: req(NAME),
  project: req(NAME),
  image: req(NAME),
  flavors: req(recordOf(num({ min: 0, exclusiveMin: true })), 'flavor name -> weight'),
  arrivals: req(arrivals),
  pattern: opt(pattern),
  lifetime: opt(distribution, 'how long each server lives before its owner deletes it (default: forever)'),
  behaviour: opt(behaviour),
  start: def(duration(), 0),
  end: opt(duration()),
  group: opt(NAME, 'a server group of the same project that every server joins'),
  availability_zone: opt(NAME, 'the zone to build in'),
  boot_from_volume: def(bool(), false, 'servers boot from a volume (their disk survives evacuation)'),
  networks: NET.request,
  cpu: opt(cpuDemandSpec(timeOfDay), 'the CPU each server uses over time, a share of its flavor (needs operator.dynamic_consolidation with model nova): constant, or diurnal (a daily cosine with noise)'),
});
/** A workload entry: arrivals drawn from a process, or a trace replayed (it has `trace:`). */
const anyWorkload = either<Of<typeof workloadEntry> | TraceWorkload>('a workload mapping: arrivals (a generated workload) or trace (a replayed one)', [
  { accepts: (v) => typeof v === 'object' && v !== null && 'trace' in v, spec: traceWorkloadSpec(NAME) },
  { accepts: () => true, spec: workloadEntry },
]);

/** Time between failures: exponential (memoryless) or Weibull with a shape (> 1: wear-out), by its mean. */
const failureLaw = {
  mtbf: req(duration({ min: 1, max: 100 * CENTURY_SECONDS }), 'mean time between failures (at most 10,000 years: a host that almost never fails)'),
  law: def(oneOf(['exponential', 'weibull'] as const), 'exponential' as 'exponential' | 'weibull', 'distribution of the time between failures'),
  shape: def(num({ min: 0, exclusiveMin: true }), 1, 'Weibull shape (1 is exponential)'),
  repair: req(distribution, 'time to repair, from the failure until the host is back'),
};

const failures = obj({
  hosts: opt(
    obj({ ...failureLaw, partition_fraction: def(probability, 0, 'share of failures that are network partitions (the host runs on, cut off) rather than crashes') }),
    'every host fails on its own, each with its own random stream',
  ),
  domains: def(
    list(
      obj({
        name: opt(NAME, 'a failure_domain named by hosts'),
        name_prefix: opt(NAME, 'instead of name: every failure domain whose name starts with it, each failing on its own'),
        ...failureLaw,
        kind: def(oneOf(['crash', 'partition'] as const), 'crash' as 'crash' | 'partition', 'crash: power lost, every host dies; partition: the switch fails, hosts run on cut off'),
      }),
    ),
    [],
    'whole failure domains (racks, power) that fail at once',
  ),
});

const failureResponse = obj({
  mode: def(oneOf(['manual', 'automatic'] as const), 'manual' as 'manual' | 'automatic', 'manual: nothing happens until a scripted evacuate; automatic: the operator acts on detection'),
  delay: def(duration(), 0, 'from detection (service down) to the operator acting'),
  fence: def(bool(), true, 'power the host off and force its service down before evacuating'),
  fence_duration: def(duration(), 60, 'how long one fencing attempt takes'),
  fence_failure_probability: def(probability, 0, 'chance that a fencing attempt fails'),
  fence_retries: def(num({ min: 0, integer: true }), 2, 'attempts after a failed one; then the operator evacuates unfenced'),
  max_parallel_evacuations: def(num({ min: 1, integer: true }), 4, 'evacuations the operator runs at once'),
  reenable_after_repair: def(bool(), true, "enable the host's service again once it is repaired"),
});

/** A mapping spec's value when the file leaves it out: its fields' defaults. */
const defaultsOf = <T>(spec: Spec<T>): T => spec.parse({}, [], []) as T;
const operator = obj({
  failure_response: def(failureResponse, defaultsOf(failureResponse), 'how operators answer a host failure'),
  ...operatorWorkflowFields(timeOfDay, NAME),
  dynamic_consolidation: opt(dynamicConsolidationSpec, "Beloglazov and Buyya's dynamic consolidation, a round every scheduling interval: over a planetlab trace workload (model cloudsim), or over Nova's servers with a CPU demand (model nova)"),
});

/** How the file writes each kind of request field (the request table in lifecycle/server-actions.ts says which action takes which). */
const requestFieldSpecs: FieldSpecs = {
  name: NAME,
  flag: bool(),
  count: num({ min: 0, integer: true }),
  reboot_type: oneOf(['SOFT', 'HARD'] as const),
  reset_state: oneOf(['active', 'error'] as const),
  access_ipv4: ipAddress(4),
  access_ipv6: ipAddress(6),
  password: adminPassSpec,
  metadata: metadataSpec,
  personality: personalitySpec,
  networks: NET.requestedNetworks,
  dirty_rate: dirtyRateSpec,
};
/** One `actions:` entry; a request log's rows are checked with it too (scenario/request-log.ts). */
export const actionEntry = actionEntrySpec(NAME, requestFieldSpecs);
/** A name as a client sends it to the Compute API: any text of 1 to 255 characters (Nova's own schema checks it first). */
const apiName = str({ pattern: /\S/, description: 'a name of 1 to 255 characters' });
/** One request a served cloud took, as its recording holds it (the serve command checks each with it). */
export const servedRequest = servedRequestSpec({ ...requestFieldSpecs, name: apiName }, NAME, NAME);

/** A served request as a plain record (what its recording holds), checked: the request, or what is wrong with it. */
export function checkServedRequest(value: unknown): ServedRequest | string[] {
  const issues: Issue[] = [];
  const parsed = servedRequest.parse(value, [], issues);
  return parsed === INVALID ? issues.map((i) => `${i.path.join('.')}: ${i.message}`) : parsed;
}

export const scenarioSpec = obj(
  {
    name: req(RESULTS_NAME, 'names the results folder (results/<name>)'),
    seed: def(seedSpec, 1, `every random stream derives from it: a whole number from 0 to 2^53 - 1`),
    duration: req(duration({ min: 1 }), 'simulated time to run'),
    config: def(config, {} as never),
    scheduler: def(scheduler, SCHEDULER_SETTINGS, 'how hosts are chosen (default: the filter scheduler with Nova\'s filters and weighers)'),
    metrics: def(obj({ sample_interval: def(duration({ min: 1 }), 3600) }), { sample_interval: 3600 }),
    flavors: req(list(flavor, { min: 1 })),
    images: req(list(image, { min: 1 })),
    aggregates: def(list(aggregate), [], 'host aggregates and availability zones'),
    hosts: req(list(hostEntry, { min: 1 })),
    projects: req(list(obj({ name: req(NAME), users: usersField(NAME) }), { min: 1 })),
    server_groups: def(list(serverGroup), [], 'server groups that creates and workloads may join'),
    networks: NET.networks,
    ports: NET.ports,
    durations: def(recordOf(durationSpec), {}),
    workload: def(list(anyWorkload), [], 'generated workloads (arrivals) and replayed traces (trace)'),
    actions: def(list(actionEntry), []),
    actions_file: opt(
      PATH,
      'a CSV request log (time,action,server,... with the actions entry fields as columns) played as more actions, read as a stream while the run reaches each row; the same as a workload entry with trace: { format: requests }',
    ),
    failures: def(failures, defaultsOf(failures), 'random host failures (scripted ones are actions)'),
    operator: def(operator, defaultsOf(operator), 'what operators do'),
    limits: def(limitsSpec, LIMITS_DEFAULTS, "what one request may carry (Nova's defaults)"),
    quotas: opt(quotasSpec, "projects' quotas of servers, vCPUs and RAM; without this section none is enforced"),
    power: opt(powerSpec(NAME), 'power models per host type, for energy (without this section no power is computed)'),
    charging: opt(chargingSpec, 'what a server costs per hour in each API status (without this section nothing is charged)'),
    expect: def(expectationsSpec, [], 'checks on summary.json after the run: novasim run exits 1 when one fails'),
    outputs: def(
      recordOf(either<OutputChoice>('true, false, a level (full, requests, off) or, for format, csv or parquet', [
        { accepts: (v) => typeof v === 'boolean', spec: bool() },
        { accepts: () => true, spec: oneOf([...OUTPUT_LEVELS, ...OUTPUT_FORMATS]) },
      ])),
      {},
      'which files the run writes, by file name (true or false; events.csv takes a level: full, requests or off), and format: csv (default) or parquet for the tables; the run layer knows the names',
    ),
    served: opt(servedSpec(servedRequest), 'what the clients of a served cloud asked (novasim serve --record writes it): a run takes the same requests at the same times and stops when the served run stopped'),
    run_limits: def(runLimitsSpec, { ...RUN_LIMIT_DEFAULTS }, 'ceilings on the work the scenario implies (hosts, servers, samples, events) and on plug-in time; raise one when a real scenario needs it'),
  },
  'a scenario mapping',
);

export type Scenario = typeof scenarioSpec extends Spec<infer T> ? T : never;
/** A generated workload (arrivals from a process). */
export type Workload = Of<typeof workloadEntry>;
export type { TraceWorkload };
/** True for a workload entry that replays a trace. */
export const isTraceWorkload = (w: Scenario['workload'][number]): w is TraceWorkload => 'trace' in w;
/** The scenario's generated workloads, in file order. */
export const generatedWorkloads = (s: Pick<Scenario, 'workload'>): Workload[] => s.workload.filter((w): w is Workload => !isTraceWorkload(w));
export type NovaOptions = Scenario['config'];
export type FailureModel = Scenario['failures'];
export type FailureResponse = Scenario['operator']['failure_response'];
/** What a plug-in module exports; named here so the CLI (which may not import scheduling) can load one. */
export type { PlacementPolicy } from '../scheduling/policy.js';
export type AggregateEntry = Scenario['aggregates'][number];
export type ServerGroupEntry = Scenario['server_groups'][number];
