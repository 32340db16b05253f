import { JOULES_PER_KWH, rounded } from '../format.js';
import { Levels } from '../instruments/level.js';
import type { RunFacts } from '../run-facts.js';
import type { EnergySummary } from './energy.js';

/**
 * CloudSim's energy accounting (PowerHost.getEnergyLinearInterpolation,
 * PowerDatacenter), interval by interval between two datacenter updates.
 * It is not the exact integral of a piecewise-constant draw that
 * figures/energy.ts keeps: it is a trapezoid between the draws at the two
 * updates, and a host whose utilisation was 0 at the start of the interval
 * counts as switched off and draws nothing (so the first interval, when
 * every host's last utilisation is the initial 0, is free). Switching on or
 * off and migrating cost nothing.
 */
export function cloudsimIntervalJoules(wattsBefore: number, wattsNow: number, utilisationBefore: number, seconds: number): number {
  if (utilisationBefore === 0) return 0;
  // CloudSim's expression, as written: (from + (to - from) / 2) x time.
  return (wattsBefore + (wattsNow - wattsBefore) / 2) * seconds;
}

/** The non-power-aware baseline (NPA, PowerDatacenterNonPowerAware): every host at full power all the time, servers or not. */
export const npaIntervalJoules = (peakWatts: number, seconds: number): number => peakWatts * seconds;


/** How a run with utilisation-driven hosts charges energy: CloudSim's trapezoid (power-aware), or NPA's peak for every host. */
export type CpuEnergyMode = 'trapezoid' | 'peak';

/** What the CPU energy needs of the scenario: each host's watts at a utilisation (by host id), and the mode. */
export interface CpuEnergySettings {
  readonly watts: readonly ((utilisation: number) => number)[];
  readonly mode: CpuEnergyMode;
}

/**
 * The energy of hosts whose draw follows their servers' CPU, integrated as
 * CloudSim does between datacenter updates: each host's host_cpu facts
 * give its MIPS in use, and a datacenter_update fact closes an interval of
 * every host (O(hosts) then, O(1) per host_cpu fact). The hosts with CPU
 * in use are a level (min, mean, max for summary.json).
 */
export class CpuEnergy {
  readonly #before: number[] = [];
  readonly #now: number[] = [];
  readonly #capacity: number[] = [];
  readonly #active = new Levels();
  #joules = 0;
  #peakW = 0;
  #drawW = 0;

  constructor(
    facts: RunFacts,
    private readonly settings: CpuEnergySettings,
  ) {
    const hosts = settings.watts.length;
    for (let h = 0; h < hosts; h++) {
      this.#before.push(0);
      this.#now.push(0);
      this.#capacity.push(1);
    }
    facts.on('host_cpu', (f) => {
      this.#before[f.host] = this.#now[f.host]!;
      this.#now[f.host] = f.allocatedMips;
      this.#capacity[f.host] = f.capacityMips;
    });
    facts.on('datacenter_update', (f) => this.#interval(f.time, f.seconds));
  }

  #interval(time: number, seconds: number): void {
    const { watts, mode } = this.settings;
    let draw = 0;
    let active = 0;
    for (let h = 0; h < watts.length; h++) {
      const before = this.#utilisation(h, this.#before[h]!);
      const now = this.#utilisation(h, this.#now[h]!);
      const curve = watts[h]!;
      if (seconds > 0) this.#joules += mode === 'peak' ? npaIntervalJoules(curve(1), seconds) : cloudsimIntervalJoules(curve(before), curve(now), before, seconds);
      if (now > 0) active++;
      draw += mode === 'peak' ? curve(1) : now > 0 ? curve(now) : 0;
    }
    this.#drawW = draw;
    this.#peakW = Math.max(this.#peakW, draw);
    if (this.#active.has(0)) this.#active.set(0, time, active);
    else this.#active.start(0, time, active);
  }

  /** CloudSim's PowerHost reads a utilisation a hair above 1 (rounding of the shares) as 1. */
  #utilisation(h: number, used: number): number {
    const u = used / this.#capacity[h]!;
    return u > 1 && u < 1.01 ? 1 : u;
  }

  /** Energy so far, kWh (unrounded: ESV is computed from it). */
  get kwh(): number {
    return this.#joules / JOULES_PER_KWH;
  }

  /** The draw at the last update, W. */
  get powerW(): number {
    return this.#drawW;
  }

  /** Hosts with CPU in use at the last update. */
  get hostsActive(): number {
    return this.#active.has(0) ? this.#active.value(0) : 0;
  }

  /** summary.json's `energy` for such a run: the same keys as the claims-driven figure, hosts_powered_on counting hosts with CPU in use. */
  summary(endTime: number): EnergySummary {
    const kwh = this.kwh;
    const a = this.#active;
    return {
      total_kwh: rounded(kwh, 4),
      mean_power_w: rounded(endTime > 0 ? this.#joules / endTime : 0, 3),
      peak_power_w: rounded(this.#peakW, 3),
      hosts_powered_on: a.has(0) ? { min: a.min(0), mean: rounded(a.meanAt(0, endTime) ?? a.value(0), 4), max: a.max(0) } : { min: 0, mean: 0, max: 0 },
    };
  }
}
