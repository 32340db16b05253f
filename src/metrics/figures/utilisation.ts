import type { Resources } from '../../model/resources.js';
import { ratio } from '../format.js';

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
