import type { RequestOf } from '../../lifecycle/requests.js';
import { canonicalIp } from '../../model/ip-address.js';
import type { Operation } from '../operation.js';

/**
 * PUT /servers/{id} with accessIPv4 / accessIPv6: a change to the API's
 * database only. ServersController.update checks the request schema and the
 * owner policy, and no lock or state (its only expected error is 404), so
 * it is accepted in any state, locked or not, and leaves the server's work alone.
 */
export const updateServer: Operation<undefined, RequestOf<'update_server'>> = {
  finish(_ctx, server, run) {
    const { access_ip_v4: v4, access_ip_v6: v6 } = run.request;
    if (v4 !== undefined) server.accessIPv4 = canonicalIp(v4, 4);
    if (v6 !== undefined) server.accessIPv6 = canonicalIp(v6, 6);
  },
};
