import { GIB_MB, NO_TRANSFER, type Transfer } from './transfer.js';

/**
 * Shelve's snapshot: the server's disk is uploaded to the image service over
 * the host's link, the way a build downloads its image (size x 8 / link Gb/s).
 * A volume-backed server's root disk stays in its volume: nothing is uploaded
 * (Nova snapshots the volume instead, and offloads the server at once).
 */

/** What a snapshot uploads and over what. */
export interface SnapshotCase {
  readonly diskGb: number;
  /** Gb/s of the host's link to the image service. */
  readonly linkGbps: number;
  readonly volumeBacked: boolean;
}

const BITS_PER_BYTE = 8;

/** The upload of a shelve's snapshot. */
export function snapshotUpload(c: SnapshotCase): Transfer {
  if (c.volumeBacked) return NO_TRANSFER;
  return { seconds: (c.diskGb * BITS_PER_BYTE) / c.linkGbps, dataMb: c.diskGb * GIB_MB };
}
