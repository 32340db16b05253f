import { badRequest, type Refusal } from './refusal.js';

/** A create's availability_zone, read as Nova reads it: a zone, and an admin's forced host. */
export interface RequestedZone {
  /** The zone asked for; null for none (Nova's default_schedule_zone, None by default). */
  readonly zone: string | null;
  /** The host forced with `zone:host` (or `zone:host:node`, `zone::node`: novasim's hosts are their own nodes). */
  readonly host: string | null;
}

/**
 * nova/compute/api.py `parse_availability_zone`: Nova's legacy form lets an
 * admin force a host as `zone:host`, `zone:host:node` or `zone::node`; any
 * more colons is a 400. The policy check (admin only) is the caller's.
 */
export function parseAvailabilityZone(text: string | undefined): RequestedZone | Refusal {
  if (text === undefined || !text.includes(':')) return { zone: text ?? null, host: null };
  const parts = text.split(':');
  if (parts.length > 3) return badRequest('Invalid input received: Unable to parse availability_zone');
  const [zone = '', host = '', node = ''] = parts;
  const forced = host !== '' ? host : node !== '' ? node : null;
  return { zone: zone === '' ? null : zone, host: forced };
}

/** The policy that lets a create force its host (admin by default). */
export const FORCED_HOST_POLICY = 'os_compute_api:servers:create:forced_host';
