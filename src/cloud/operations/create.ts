import type { Operation } from '../operation.js';

/**
 * Build: the conductor schedules while the server is in `scheduling`; the
 * claim is made when the build is handed to the chosen compute host (task
 * back to None), then networking, block_device_mapping and spawning.
 * NoValidHost puts the server in ERROR, as in Nova.
 */
export const create: Operation = {
  enter({ cloud }, server, _run, taskState) {
    if (taskState !== null || server.host !== null) return null;
    const host = cloud.place(server, server.flavor, []);
    if (typeof host === 'string') return host;
    cloud.occupy(server, host);
    return null;
  },
  finish({ cloud }, server) {
    server.launchedAt ??= cloud.now;
    server.progress = 100;
  },
  failedVmState: () => 'error',
};
