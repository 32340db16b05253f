/** The three resource classes Placement tracks for a compute node. */
export interface Resources {
  vcpus: number;
  ramMb: number;
  diskGb: number;
}

export const RESOURCE_CLASSES = ['vcpus', 'ramMb', 'diskGb'] as const;
export type ResourceClass = (typeof RESOURCE_CLASSES)[number];

export const zero = (): Resources => ({ vcpus: 0, ramMb: 0, diskGb: 0 });

export const copyOf = (r: Readonly<Resources>): Resources => ({ vcpus: r.vcpus, ramMb: r.ramMb, diskGb: r.diskGb });

export function addTo(target: Resources, r: Readonly<Resources>): void {
  target.vcpus += r.vcpus;
  target.ramMb += r.ramMb;
  target.diskGb += r.diskGb;
}

export function subtractFrom(target: Resources, r: Readonly<Resources>): void {
  target.vcpus -= r.vcpus;
  target.ramMb -= r.ramMb;
  target.diskGb -= r.diskGb;
}
