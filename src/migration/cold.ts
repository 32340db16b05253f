import { GIB_MB, NO_TRANSFER, type Transfer } from './transfer.js';

/**
 * Cold migration and resize: Nova's driver powers the guest off
 * (migrate_disk_and_power_off) and copies its disk to the destination, then
 * finish_resize powers it on there. Sizes are novasim's (disk GB = Nova's
 * GiB, 1024 "MB" each), bandwidth MB/s.
 *
 * Confirming deletes the source's copy and reverting powers the original on
 * again at the source, which kept its disk: neither copies anything.
 */

/** What a cold move copies and over what. */
export interface ColdCopyCase {
  /** The disk of the flavor the server had when the move began. */
  readonly diskGb: number;
  /** The slower of the two hosts' migration links. */
  readonly bandwidthMbS: number;
  /** The disk is on storage both hosts see (nothing crosses the network). */
  readonly sharedStorage: boolean;
  /** The root disk is a volume: it is re-attached, not copied. */
  readonly volumeBacked: boolean;
}

/** The disk copy of a cold migration or resize, while the server is powered off. */
export function coldCopy(c: ColdCopyCase): Transfer {
  if (c.sharedStorage || c.volumeBacked) return NO_TRANSFER;
  const dataMb = c.diskGb * GIB_MB;
  return { seconds: dataMb / c.bandwidthMbS, dataMb };
}
