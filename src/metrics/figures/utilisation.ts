import type { Inventory } from '../../model/inventory.js';
import type { Resources } from '../../model/resources.js';
import { ratio, rounded } from '../format.js';
import { Levels } from '../instruments/level.js';
import type { RunFacts } from '../run-facts.js';

/** Fractions of Placement capacity in use, per resource class. */
export interface Utilisation {
  readonly vcpus: number;
  readonly ram: number;
  readonly disk: number;
}

export function utilisationOf(used: Readonly<Resources>, capacity: Readonly<Resources>): Utilisation {
  return {
    vcpus: ratio(used.vcpus, capacity.vcpus),
    ram: ratio(used.ramMb, capacity.ramMb),
    disk: ratio(used.diskGb, capacity.diskGb),
  };
}

/** The levels of MeanUtilisation, one per resource class, in Utilisation's order. */
const [VCPUS, RAM, DISK] = [0, 1, 2] as const;

/** Utilisation as summary.json shows it: four decimals. */
export const roundedUtilisation = (u: Utilisation): Utilisation => ({ vcpus: rounded(u.vcpus, 4), ram: rounded(u.ram, 4), disk: rounded(u.disk, 4) });

/**
 * The cloud's utilisation over the run, sampled: each sample's value is
 * held until the next (a level per class), so the mean is exact for usage
 * that only changes at sample times and an approximation otherwise. The
 * sample clock strikes once more at the end, so the last interval counts.
 */
export class MeanUtilisation {
  /** Levels VCPUS, RAM and DISK. */
  readonly #levels = new Levels();

  constructor(facts: RunFacts, inventory: Inventory) {
    facts.on('sample', (fact) => this.#sample(fact.time, utilisationOf(inventory.used, inventory.capacity)));
  }

  /** The time-weighted mean between the first and last sample; null before two samples apart. */
  mean(): Utilisation | null {
    const levels = this.#levels;
    if (!levels.has(VCPUS)) return null;
    const at = levels.since(VCPUS);
    const [vcpus, ram, disk] = [levels.meanAt(VCPUS, at), levels.meanAt(RAM, at), levels.meanAt(DISK, at)];
    return vcpus === null || ram === null || disk === null ? null : { vcpus, ram, disk };
  }

  /** The highest sampled utilisation of each class; null before the first sample. */
  peak(): Utilisation | null {
    const levels = this.#levels;
    return levels.has(VCPUS) ? { vcpus: levels.max(VCPUS), ram: levels.max(RAM), disk: levels.max(DISK) } : null;
  }

  #sample(time: number, now: Utilisation): void {
    const started = this.#levels.has(VCPUS);
    [now.vcpus, now.ram, now.disk].forEach((value, i) => (started ? this.#levels.set(i, time, value) : this.#levels.start(i, time, value)));
  }
}
