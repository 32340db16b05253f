import { snapshotUpload } from '../../migration/snapshot.js';
import type { Operation } from '../operation.js';

/**
 * Shelve: snapshot and power off; a volume-backed server, or any server when
 * shelved_offload_time is 0, is offloaded at once; otherwise the periodic
 * task offloads it later (or never, at -1). The snapshot's upload to the
 * image service (src/migration/snapshot.ts) lengthens the
 * shelving_image_uploading step beyond its share of the sampled duration.
 */
export const shelve: Operation = {
  copySeconds({ cloud }, server, _run, taskState) {
    if (taskState !== 'shelving_image_uploading' || server.host === null) return 0;
    const host = cloud.inventory.host(server.host);
    return snapshotUpload({ diskGb: server.flavor.diskGb, linkGbps: host.linkGbps, volumeBacked: server.bootFromVolume }).seconds;
  },
  settled({ cloud, periodic }, server) {
    if (server.bootFromVolume || cloud.config.shelved_offload_time === 0) periodic.offloadNow(server, server.bootFromVolume ? 'volume-backed' : 'shelved_offload_time=0');
    else periodic.scheduleOffload(server);
  },
};

/** Offload: the server leaves its host and frees its claim. */
export const shelveOffload: Operation = {
  finish({ cloud }, server) {
    cloud.vacate(server);
  },
};

/** Unshelve: an offloaded server is scheduled again, possibly elsewhere; a shelved one starts where it is. */
export const unshelve: Operation = {
  enter({ cloud }, server, _run, taskState) {
    if (taskState !== 'spawning' || server.host !== null) return null;
    const placed = cloud.place(server, server.flavor, { purpose: 'unshelve' });
    if (typeof placed === 'string') return placed;
    cloud.occupy(server, placed.host);
    return null;
  },
};
