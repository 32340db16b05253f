import type { Flavor, Image } from '../../../src/model/catalog.js';
import { makeHost, type Host } from '../../../src/model/host.js';
import type { FlavorId, HostId, ImageId, ProjectId, ServerId } from '../../../src/model/ids.js';
import { makeServer, type Server } from '../../../src/model/server.js';
import type { HostFact, Outcome, ServerFact } from '../../../src/model/telemetry.js';

export const small: Flavor = { id: 0 as FlavorId, name: 'm1.small', vcpus: 1, ramMb: 2048, diskGb: 20 };
export const cirros: Image = { id: 0 as ImageId, name: 'cirros', sizeGb: 1 };

export function server(id: number, name: string, now = 0): Server {
  return makeServer(id as ServerId, `uuid-${id}`, name, 0 as ProjectId, small, cirros, now);
}

export function host(id: number, name: string): Host {
  return makeHost(
    id as HostId,
    name,
    { vcpus: 8, ramMb: 16384, diskGb: 200 },
    { vcpus: 0, ramMb: 0, diskGb: 0 },
    { vcpus: 2, ramMb: 1, diskGb: 1 },
  );
}

/** A server fact with the defaults the cloud would fill in; `status` defaults to previousStatus. */
export function serverFact(
  time: number,
  s: Server | null,
  action: string,
  outcome: Outcome,
  statuses: { previous?: string; status?: string } = {},
  extra: Partial<Pick<ServerFact, 'reason' | 'elapsed' | 'serverName' | 'httpStatus'>> = {},
): ServerFact {
  const previous = statuses.previous ?? (s === null ? '' : 'ACTIVE');
  return {
    time,
    server: s,
    serverName: extra.serverName ?? s?.name ?? '',
    action,
    outcome,
    status: statuses.status ?? previous,
    previousStatus: previous,
    reason: extra.reason ?? '',
    httpStatus: extra.httpStatus ?? null,
    elapsed: extra.elapsed ?? 0,
    asAdmin: false,
  };
}

export function hostFact(time: number, h: Host, action: string, outcome: Outcome, reason = ''): HostFact {
  return { time, host: h, action, outcome, reason };
}
