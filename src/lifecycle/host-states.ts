import { serviceUp, type Host } from '../model/host.js';

/** The host_status a server shows (compute API get_instance_host_status), from fields.HostStatus. */
export type HostStatus = 'UP' | 'DOWN' | 'MAINTENANCE' | 'UNKNOWN' | '';

/**
 * Checked in Nova's order: no host gives "", a forced-down service (a fenced
 * host) DOWN, a disabled service MAINTENANCE, a service within
 * service_down_time UP, and one that stopped reporting UNKNOWN: Nova cannot
 * tell a dead host from a silent one.
 */
export function hostStatus(host: Host | undefined, now: number): HostStatus {
  if (host === undefined) return '';
  if (host.forcedDown) return 'DOWN';
  if (!host.enabled) return 'MAINTENANCE';
  return serviceUp(host, now) ? 'UP' : 'UNKNOWN';
}
