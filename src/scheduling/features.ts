import { freeDiskMb, freeOf, freeRamMb, freeVcpus, type Host } from '../model/host.js';

/**
 * The per-host numbers that placement reads, indexed so the host index can
 * keep their maxima and minima per subtree: the Placement free capacity of
 * each resource class (what a flavor must fit in, and what best/worst fit
 * compare), and the raw values of Nova's resource weighers.
 */
export const FEATURES = ['placement_vcpus', 'placement_ram_mb', 'placement_disk_gb', 'free_ram_mb', 'free_vcpus', 'free_disk_mb'] as const;
export type Feature = number;
export const PLACEMENT_VCPUS = 0;
export const PLACEMENT_RAM = 1;
export const PLACEMENT_DISK = 2;
export const FREE_RAM_MB = 3;
export const FREE_VCPUS = 4;
export const FREE_DISK_MB = 5;
export const FEATURE_COUNT = FEATURES.length;

export function featureOf(host: Host, feature: Feature): number {
  switch (feature) {
    case PLACEMENT_VCPUS: return freeOf(host, 'vcpus');
    case PLACEMENT_RAM: return freeOf(host, 'ramMb');
    case PLACEMENT_DISK: return freeOf(host, 'diskGb');
    case FREE_RAM_MB: return freeRamMb(host);
    case FREE_VCPUS: return freeVcpus(host);
    default: return freeDiskMb(host);
  }
}
