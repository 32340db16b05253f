import type { CpuReading } from '../traces/azure-vmtable.js';
import type { CpuDemand } from './cpu-demand.js';

/** A server's samples around the present: the last one at or before it, and those read ahead. */
interface Window {
  readonly times: number[];
  readonly values: number[];
}

/**
 * Per-server demands fed by one stream of CPU readings in time order (the
 * Azure dataset's vm_cpu_readings files: every VM's 5-minute average, time
 * slice after time slice). Reading a demand at t reads the stream up to
 * t + horizon, so each server has the sample at or before t and the next
 * one; between them the demand is linear, as for a trace, and before a
 * server's first sample or after its last it holds the nearest. Readings
 * of servers nobody asked for yet are kept for two horizons (a server
 * created now finds its first samples), then dropped; so memory follows the
 * servers running, not the file. A demand must not be read further back
 * than its samples kept (times in a simulation only go forward).
 */
export class ReadingsFeed {
  readonly #windows = new Map<string, Window>();
  // Readings of servers without a window yet, for a server created after its first samples were read:
  // by server, and in time order (to drop them once two horizons old).
  readonly #recent = new Map<string, CpuReading[]>();
  readonly #recentInOrder: CpuReading[] = [];
  #recentStart = 0;
  #readTo = Number.NEGATIVE_INFINITY;
  #pending: CpuReading | undefined;

  constructor(
    private readonly readings: Iterator<CpuReading>,
    /** How far ahead of a read the stream is consumed: the sampling interval. */
    private readonly horizon = 300,
  ) {}

  /** The demand of the VM named `vmId` in the readings: a fraction of its CPU, avgcpu / 100. */
  demandOf(vmId: string): CpuDemand {
    let window = this.#windows.get(vmId);
    if (window === undefined) {
      const w: Window = { times: [], values: [] };
      for (const r of this.#recent.get(vmId) ?? []) add(w, r);
      this.#recent.delete(vmId);
      this.#windows.set(vmId, w);
      window = w;
    }
    const w = window;
    return { at: (t) => this.#at(w, t) };
  }

  /** Stops keeping a server's samples (it was deleted). */
  forget(vmId: string): void {
    this.#windows.delete(vmId);
  }

  #at(w: Window, t: number): number {
    this.#advance(t + this.horizon);
    while (w.times.length > 1 && w.times[1]! <= t) {
      w.times.shift();
      w.values.shift();
    }
    if (w.times.length === 0) return 0;
    const t0 = w.times[0]!;
    const u0 = w.values[0]!;
    if (t <= t0 || w.times.length === 1) return u0;
    return u0 + ((w.values[1]! - u0) * (t - t0)) / (w.times[1]! - t0);
  }

  /** Consumes every reading at or before `to`. */
  #advance(to: number): void {
    if (to <= this.#readTo) return;
    for (;;) {
      const reading = this.#pending ?? this.readings.next().value;
      this.#pending = undefined;
      if (reading === undefined) {
        this.#readTo = Number.POSITIVE_INFINITY;
        break;
      }
      if (reading.time > to) {
        this.#pending = reading;
        this.#readTo = to;
        break;
      }
      const w = this.#windows.get(reading.vmId);
      if (w !== undefined) add(w, reading);
      else this.#remember(reading);
    }
    this.#forgetOld(to - 2 * this.horizon);
  }

  #remember(reading: CpuReading): void {
    const list = this.#recent.get(reading.vmId);
    if (list === undefined) this.#recent.set(reading.vmId, [reading]);
    else list.push(reading);
    this.#recentInOrder.push(reading);
  }

  #forgetOld(before: number): void {
    const order = this.#recentInOrder;
    while (this.#recentStart < order.length && order[this.#recentStart]!.time < before) {
      const old = order[this.#recentStart++]!;
      // A server's own list is in time order too, so its oldest reading is its first (unless a window took them).
      const list = this.#recent.get(old.vmId);
      if (list?.[0] === old) {
        list.shift();
        if (list.length === 0) this.#recent.delete(old.vmId);
      }
    }
    // Compact once the dropped part is most of the queue.
    if (this.#recentStart > 1024 && this.#recentStart * 2 > order.length) {
      order.splice(0, this.#recentStart);
      this.#recentStart = 0;
    }
  }
}

function add(w: Window, r: CpuReading): void {
  w.times.push(r.time);
  w.values.push(r.avg / 100);
}
