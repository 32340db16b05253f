import type { Operation } from '../operation.js';

/**
 * POST /servers/{id}/metadata (update_metadata): the given pairs are
 * merged into the server's. Done by the API alone (no task_state), under
 * update_instance_metadata's lock and state guards; 403 past maxServerMeta.
 */
export const updateMetadata: Operation = {
  precheck: ({ extras }, server, params) => extras.metadataRefusal(server, params.metadata ?? {}, 'merge')?.message ?? null,
  finish({ cloud, extras }, server, run) {
    extras.applyMetadata(server, run.params.metadata ?? {}, 'merge');
    server.updatedAt = cloud.now;
  },
};

/** PUT /servers/{id}/metadata (set_metadata): the given pairs replace all of the server's. */
export const setMetadata: Operation = {
  precheck: ({ extras }, server, params) => extras.metadataRefusal(server, params.metadata ?? {}, 'replace')?.message ?? null,
  finish({ cloud, extras }, server, run) {
    extras.applyMetadata(server, run.params.metadata ?? {}, 'replace');
    server.updatedAt = cloud.now;
  },
};
