import type { RequestOf } from '../../lifecycle/requests.js';
import type { Operation } from '../operation.js';

/**
 * POST /servers/{id}/metadata (update_metadata): the given pairs are
 * merged into the server's. Done by the API alone (its row is API-only),
 * after update_instance_metadata's lock and state guards and the 403 past
 * maxServerMeta.
 */
export const updateMetadata: Operation<undefined, RequestOf<'update_metadata'>> = {
  finish({ cloud, extras }, server, run) {
    extras.applyMetadata(server, run.request.metadata, 'merge');
    server.updatedAt = cloud.now;
  },
};

/** PUT /servers/{id}/metadata (set_metadata): the given pairs replace all of the server's. */
export const setMetadata: Operation<undefined, RequestOf<'set_metadata'>> = {
  finish({ cloud, extras }, server, run) {
    extras.applyMetadata(server, run.request.metadata, 'replace');
    server.updatedAt = cloud.now;
  },
};
