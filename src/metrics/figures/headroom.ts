import { fitCount, freeRoom, inService } from '../../model/capacity.js';
import type { Flavor } from '../../model/catalog.js';
import type { Host } from '../../model/host.js';
import type { HostId } from '../../model/ids.js';
import { RESOURCE_CLASSES, type Resources } from '../../model/resources.js';
import { ratio, rounded } from '../format.js';
import type { RunFacts } from '../run-facts.js';

const CLASSES = RESOURCE_CLASSES.length;
const RATIO_PLACES = 4;

/** Free capacity no flavor of the scenario can use, at the end (summary.json's `fragmentation`). */
export interface Fragmentation {
  readonly stranded_vcpus: number;
  readonly stranded_ram_mb: number;
  readonly stranded_disk_gb: number;
  /** Stranded over all free capacity of the usable hosts; 0 when nothing is free. */
  readonly stranded_fraction_vcpus: number;
  readonly stranded_fraction_ram: number;
  readonly stranded_fraction_disk: number;
}

/**
 * Headroom and fragmentation, kept exact as hosts change.
 *
 * Headroom of a flavor: how many more servers of it still fit (fitCount),
 * summed over the hosts in service (inService: enabled, service up).
 *
 * Stranded capacity: the free capacity of those hosts on which no flavor of
 * the scenario fits (capacity that no flavor of the mix can use). Disabled
 * and down hosts count in neither figure, nor in the free total the stranded
 * fraction is taken of.
 *
 * Only resources are looked at: a flavor pinned to aggregates by extra specs
 * counts every host (a simplification).
 *
 * Each host's contributions live in typed arrays; a host_changed fact
 * replaces one host's share of the totals by difference in O(flavors x
 * classes), so no reading ever scans the hosts. Hosts must all exist
 * before construction.
 */
export class Headroom {
  /** Flavor names, in the scenario's order. */
  readonly flavors: readonly string[];
  readonly #sizes: readonly Flavor[];
  readonly #fitsOn: Float64Array; // host x flavor: servers of the flavor that still fit
  readonly #strandedOn: Float64Array; // host x class
  readonly #freeOn: Float64Array; // host x class, 0 for hosts not in service
  readonly #headroom: Float64Array; // per flavor
  readonly #stranded: Float64Array; // per class
  readonly #free: Float64Array; // per class

  constructor(
    facts: RunFacts,
    hosts: readonly Host[],
    flavors: readonly Flavor[],
    /** When the figure starts (whether a service is up depends on the time). */
    start = 0,
  ) {
    this.flavors = flavors.map((f) => f.name);
    this.#sizes = flavors;
    this.#fitsOn = new Float64Array(hosts.length * flavors.length);
    this.#strandedOn = new Float64Array(hosts.length * CLASSES);
    this.#freeOn = new Float64Array(hosts.length * CLASSES);
    this.#headroom = new Float64Array(flavors.length);
    this.#stranded = new Float64Array(CLASSES);
    this.#free = new Float64Array(CLASSES);
    for (const host of hosts) this.#hostChanged(host, start);
    facts.on('host_changed', (fact) => this.#hostChanged(hosts[fact.host]!, fact.time));
  }

  /** Recomputes one host's share and moves the totals by the difference. */
  #hostChanged(host: Host, now: number): void {
    const serving = inService(host, now);
    const room = freeRoom(host);
    const F = this.flavors.length;
    let anyFits = false;
    for (let f = 0; f < F; f++) {
      const fits = serving ? fitCount(room, this.#sizes[f]!) : 0;
      const at = host.id * F + f;
      this.#headroom[f]! += fits - this.#fitsOn[at]!;
      this.#fitsOn[at] = fits;
      if (fits > 0) anyFits = true;
    }
    for (let c = 0; c < CLASSES; c++) {
      const at = host.id * CLASSES + c;
      // Overcommitted usage (negative free) strands nothing.
      const free = serving ? Math.max(0, room[RESOURCE_CLASSES[c]!]) : 0;
      const stranded = anyFits ? 0 : free;
      this.#free[c]! += free - this.#freeOn[at]!;
      this.#freeOn[at] = free;
      this.#stranded[c]! += stranded - this.#strandedOn[at]!;
      this.#strandedOn[at] = stranded;
    }
  }

  /** Servers of the flavor at index `f` that still fit in total. */
  headroomOf(f: number): number {
    return this.#headroom[f] ?? 0;
  }

  /** summary.json's `headroom`: servers of each flavor that still fit, flavors in the scenario's order. */
  summary(): Record<string, number> {
    return Object.fromEntries(this.flavors.map((name, f) => [name, this.headroomOf(f)]));
  }

  /** summary.json's `fragmentation`. */
  fragmentation(): Fragmentation {
    const stranded = this.stranded();
    const free = this.free();
    return {
      stranded_vcpus: stranded.vcpus,
      stranded_ram_mb: stranded.ramMb,
      stranded_disk_gb: stranded.diskGb,
      stranded_fraction_vcpus: rounded(ratio(stranded.vcpus, free.vcpus), RATIO_PLACES),
      stranded_fraction_ram: rounded(ratio(stranded.ramMb, free.ramMb), RATIO_PLACES),
      stranded_fraction_disk: rounded(ratio(stranded.diskGb, free.diskGb), RATIO_PLACES),
    };
  }

  /** Free capacity per class on hosts in service where no flavor fits. */
  stranded(): Resources {
    return this.#resources(this.#stranded, 0);
  }

  /** Free capacity per class on all hosts in service (the stranded fraction's denominator). */
  free(): Resources {
    return this.#resources(this.#free, 0);
  }

  /** One host's stranded capacity (zero when some flavor fits or the host is not in service). */
  strandedOn(host: HostId): Resources {
    return this.#resources(this.#strandedOn, host * CLASSES);
  }

  // Typed arrays hold the classes in RESOURCE_CLASSES order: vcpus, ramMb, diskGb.
  #resources(a: Float64Array, at: number): Resources {
    return { vcpus: a[at]!, ramMb: a[at + 1]!, diskGb: a[at + 2]! };
  }
}
