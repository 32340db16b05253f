/** A copy over a link: how long it takes and how much it sends. */
export interface Transfer {
  readonly seconds: number;
  /** MB sent (novasim's MB: Nova's MiB). */
  readonly dataMb: number;
}

/** MB in one of Nova's GB (GiB): flavor disk_gb and memory_mb are binary units. */
export const GIB_MB = 1024;

/** Nothing to copy. */
export const NO_TRANSFER: Transfer = { seconds: 0, dataMb: 0 };
