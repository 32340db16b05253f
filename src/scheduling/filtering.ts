import { inService } from '../model/capacity.js';
import type { Host } from '../model/host.js';
import type { HostId } from '../model/ids.js';
import type { Inventory } from '../model/inventory.js';
import type { FilterCount } from '../model/placement-decision.js';
import { ListCandidates, type Candidates } from './candidates.js';
import type { FilterStep, HostClass, HostFilter } from './filters/types.js';
import type { HostIndex } from './host-index.js';
import { HostSet } from './host-set.js';
import type { HostTrees } from './host-trees.js';
import { placeByScan, placementCount, type PlacementStage } from './placement-stage.js';
import type { PlacementRequest } from './types.js';

/** What filtering leaves: the counts at each stage (Nova's "Filter results") and the candidates. */
export interface Filtered {
  readonly hosts: number;
  readonly trail: FilterCount[];
  readonly candidates: Candidates;
}

/** The stage that drops the hosts a request ignores (a move's source, hosts already tried). */
export const IGNORE_STAGE = 'ignore_hosts';

/**
 * The reference filtering: every host through Placement and then every
 * stage, as Nova's filter handler does. Stops at the first stage that
 * leaves no host, as Nova does. A requested host (onlyHosts) limits the
 * hosts from the start; a forced one also skips the filters.
 */
export function filterByScan(request: PlacementRequest, filters: readonly HostFilter[], inventory: Inventory, now: number, stage: PlacementStage): Filtered {
  const start = request.onlyHosts === null ? inventory.hosts : request.onlyHosts.map((id) => inventory.host(id));
  const { kept, count } = placeByScan(request, start, stage);
  const trail: FilterCount[] = [count];
  let hosts = kept.map((h) => h.id);
  if (request.forced !== true) hosts = applySteps(hosts, stepsOf(request, filters, inventory), (id) => classOfHost(inventory.host(id), now), trail);
  return { hosts: start.length, trail, candidates: new ListCandidates(hosts, inventory) };
}

/**
 * The same filtering answered by the host index: class filters are asked
 * once per class and counts are sums over classes less the excluded hosts.
 * A request Placement limits is answered from the index's kept hosts, or,
 * randomised, from the sample listed. A filter that keeps only a short
 * list (affinity) turns the rest of the work into a plain list.
 */
export function filterByIndex(
  request: PlacementRequest,
  filters: readonly HostFilter[],
  inventory: Inventory,
  index: HostIndex,
  now: number,
  stage: PlacementStage,
): Filtered {
  const only = request.onlyHosts;
  if (only !== null && (request.forced === true || only.length < Math.max(SCAN_AT_MOST, inventory.hosts.length / 4))) return filterByScan(request, filters, inventory, now, stage);
  const classes = index.classes;
  // The Train pre-filter: Placement leaves disabled computes out, so their classes never pass.
  const pass = Uint8Array.from(classes, (_, cls) => (stage.prefilter && index.isDisabledClass(cls) ? 0 : 1));
  const excluded = only === null ? new HostSet(inventory.hosts.length) : HostSet.complementOf(only, inventory.hosts.length);
  const flavor = request.flavor;
  let trees: HostTrees = index.fitting;
  // Per class, the excluded hosts in `trees`: counts are sums over classes, O(classes) per stage however many are excluded.
  const excludedIn = new Int32Array(classes.length);
  const countExcluded = (): void => {
    excludedIn.fill(0);
    for (const host of excluded) if (trees.has(flavor.id, host)) excludedIn[index.classOf(host)]!++;
  };
  const exclude = (host: HostId): void => {
    if (excluded.add(host) && trees.has(flavor.id, host)) excludedIn[index.classOf(host)]!++;
  };
  const count = (): number => {
    let n = 0;
    for (let cls = 0; cls < classes.length; cls++) if (pass[cls] === 1) n += trees.count(flavor.id, cls) - excludedIn[cls]!;
    return n;
  };
  countExcluded();
  const total = only === null ? inventory.hosts.length : only.length;
  const steps = stepsOf(request, filters, inventory);
  const viable = count();
  const limit = stage.limitFor(request);
  if (limit !== null && viable > limit) {
    if (stage.randomize) {
      const trail = [placementCount(total, limit, viable)];
      const hosts = applySteps(index.sample(flavor, viable, limit, stage.sampler), steps, (id) => classes[index.classOf(id)]!, trail);
      return { hosts: total, trail, candidates: new ListCandidates(hosts, inventory) };
    }
    trees = index.kept!;
    countExcluded();
  }
  let before = count();
  const trail: FilterCount[] = [placementCount(total, before, viable)];
  for (let i = 0; i < steps.length && before > 0; i++) {
    const { name, step } = steps[i]!;
    if (step?.kind === 'restrict') {
      const q = index.candidates(trees, flavor, pass, excluded, before);
      const kept = [...new Set(step.hosts)].filter((h) => q.has(h)).sort((a, b) => a - b);
      trail.push({ filter: name, before, after: kept.length });
      const rest = steps.slice(i + 1);
      const hosts = applySteps(kept, rest, (id) => classes[index.classOf(id)]!, trail);
      return { hosts: total, trail, candidates: new ListCandidates(hosts, inventory) };
    }
    if (step?.kind === 'class') classes.forEach((c, cls) => (pass[cls] = pass[cls]! & (step.passes(c) ? 1 : 0)));
    else if (step?.kind === 'exclude') for (const host of step.hosts) exclude(host);
    const after = step === null ? before : count();
    trail.push({ filter: name, before, after });
    before = after;
  }
  return { hosts: total, trail, candidates: index.candidates(index.searchTrees(trees, pass), flavor, pass, excluded, before) };
}

/**
 * A requested host list shorter than this, or than a quarter of the hosts,
 * is filtered by a plain scan of it (the index would pay for excluding all
 * the others); a longer one (a consolidation asks among every non-empty
 * host in service) by the index, with every other host excluded. Profiled
 * on the full region: scanning the 9,000 or so listed hosts for each
 * consolidation move took 10% of the run.
 */
const SCAN_AT_MOST = 16;

interface NamedStep {
  readonly name: string;
  readonly step: FilterStep | null;
}

/** The ignore-hosts stage (when the request ignores any) and then each enabled filter, prepared for the request. */
function stepsOf(request: PlacementRequest, filters: readonly HostFilter[], inventory: Inventory): NamedStep[] {
  const steps: NamedStep[] = [];
  if (request.ignoreHosts.length > 0) steps.push({ name: IGNORE_STAGE, step: { kind: 'exclude', hosts: request.ignoreHosts } });
  for (const f of filters) steps.push({ name: f.name, step: f.prepare(request, inventory) });
  return steps;
}

function applySteps(hosts: HostId[], steps: readonly NamedStep[], classOf: (host: HostId) => HostClass, trail: FilterCount[]): HostId[] {
  for (const { name, step } of steps) {
    if (hosts.length === 0) break;
    const before = hosts.length;
    if (step?.kind === 'class') hosts = hosts.filter((h) => step.passes(classOf(h)));
    else if (step !== null) {
      const listed = new Set(step.hosts);
      hosts = hosts.filter((h) => listed.has(h) === (step.kind === 'restrict'));
    }
    trail.push({ filter: name, before, after: hosts.length });
  }
  return hosts;
}

const classOfHost = (host: Host, now: number): HostClass => ({
  aggregates: host.aggregates,
  availabilityZone: host.availabilityZone,
  inService: inService(host, now),
});
