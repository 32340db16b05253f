import type { Distribution } from '../engine/distributions.js';
import type { RequestedNetworks } from '../model/network.js';

/** How requests arrive: a Poisson process (rate per second) or a fixed schedule. */
export type ArrivalProcess =
  | { readonly process: 'poisson'; readonly rate: number }
  | {
      readonly process: 'schedule';
      readonly at: readonly number[] | undefined;
      readonly every: number | undefined;
      readonly count: number | undefined;
      readonly start: number;
    };

/** One stream of demand: who asks for what, how often, for how long, and how they use it. */
export interface WorkloadSpec {
  readonly name: string;
  readonly project: string;
  readonly image: string;
  /** Flavor name -> relative weight. */
  readonly flavors: Readonly<Record<string, number>>;
  readonly arrivals: ArrivalProcess;
  /** Rate factors by hour of day (24) and day of week (7, Monday first). */
  readonly pattern?: { readonly hourly?: readonly number[] | undefined; readonly weekly?: readonly number[] | undefined } | undefined;
  readonly lifetime?: Distribution | undefined;
  readonly behaviour?:
    | {
        readonly stop_at_night?: { readonly stop: number; readonly start: number; readonly fraction: number } | undefined;
        readonly shelve_at_weekends?: { readonly fraction: number } | undefined;
      }
    | undefined;
  readonly start: number;
  readonly end?: number | undefined;
  /** Servers boot from volumes (their root disk survives an evacuation). */
  readonly boot_from_volume?: boolean | undefined;
  /** A server group every server of this workload joins. */
  readonly group?: string | undefined;
  /** The availability zone its servers are built in. */
  readonly availability_zone?: string | undefined;
  /** The NICs of every server: auto (the default), none, or networks. */
  readonly networks?: RequestedNetworks | undefined;
}
