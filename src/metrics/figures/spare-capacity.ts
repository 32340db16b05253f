import { inService } from '../../model/capacity.js';
import { freeOf, serviceUp, type Host } from '../../model/host.js';
import { rounded } from '../format.js';
import { Tally } from '../instruments/tally.js';
import type { RunFacts } from '../run-facts.js';

/** The classes N+1 looks at, in this order: RAM then vCPUs. */
const CLASSES = ['ramMb', 'vcpus'] as const;
const C = CLASSES.length;

/** Spare capacity after the worst single loss, per class; null when no host names a failure domain. */
export interface N1Spare {
  readonly hostRamMb: number;
  readonly hostVcpus: number;
  readonly domainRamMb: number | null;
  readonly domainVcpus: number | null;
}

/** One column's record over the run. */
export interface SpareRecord {
  readonly min: number;
  /** Samples where the spare was >= 0, over all samples. */
  readonly fraction_non_negative: number;
}

/** summary.json's `spare_capacity`: the domain entries are null when no host names a domain. */
export interface SpareCapacitySummary {
  readonly n1_host_spare_ram_mb: SpareRecord;
  readonly n1_host_spare_vcpus: SpareRecord;
  readonly n1_domain_spare_ram_mb: SpareRecord | null;
  readonly n1_domain_spare_vcpus: SpareRecord | null;
}

const RATIO_PLACES = 4;

/**
 * N+1 spare capacity, kept exact as hosts change.
 *
 * Losing a host whose service is up takes away its used capacity, which
 * must find room elsewhere, and, when it is in service (enabled too), its
 * free capacity as well. The host spare is the free capacity of the hosts
 * in service (Placement's capacity - used, never below 0) minus the worst
 * such loss. For a host in service the loss is its whole capacity, so the worst
 * host is the largest one, not always the fullest; for a disabled host it
 * is its used capacity. Negative: some host's servers would not all fit on
 * the others. Hosts already down count in neither term.
 *
 * The domain spare is the same with a failure domain's hosts lost together.
 *
 * Per host the loss and free share live in typed arrays; a max tree gives
 * the worst host in O(1) after an O(log hosts) update, and per-domain sums
 * move by difference, so a sample scans the domains only.
 */
export class SpareCapacity {
  readonly #freeOn: Float64Array; // host x class
  readonly #lossOn: Float64Array; // host x class
  readonly #free = new Float64Array(C);
  readonly #worstHost: MaxTree[];
  readonly #domainOf: Int32Array; // -1: no domain
  readonly #domainLoss: Float64Array; // domain x class
  readonly #domains: number;
  readonly #tally = [new Tally(), new Tally(), new Tally(), new Tally()];

  constructor(
    facts: RunFacts,
    hosts: readonly Host[],
    /** When the figure starts (whether a service is up depends on the time). */
    start = 0,
  ) {
    this.#freeOn = new Float64Array(hosts.length * C);
    this.#lossOn = new Float64Array(hosts.length * C);
    this.#worstHost = CLASSES.map(() => new MaxTree(hosts.length));
    const domains = new Map<string, number>();
    this.#domainOf = new Int32Array(hosts.length).fill(-1);
    for (const h of hosts) {
      if (h.failureDomain === null) continue;
      if (!domains.has(h.failureDomain)) domains.set(h.failureDomain, domains.size);
      this.#domainOf[h.id] = domains.get(h.failureDomain)!;
    }
    this.#domains = domains.size;
    this.#domainLoss = new Float64Array(domains.size * C);
    for (const host of hosts) this.#hostChanged(host, start);
    facts.on('host_changed', (fact) => this.#hostChanged(hosts[fact.host]!, fact.time));
    facts.on('sample', () => this.#sample());
  }

  /** Recomputes one host's shares and moves the totals by the difference. */
  #hostChanged(host: Host, now: number): void {
    const up = serviceUp(host, now);
    const serving = inService(host, now);
    const domain = this.#domainOf[host.id]!;
    for (let c = 0; c < C; c++) {
      const at = host.id * C + c;
      const free = serving ? Math.max(0, freeOf(host, CLASSES[c]!)) : 0;
      const loss = up ? host.used[CLASSES[c]!] + free : 0;
      this.#free[c]! += free - this.#freeOn[at]!;
      if (domain >= 0) this.#domainLoss[domain * C + c]! += loss - this.#lossOn[at]!;
      this.#freeOn[at] = free;
      this.#lossOn[at] = loss;
      this.#worstHost[c]!.set(host.id, loss);
    }
  }

  /** The spare now. */
  current(): N1Spare {
    const host = (c: number): number => this.#free[c]! - this.#worstHost[c]!.max;
    const domain = (c: number): number | null => {
      if (this.#domains === 0) return null;
      let worst = 0;
      for (let d = 0; d < this.#domains; d++) worst = Math.max(worst, this.#domainLoss[d * C + c]!);
      return this.#free[c]! - worst;
    };
    return { hostRamMb: host(0), hostVcpus: host(1), domainRamMb: domain(0), domainVcpus: domain(1) };
  }

  /** Each sample counts the spare then in the run's minimum and fraction >= 0. */
  #sample(): void {
    const now = this.current();
    const values = [now.hostRamMb, now.hostVcpus, now.domainRamMb, now.domainVcpus];
    values.forEach((v, i) => {
      if (v !== null) this.#tally[i]!.add(v);
    });
  }

  summary(): SpareCapacitySummary {
    const [hostRam, hostVcpus, domainRam, domainVcpus] = this.#tally;
    const domains = this.#domains > 0;
    return {
      n1_host_spare_ram_mb: recordOf(hostRam!),
      n1_host_spare_vcpus: recordOf(hostVcpus!),
      n1_domain_spare_ram_mb: domains ? recordOf(domainRam!) : null,
      n1_domain_spare_vcpus: domains ? recordOf(domainVcpus!) : null,
    };
  }
}

/** A column's samples as summary.json shows them: the minimum, and how often it was >= 0. */
const recordOf = (samples: Tally): SpareRecord => ({
  min: rounded(samples.min, 3),
  fraction_non_negative: rounded(samples.share((x) => x >= 0), RATIO_PLACES),
});

/** The largest of n values (all 0 at first), updated one at a time: a binary tree of maxima over leaves n..2n-1. */
class MaxTree {
  readonly #nodes: Float64Array;

  constructor(private readonly n: number) {
    this.#nodes = new Float64Array(2 * Math.max(1, n));
  }

  set(i: number, value: number): void {
    let at = i + this.n;
    this.#nodes[at] = value;
    for (at >>= 1; at >= 1; at >>= 1) this.#nodes[at] = Math.max(this.#nodes[2 * at]!, this.#nodes[2 * at + 1]!);
  }

  /** 0 for no values. */
  get max(): number {
    return this.#nodes[1]!;
  }
}
