import { canonicalIp } from '../../model/ip-address.js';
import { accessIpRefusal } from '../networking.js';
import type { Operation } from '../operation.js';

/**
 * PUT /servers/{id} with accessIPv4 / accessIPv6: a change to the API's
 * database only. ServersController.update checks the request schema and the
 * owner policy, and no lock or state (its only expected error is 404), so
 * it is accepted in any state, locked or not, and leaves the server's work alone.
 */
export const updateServer: Operation = {
  precheck: (_ctx, _server, params) =>
    accessIpRefusal('accessIPv4', params.access_ip_v4, 4) ?? accessIpRefusal('accessIPv6', params.access_ip_v6, 6),
  finish(_ctx, server, run) {
    const { access_ip_v4: v4, access_ip_v6: v6 } = run.params;
    if (v4 !== undefined) server.accessIPv4 = canonicalIp(v4, 4);
    if (v6 !== undefined) server.accessIPv6 = canonicalIp(v6, 6);
  },
};
