import { makeRng } from '../engine/random.js';
import type { CpuCapacity } from '../model/cpu-share.js';
import { constantDemand, type CpuDemand } from '../workload/demand/cpu-demand.js';
import { DiurnalDemand } from '../workload/demand/diurnal-demand.js';
import { def, duration, num, opt, req, union, type Issue, type Spec } from './spec.js';

/**
 * The scenario's words for CPU that servers use, not just claim: a speed
 * per host core and per flavor vCPU (`cpu_mips`, CloudSim's MIPS), and a
 * generated demand for the servers of a workload (`cpu:`). Without speeds,
 * CPU is counted in vCPU-seconds: every core and every vCPU runs at 1.
 */

const mips = num({ min: 0, exclusiveMin: true });

/** A host entry's field: the speed of each of its cores. */
export const hostCpuFields = {
  cpu_mips: opt(mips, 'MIPS of one core, when servers use CPU by a trace or curve (with flavors giving cpu_mips too); without, CPU counts in vCPU-seconds'),
};

/** A flavor's field: the speed of each of its vCPUs. */
export const flavorCpuFields = {
  cpu_mips: opt(mips, "MIPS of one vCPU: what a server of this flavor asks for at 100 % of its demand (CloudSim's VM MIPS)"),
};

/** How a workload's servers use their CPU; `timeOfDay` is the scenario's own spec (schema.ts passes it). */
export function cpuDemandSpec(timeOfDay: Spec<number>) {
  const fraction = num({ min: 0, max: 1 });
  return union('model', {
    constant: { fraction: req(fraction, 'the share of its flavor\'s CPU each server asks for, all the time') },
    diurnal: {
      mean: req(fraction, 'the day\'s average share of its flavor\'s CPU'),
      amplitude: def(num({ min: 0, max: 1 }), 0, 'how far the daily cosine swings above and below the mean'),
      peak: def(timeOfDay, 14 * 3600, 'the time of day of the peak (default 14:00)'),
      noise_sd: def(num({ min: 0, max: 1 }), 0, "standard deviation of the Gaussian noise on each sample (each server's own stream)"),
      interval: def(duration({ min: 1 }), 300, 'seconds between samples; linear in between, as for a trace (default 5m)'),
    },
  }, 'a CPU demand mapping');
}

export type CpuDemandSettings = ReturnType<typeof cpuDemandSpec> extends Spec<infer T> ? T : never;

/**
 * The demand of one server of a workload. A diurnal curve draws its noise
 * from the stream `cpu/<workload>/<n>` of the run's seed (n counts the
 * workload's servers from 1), so each server has its own curve, the same
 * whatever the policy.
 */
export function demandOf(settings: CpuDemandSettings, seed: number, workload: string, n: number): CpuDemand {
  if (settings.model === 'constant') return constantDemand(settings.fraction);
  const name = `${seed}/cpu/${workload}/${n}`;
  return new DiurnalDemand(
    { mean: settings.mean, amplitude: settings.amplitude, peakAt: settings.peak, noiseSd: settings.noise_sd, interval: settings.interval },
    () => makeRng(name),
  );
}

/** The fields the unit check reads. */
interface Speeds {
  readonly hosts: readonly { readonly cpu_mips?: number | undefined }[];
  readonly flavors: readonly { readonly cpu_mips?: number | undefined }[];
}

/** One unit for the cloud: every host and every flavor gives cpu_mips, or none does. */
export function checkCpuUnits(s: Speeds): Issue[] {
  const entries = [...s.hosts.map((h, i) => ({ kind: 'hosts', i, given: h.cpu_mips !== undefined })), ...s.flavors.map((f, i) => ({ kind: 'flavors', i, given: f.cpu_mips !== undefined }))];
  const given = entries.filter((e) => e.given);
  if (given.length === 0 || given.length === entries.length) return [];
  const first = entries.find((e) => !e.given)!;
  const example = given[0]!;
  return [
    {
      path: [first.kind, first.i],
      message: `gives no cpu_mips while ${example.kind}[${example.i}] does: give every host and flavor a speed (MIPS), or none (vCPU-seconds)`,
    },
  ];
}

/** A host's CPU for sharing: its vCPUs as cores, at its cpu_mips (1 in vCPU-seconds). */
export const cpuCapacityOf = (host: { readonly vcpus: number; readonly cpu_mips?: number | undefined }): CpuCapacity => ({ cores: host.vcpus, coreSpeed: host.cpu_mips ?? 1 });

/** What shares are floored to: whole MIPS as CloudSim does, nothing in vCPU-seconds. */
export const cpuQuantumOf = (s: Speeds): number => (s.hosts.some((h) => h.cpu_mips !== undefined) ? 1 : 0);
