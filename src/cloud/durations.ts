import { fixed, sample, type Distribution } from '../engine/distributions.js';
import type { Rng } from '../engine/random.js';
import type { RuleName } from '../lifecycle/server-actions.js';
import type { Server } from '../model/server.js';

/**
 * How long one action takes: a random base plus terms that grow with the
 * server's size (image download, disk copy, memory copy).
 */
export interface DurationSpec {
  readonly base: Distribution;
  readonly perImageGb: number;
  readonly perDiskGb: number;
  readonly perRamGb: number;
}

/** What a duration is looked up by: every table row, plus the scheduler's own latency. */
export type DurationKey = RuleName | 'schedule';

const spec = (base: number, extra: Partial<Omit<DurationSpec, 'base'>> = {}): DurationSpec => ({
  base: fixed(base),
  perImageGb: extra.perImageGb ?? 0,
  perDiskGb: extra.perDiskGb ?? 0,
  perRamGb: extra.perRamGb ?? 0,
});

/**
 * Defaults in seconds: the order of magnitude of a KVM cloud on a 10 Gb/s
 * network. The copies of moves and the shelve snapshot's upload are modelled
 * (src/migration) and added to these; a live migration's whole duration is
 * modelled, so its entry here is never read.
 */
export const DEFAULT_DURATIONS: Readonly<Record<DurationKey, DurationSpec>> = {
  schedule: spec(1),
  create: spec(30, { perImageGb: 2 }),
  reboot: spec(60),
  reboot_hard: spec(30),
  rebuild: spec(30, { perImageGb: 2 }),
  evacuate: spec(30, { perImageGb: 2 }),
  resize: spec(20),
  migrate: spec(20),
  confirm_resize: spec(5),
  revert_resize: spec(20),
  live_migrate: spec(0),
  pause: spec(2),
  unpause: spec(2),
  suspend: spec(5, { perRamGb: 0.5 }),
  resume: spec(5, { perRamGb: 0.5 }),
  snapshot: spec(20, { perDiskGb: 1 }),
  backup: spec(20, { perDiskGb: 1 }),
  start: spec(15),
  stop: spec(10),
  delete: spec(5),
  soft_delete: spec(3),
  restore: spec(10),
  force_delete: spec(5),
  shelve: spec(20),
  shelve_offload: spec(5),
  unshelve: spec(30, { perImageGb: 2 }),
  lock: spec(0),
  unlock: spec(0),
  rescue: spec(30),
  unrescue: spec(20),
  set_admin_password: spec(5),
  reset_state: spec(0),
  update_server: spec(0),
  update_metadata: spec(0),
  set_metadata: spec(0),
};

/** Samples action durations from one named random stream. */
export class Durations {
  constructor(
    private readonly specs: Readonly<Record<DurationKey, DurationSpec>>,
    private readonly rng: Rng,
  ) {}

  of(key: DurationKey, server: Server): number {
    const s = this.specs[key];
    return (
      sample(s.base, this.rng) +
      s.perImageGb * server.image.sizeGb +
      s.perDiskGb * server.flavor.diskGb +
      (s.perRamGb * server.flavor.ramMb) / 1024
    );
  }
}
