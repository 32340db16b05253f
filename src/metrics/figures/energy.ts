import type { Host } from '../../model/host.js';
import type { HostId } from '../../model/ids.js';
import { decimal, JOULES_PER_KWH, rounded } from '../format.js';
import { Levels } from '../instruments/level.js';
import { hostWatts, type PowerModel } from './power-model.js';
import type { RunFacts } from '../run-facts.js';

/** The one level of the count of hosts switched on. */
const CLOUD = 0;

/** summary.json's `energy`; the power figures are null when the scenario has no `power:` section. */
export interface EnergySummary {
  readonly total_kwh: number | null;
  /** Energy over the run's duration. */
  readonly mean_power_w: number | null;
  /** The cloud's largest total draw at any change. */
  readonly peak_power_w: number | null;
  /** Hosts switched on: least and most at any change, and the time-weighted mean. */
  readonly hosts_powered_on: { readonly min: number; readonly mean: number; readonly max: number };
}

/**
 * The cloud's power draw and energy, integrated exactly.
 *
 * A host's draw is constant between two host_changed facts (it depends on
 * its claims, whether it is alive and whether it is switched on, and every
 * change of those is one), so each host's draw is a level and so is the
 * count of hosts switched on: no sampling. The cloud's total draw moves by
 * difference, so a change costs O(points of the host's model) and a sample
 * O(1). Hosts must all exist before construction.
 *
 * With `cpuDriven` (servers that use CPU in Nova's cloud, model nova), a
 * host's utilisation is the CPU its last host_cpu fact gave its servers over
 * its capacity (at most 1) instead of its claims: the CPU model holds a
 * host's allocation between two shares, so its draw is still a level and
 * the integral still exact.
 */
export class Energy {
  readonly #models: readonly PowerModel[] | null;
  readonly #hosts: number;
  /** Per host: its draw in watts (only with power models). */
  readonly #draws = new Levels();
  /** Per host: 1 while it is switched on. */
  readonly #poweredOn: Uint8Array;
  /** Hosts switched on, as level CLOUD: construction is one instant, so its least and greatest count the state it ends in. */
  readonly #on = new Levels();
  readonly #start: number;
  /** Per host: the CPU utilisation its draw follows; null: its claims. */
  readonly #cpu: Float64Array | null;
  #watts = 0;
  #peak = 0;

  constructor(
    facts: RunFacts,
    hosts: readonly Host[],
    /** Each host's model, by host id; null when the scenario has no power model (no draw is computed). */
    models: readonly PowerModel[] | null,
    /** When the figure starts. */
    start = 0,
    /** Draws follow the host_cpu facts' CPU, not the claims. */
    cpuDriven = false,
  ) {
    this.#models = models;
    this.#cpu = cpuDriven ? new Float64Array(hosts.length) : null;
    this.#hosts = hosts.length;
    this.#start = start;
    if (models !== null) for (const host of hosts) this.#draws.start(host.id, start);
    this.#poweredOn = new Uint8Array(hosts.length);
    let on = 0;
    for (const host of hosts) on += this.#take(host, start);
    this.#on.start(CLOUD, start, on);
    facts.on('host_changed', (fact) => this.#on.set(CLOUD, fact.time, this.#on.value(CLOUD) + this.#take(hosts[fact.host]!, fact.time)));
    const cpu = this.#cpu;
    if (cpu !== null)
      facts.on('host_cpu', (fact) => {
        cpu[fact.host] = fact.capacityMips > 0 ? Math.min(1, fact.allocatedMips / fact.capacityMips) : 0;
        this.#on.set(CLOUD, fact.time, this.#on.value(CLOUD) + this.#take(hosts[fact.host]!, fact.time));
      });
  }

  /** The host's new draw and power; returns the change in hosts switched on (-1, 0 or 1). */
  #take(host: Host, t: number): number {
    const id = host.id;
    const on = host.poweredOn ? 1 : 0;
    const change = on - this.#poweredOn[id]!;
    this.#poweredOn[id] = on;
    const model = this.#models?.[id];
    if (model === undefined) return change;
    const watts = this.#cpu === null ? hostWatts(host, model) : hostWatts(host, model, this.#cpu[id]!);
    this.#watts += watts - this.#draws.value(id);
    this.#draws.set(id, t, watts);
    this.#peak = Math.max(this.#peak, this.#watts);
    return change;
  }

  /** The cloud's total draw now, in watts; null without power models. */
  get powerW(): number | null {
    return this.#models === null ? null : this.#watts;
  }

  /** Hosts switched on now. */
  get hostsPoweredOn(): number {
    return this.#on.value(CLOUD);
  }

  /** One host's energy from the start to `endTime`, in kWh; null without power models. */
  hostKwh(host: HostId, endTime: number): number | null {
    if (this.#models === null) return null;
    return this.#draws.areaAt(host, endTime) / JOULES_PER_KWH;
  }

  /** The cloud's energy from the start to `endTime`, kWh, unrounded (ESV is computed from it); null without power models. O(hosts). */
  kwh(endTime: number): number | null {
    if (this.#models === null) return null;
    let kwh = 0;
    for (let id = 0; id < this.#hosts; id++) kwh += this.hostKwh(id as HostId, endTime)!;
    return kwh;
  }

  /** The run's figures up to `endTime`. O(hosts): call it once, at the end. */
  summary(endTime: number): EnergySummary {
    const span = endTime - this.#start;
    const on = this.#on;
    const hosts_powered_on = { min: on.min(CLOUD), mean: rounded(on.meanAt(CLOUD, endTime) ?? on.value(CLOUD), 4), max: on.max(CLOUD) };
    const kwh = this.kwh(endTime);
    if (kwh === null) return { total_kwh: null, mean_power_w: null, peak_power_w: null, hosts_powered_on };
    return {
      total_kwh: rounded(kwh, 4),
      mean_power_w: rounded(span > 0 ? (kwh * JOULES_PER_KWH) / span : this.#watts, 3),
      peak_power_w: rounded(this.#peak, 3),
      hosts_powered_on,
    };
  }
}

/** A host's energy for hosts.csv: kWh with 4 decimals, empty without power models. */
export const formatKwh = (kwh: number | null): string => (kwh === null ? '' : decimal(kwh, 4));
