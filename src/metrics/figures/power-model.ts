import type { Host } from '../../model/host.js';

/**
 * How much power one type of host draws: a curve of watts against CPU
 * utilisation, linear between its points, plus what the machine draws while
 * switched off (its BMC, fans on standby).
 */
export interface PowerModel {
  readonly name: string;
  /**
   * (utilisation, watts) points, utilisation strictly increasing from 0 to 1
   * (the scenario checks it). The linear form `idle_w`/`peak_w` is the two
   * points (0, idle) and (1, peak).
   */
  readonly points: readonly (readonly [number, number])[];
  /** Watts drawn while the host is switched off (power_off_host). */
  readonly offW: number;
}

/**
 * Watts at `utilisation`, interpolated linearly between the model's points;
 * utilisation is clamped to [0, 1]. O(points), which are few.
 */
export function wattsAt(model: PowerModel, utilisation: number): number {
  const u = Math.min(1, Math.max(0, utilisation));
  const points = model.points;
  for (let i = 1; i < points.length; i++) {
    const [u1, w1] = points[i]!;
    if (u > u1) continue;
    const [u0, w0] = points[i - 1]!;
    return w0 + ((w1 - w0) * (u - u0)) / (u1 - u0);
  }
  return points[points.length - 1]?.[1] ?? 0;
}

/**
 * Utilisation as the power model reads it: the vCPUs claimed on the host
 * over its physical vCPUs, at most 1. CPU is what moves a server's draw
 * (RAM and disk draw about the same full or empty), and with a
 * cpu_allocation_ratio above 1 the claims may pass the cores: the cores
 * cannot be busier than all busy. Every claimed vCPU counts as busy, the
 * model knowing nothing of guest load.
 */
export function powerUtilisation(host: Host): number {
  return host.total.vcpus > 0 ? Math.min(1, host.used.vcpus / host.total.vcpus) : 0;
}

/**
 * Watts a host draws now: `offW` when switched off, 0 when it has failed
 * (a crash is power lost; a fenced host counts as failed too), else the
 * model's curve at `utilisation`: by default its claims (powerUtilisation);
 * where servers use CPU (operator.dynamic_consolidation, model nova), the
 * CPU its servers were given.
 */
export function hostWatts(host: Host, model: PowerModel, utilisation = powerUtilisation(host)): number {
  if (!host.poweredOn) return model.offW;
  if (!host.alive) return 0;
  return wattsAt(model, utilisation);
}
