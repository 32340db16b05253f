/**
 * summary.json, section by section, in the file's key order: each section
 * is one line here, reading the run's end. The Summary type is derived from
 * this list, so a section added here is typed wherever summary.json is read.
 */
import { rounded } from '../../metrics/format.js';
import { roundedUtilisation, utilisationOf } from '../../metrics/figures/utilisation.js';
import type { RunEnd } from '../../metrics/run-end.js';
import { serviceUp } from '../../model/host.js';

const section = <K extends string, V>(key: K, of: (end: RunEnd) => V) => ({ key, of }) as const;

// One pass over the hosts or servers at the end is fine here; only per-fact and per-sample work must stay O(1).
export const SUMMARY_SECTIONS = [
  section('scenario', (r) => r.scenario),
  section('seed', (r) => r.seed),
  section('duration', (r) => rounded(r.end, 3)),
  section('servers_by_status', (r) => r.figures.stats.statusSummary()),
  section('requests', (r) => r.figures.stats.requestSummary()),
  section('refusals', (r) => r.figures.refusals.summary()),
  section('action_durations', (r) => r.figures.stats.durationSummary()),
  section('placements', (r) => r.figures.stats.placements.summary()),
  section('builds', (r) => r.figures.builds.summary()),
  section('hosts', (r) => ({
    total: r.inventory.hosts.length,
    up: r.inventory.hosts.filter((h) => serviceUp(h, r.end)).length,
    // Hosts switched off: power_off_host completions, or in the CloudSim-compatible cloud CloudSim's count of active -> idle.
    shutdowns: r.figures.cpu?.model === 'cloudsim' ? r.figures.cpu.sla.shutdowns() : r.figures.powerOffs.count,
  })),
  section('utilisation', (r) => roundedUtilisation(utilisationOf(r.inventory.used, r.inventory.capacity))),
  section('mean_utilisation', (r) => {
    const mean = r.figures.utilisation.mean();
    return mean === null ? null : roundedUtilisation(mean);
  }),
  section('peak_utilisation', (r) => {
    const peak = r.figures.utilisation.peak();
    return peak === null ? null : roundedUtilisation(peak);
  }),
  section('headroom', (r) => r.figures.headroom.summary()),
  section('fragmentation', (r) => r.figures.headroom.fragmentation()),
  section('anti_affinity', (r) => r.figures.coLocation.antiAffinity()),
  section('failures', (r) => r.figures.failures.summary(r.end)),
  section('spare_capacity', (r) => r.figures.spare.summary()),
  section('energy', (r) => (r.figures.cpu?.model === 'cloudsim' ? r.figures.cpu.energy.summary(r.end) : r.figures.energy.summary(r.end))),
  section('sla', (r) => {
    const cpu = r.figures.cpu;
    if (cpu === null) return null;
    return cpu.sla.summary(cpu.model === 'cloudsim' ? cpu.energy.kwh : (r.figures.energy.kwh(r.end) ?? 0));
  }),
  section('trace_servers', (r) => (r.figures.cpu?.model === 'cloudsim' ? r.figures.cpu.servers.summary() : null)),
  // Only in runs of novasim's own consolidation model (left out of every other summary.json).
  section('dynamic_consolidation', (r) => (r.figures.cpu?.model === 'nova' ? r.figures.cpu.moves.summary() : undefined)),
  section('cost', (r) => r.figures.charging?.summary(r.end) ?? null),
  section('operations', (r) => r.figures.operations.summary()),
  section('migrations', (r) => r.figures.migrations.summary()),
] as const;

type Section = (typeof SUMMARY_SECTIONS)[number];

/** summary.json, as its sections make it. */
export type Summary = { readonly [S in Section as S['key']]: ReturnType<S['of']> };

/** The run's summary, its keys in the sections' order (JSON keeps insertion order, so equal runs give equal bytes). */
export function summaryOf(end: RunEnd): Summary {
  const summary: Record<string, unknown> = {};
  for (const s of SUMMARY_SECTIONS) {
    const value = s.of(end);
    // A section that does not apply to the run (undefined) is left out, not written as null.
    if (value !== undefined) summary[s.key] = value;
  }
  return summary as Summary;
}
