import type { AzureVm } from '../workload/traces/azure-vmtable.js';
import { def, duration, either, list, map, num, obj, oneOf, opt, req, str, union, type Issue, type Path, type Spec } from './spec.js';

/**
 * A workload entry that replays a trace instead of drawing arrivals:
 * `trace:` names the format and its files (paths relative to the scenario
 * file). Three formats:
 * - planetlab: one PlanetLab/CoMon file per server, created together at
 *   `at`; the order (an order file, or `sorted`) decides which trace gets
 *   which flavor, by CloudSim's blocks (server i of N gets flavor
 *   floor(i / ceil(N / k)) of the k listed);
 * - azure_vmtable: the Azure Public Dataset's VM table, one server per row
 *   created and deleted at the row's times (from `start` in the trace's
 *   time), its flavor from its core and memory buckets, its CPU from the
 *   readings when given, else the table's own figure for its life;
 * - requests: a CSV log of requests (time,action,...) replayed as they come.
 */

/** A file or folder a scenario names, relative to the scenario file. */
export const PATH = str({ maxLength: 4096, description: 'a path, relative to the scenario file' });
const whole = (min: number) => num({ min, integer: true });

/** How a PlanetLab folder is ordered: `sorted` (by name), or an order file. */
export type TraceOrder = { readonly kind: 'sorted' } | { readonly kind: 'file'; readonly file: string };
const order: Spec<TraceOrder> = map(PATH, (v) => (v === 'sorted' ? { kind: 'sorted' } : { kind: 'file', file: v }));

/** A bucket label as the VM table writes it: 2, 0.75, >24 (a number in the scenario file is read as its label). */
const bucket: Spec<string> = either<string>('a bucket such as 2, 8 or ">24"', [
  { accepts: (v) => typeof v === 'number', spec: map(num({ min: 0 }), String) },
  { accepts: () => true, spec: str({ pattern: /^>?\d+(\.\d+)?$/, description: 'a bucket such as 2, 8 or ">24"' }) },
]);

export function traceSpec(name: Spec<string>) {
  const bucketFlavor = obj({
    cores: opt(bucket, 'the vmcorecountbucket this row matches (any, when left out)'),
    memory: opt(bucket, 'the vmmemorybucket this row matches, GB (any, when left out)'),
    flavor: req(name, 'the flavor servers of these buckets get'),
  });
  return union('format', {
    planetlab: {
      folder: req(PATH, 'the folder of trace files, one per server (names may hold spaces)'),
      order: req(order, 'an order file (index<TAB>mips<TAB>name lines, or bare names) or sorted: which trace is server 0, 1, ...'),
      flavors: req(list(name, { min: 1 }), "flavors by block, as CloudSim assigns them: server i of N gets the floor(i / ceil(N / k))-th of these k"),
      interval: def(duration({ min: 1 }), 300, 'seconds between samples (default 5m); linear in between'),
      samples: opt(whole(1), 'samples each file must hold (288 for a day of 5-minute samples); checked when given'),
      count: opt(whole(1), 'only the first count traces of the order: a reduced benchmark (flavors by block of the count)'),
      at: def(duration(), 0, 'when the servers are created (default 0)'),
    },
    azure_vmtable: {
      file: req(PATH, "the VM table (vmtable.csv): vmid, subscriptionid, deploymentid, vmcreated, vmdeleted, maxcpu, avgcpu, p95maxcpu, vmcategory, vmcorecountbucket, vmmemorybucket; rows in creation order"),
      flavors: req(list(bucketFlavor, { min: 1 }), 'buckets -> flavor; the first entry a row matches gives its flavor'),
      readings: opt(PATH, "CPU readings (timestamp, vmid, mincpu, maxcpu, avgcpu), in time order: each server's avgcpu, sample by sample, as its demand (model nova)"),
      cpu: opt(oneOf(['avg', 'p95', 'max'] as const), "without readings: the table's figure (avgcpu, p95maxcpu or maxcpu, a percentage of the VM's cores) each server asks for all its life (model nova)"),
      start: def(duration(), 0, "the trace's time the run starts at; rows created before it are left out"),
    },
    requests: {
      file: req(PATH, 'a CSV of requests with a header: time and action, then any fields of the requests (server, flavor, image, project, host, ...); rows in time order'),
    },
  }, 'a trace mapping');
}

export type TraceSettings = ReturnType<typeof traceSpec> extends Spec<infer T> ? T : never;

/** A workload entry that replays a trace; `name` is the scenario's name spec. */
export function traceWorkloadSpec(name: Spec<string>) {
  return obj({
    name: req(name),
    trace: req(traceSpec(name), 'the trace to replay'),
    project: opt(name, 'the project that owns the servers (planetlab and azure_vmtable; a request log names its own)'),
    image: opt(name, 'the image the servers boot (planetlab and azure_vmtable)'),
  });
}

export type TraceWorkload = ReturnType<typeof traceWorkloadSpec> extends Spec<infer T> ? T : never;

/** `actions_file:` (the scenario's own request log) is a `requests` trace workload under another name. */
export const actionsFileWorkload = (file: string): TraceWorkload => ({ name: 'actions_file', trace: { format: 'requests', file }, project: undefined, image: undefined });

/** The names the checks look up. */
export interface TraceNames {
  readonly flavors: ReadonlySet<string>;
  readonly images: ReadonlySet<string>;
  readonly projects: ReadonlySet<string>;
}

/** Project and image where the format needs them (and not where it does not); every name one the scenario defines. */
export function checkTraceWorkload(w: TraceWorkload, at: Path, names: TraceNames): Issue[] {
  const issues: Issue[] = [];
  const unknown = (set: ReadonlySet<string>, what: string, value: string, path: Path): void => {
    if (!set.has(value)) issues.push({ path, message: `unknown ${what} '${value}'; known: ${[...set].slice(0, 10).join(', ') || 'none'}` });
  };
  const trace = w.trace;
  if (trace.format === 'requests') {
    for (const field of ['project', 'image'] as const)
      if (w[field] !== undefined) issues.push({ path: [...at, field], message: `'${field}' does not apply to a request log: each row names its own` });
  } else {
    for (const field of ['project', 'image'] as const) if (w[field] === undefined) issues.push({ path: at, message: `a ${trace.format} trace needs '${field}'` });
    if (w.project !== undefined) unknown(names.projects, 'project', w.project, [...at, 'project']);
    if (w.image !== undefined) unknown(names.images, 'image', w.image, [...at, 'image']);
  }
  if (trace.format === 'planetlab') trace.flavors.forEach((f, i) => unknown(names.flavors, 'flavor', f, [...at, 'trace', 'flavors', i]));
  if (trace.format === 'azure_vmtable') trace.flavors.forEach((f, i) => unknown(names.flavors, 'flavor', f.flavor, [...at, 'trace', 'flavors', i, 'flavor']));
  return issues;
}

/** CloudSim's assignment of flavors to the servers of a trace folder: server i of n gets the block floor(i / ceil(n / k)). */
export function blockFlavor(flavors: readonly string[], i: number, n: number): string {
  return flavors[Math.floor(i / Math.ceil(n / flavors.length))]!;
}

/** The flavor of a VM-table row: the first entry whose buckets it matches, or null. */
export function bucketFlavor(table: readonly { readonly cores?: string | undefined; readonly memory?: string | undefined; readonly flavor: string }[], vm: AzureVm): string | null {
  const match = table.find((e) => (e.cores === undefined || e.cores === vm.coreBucket) && (e.memory === undefined || e.memory === vm.memoryBucket));
  return match?.flavor ?? null;
}
