import type { Host } from '../../model/host.js';
import type { HostId } from '../../model/ids.js';
import type { HostObserver } from '../../model/inventory.js';
import { decimal, optionalDecimal, rounded } from '../format.js';
import { hostWatts, type PowerModel } from './power-model.js';
import type { SampleColumns } from '../writers/sampler.js';

const JOULES_PER_KWH = 3_600_000;

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
 * A host's draw is constant between two calls of hostChanged (it depends on
 * its claims, whether it is alive and whether it is switched on, and every
 * change of those calls it), so accounting the elapsed time at the old draw
 * on each call gives the exact integral: no sampling. Per host the draw,
 * the energy so far and the time it was last accounted live in typed
 * arrays; the cloud's total draw and the count of hosts switched on move by
 * difference, so a change costs O(points of the host's model) and a sample
 * O(1). Hosts must all exist before construction; time starts at `now()`.
 */
export class Energy implements HostObserver, SampleColumns {
  readonly columns = ['power_w', 'hosts_powered_on'] as const;
  readonly #models: readonly PowerModel[] | null;
  readonly #wattsOn: Float64Array;
  readonly #joulesOn: Float64Array;
  readonly #sinceOn: Float64Array;
  readonly #poweredOn: Uint8Array;
  readonly #start: number;
  #watts = 0;
  #peak = 0;
  #on = 0;
  #minOn: number;
  #maxOn = 0;
  #onArea = 0; // host-seconds switched on, up to #since
  #since: number;

  constructor(
    hosts: readonly Host[],
    /** Each host's model, by host id; null when the scenario has no power model (no draw is computed). */
    models: readonly PowerModel[] | null,
    /** The simulated time now. */
    private readonly now: () => number,
  ) {
    this.#models = models;
    this.#wattsOn = new Float64Array(hosts.length);
    this.#joulesOn = new Float64Array(hosts.length);
    this.#sinceOn = new Float64Array(hosts.length).fill(now());
    this.#poweredOn = new Uint8Array(hosts.length);
    this.#start = now();
    this.#since = this.#start;
    this.#minOn = hosts.length;
    for (const host of hosts) this.hostChanged(host);
    // Construction is one instant: the minimum counts the state it ends in, not the hosts on the way.
    this.#minOn = this.#on;
  }

  /** Accounts the host's energy since its last change at its old draw, then takes its new draw. */
  hostChanged(host: Host): void {
    const t = this.now();
    const id = host.id;
    this.#onArea += this.#on * (t - this.#since);
    this.#since = t;
    const on = host.poweredOn ? 1 : 0;
    this.#on += on - this.#poweredOn[id]!;
    this.#poweredOn[id] = on;
    this.#minOn = Math.min(this.#minOn, this.#on);
    this.#maxOn = Math.max(this.#maxOn, this.#on);

    const model = this.#models?.[id];
    if (model === undefined) return;
    this.#joulesOn[id]! += this.#wattsOn[id]! * (t - this.#sinceOn[id]!);
    this.#sinceOn[id] = t;
    const watts = hostWatts(host, model);
    this.#watts += watts - this.#wattsOn[id]!;
    this.#wattsOn[id] = watts;
    this.#peak = Math.max(this.#peak, this.#watts);
  }

  /** The cloud's total draw now, in watts; null without power models. */
  get powerW(): number | null {
    return this.#models === null ? null : this.#watts;
  }

  /** Hosts switched on now. */
  get hostsPoweredOn(): number {
    return this.#on;
  }

  /** One host's energy from the start to `endTime`, in kWh; null without power models. */
  hostKwh(host: HostId, endTime: number): number | null {
    if (this.#models === null) return null;
    const joules = this.#joulesOn[host]! + this.#wattsOn[host]! * (endTime - this.#sinceOn[host]!);
    return joules / JOULES_PER_KWH;
  }

  /** timeseries.csv's `power_w` and `hosts_powered_on` now. */
  values(): string[] {
    return [optionalDecimal(this.powerW), String(this.#on)];
  }

  /** The run's figures up to `endTime`. O(hosts): call it once, at the end. */
  summary(endTime: number): EnergySummary {
    const span = endTime - this.#start;
    const onArea = this.#onArea + this.#on * (endTime - this.#since);
    const hosts_powered_on = { min: this.#minOn, mean: rounded(span > 0 ? onArea / span : this.#on, 4), max: this.#maxOn };
    if (this.#models === null) return { total_kwh: null, mean_power_w: null, peak_power_w: null, hosts_powered_on };
    let kwh = 0;
    for (let id = 0; id < this.#wattsOn.length; id++) kwh += this.hostKwh(id as HostId, endTime)!;
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
