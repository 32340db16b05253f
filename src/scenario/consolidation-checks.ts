import { isSpecPowerTable } from '../model/specpower-curve.js';
import { checkCpuUnits } from './cpu-settings.js';
import { checkDynamicConsolidation } from './dynamic-consolidation.js';
import { isTraceWorkload, type Scenario } from './schema.js';
import type { Issue } from './spec.js';
import { checkTraceWorkload } from './trace-workload.js';

/** The names the checks look up. */
interface Known {
  readonly flavors: ReadonlySet<string>;
  readonly images: ReadonlySet<string>;
  readonly projects: ReadonlySet<string>;
}

/**
 * What a run of utilisation-driven servers needs, checked before it runs:
 * trace workloads name known flavors, images and projects; speeds are
 * given for all hosts and flavors or for none. Under
 * `operator.dynamic_consolidation`:
 * - model cloudsim (CloudSim's setting): one planetlab trace, alone in the
 *   scenario (its servers are the trace's, not Nova's, so Nova's workloads
 *   and actions would share hosts it does not see), with a speed for every
 *   host and flavor and a SPECpower table (11 points) for every host;
 * - model nova (novasim's own): Nova's servers use CPU, from a generated
 *   workload's `cpu:`, a planetlab trace, or a VM table's readings or
 *   figures; anything else
 *   may run beside it; hosts need power models (any points), and speeds
 *   are optional (vCPU-seconds without). A planetlab trace's servers are
 *   created in Nova through the API (scenario/planetlab-replay.ts).
 * Without model nova, nothing uses Nova servers' CPU, so `cpu:` and the VM
 * table's CPU figures are refused by name.
 */
export function checkConsolidation(s: Scenario, known: Known): Issue[] {
  const issues: Issue[] = [...checkCpuUnits(s)];
  const traces = s.workload.flatMap((w, i) => (isTraceWorkload(w) ? [{ w, i }] : []));
  for (const { w, i } of traces) issues.push(...checkTraceWorkload(w, ['workload', i], known));
  const dynamic = s.operator.dynamic_consolidation;
  const nova = dynamic?.model === 'nova';
  issues.push(...(nova ? checkNovaDemands(s) : refuseNovaDemands(s)));
  const planetlab = traces.filter(({ w }) => w.trace.format === 'planetlab');
  const at = ['operator', 'dynamic_consolidation'];
  if (dynamic === undefined) {
    for (const { i } of planetlab) issues.push({ path: ['workload', i, 'trace'], message: 'a planetlab trace runs under operator.dynamic_consolidation (model cloudsim, or nova for Nova servers); add that section' });
    return issues;
  }
  issues.push(...checkDynamicConsolidation(dynamic, at));
  if (s.power === undefined) issues.push({ path: at, message: "dynamic_consolidation needs a 'power:' section: host power follows CPU utilisation" });
  return [...issues, ...(nova ? checkNovaModel(s) : checkCloudsimModel(s, planetlab))];
}

/** model nova: one guard's headroom. */
function checkNovaModel(s: Scenario): Issue[] {
  const issues: Issue[] = [];
  const o = s.operator.optimisation;
  if (s.operator.dynamic_consolidation?.min_headroom !== undefined && o?.mode === 'consolidate' && o.power_off_empty)
    issues.push({
      path: ['operator', 'dynamic_consolidation', 'min_headroom'],
      message: 'one guard switches hosts off and on for both operators, with operator.optimisation.min_headroom; leave this one out',
    });
  return issues;
}

/** model cloudsim: one planetlab trace, alone, with speeds and SPECpower tables. */
function checkCloudsimModel(s: Scenario, planetlab: readonly { readonly i: number }[]): Issue[] {
  const issues: Issue[] = [];
  const at = ['operator', 'dynamic_consolidation'];
  if (planetlab.length !== 1) issues.push({ path: at, message: `expected exactly one planetlab trace workload to consolidate, found ${planetlab.length}` });
  s.workload.forEach((w, i) => {
    if (!isTraceWorkload(w) || w.trace.format !== 'planetlab')
      issues.push({ path: ['workload', i], message: 'dynamic_consolidation (model cloudsim) runs its trace servers alone: Nova servers of this workload would share hosts it does not see (model nova runs them)' });
  });
  if (s.actions.length > 0) issues.push({ path: ['actions'], message: 'dynamic_consolidation (model cloudsim) runs its trace servers alone: scripted actions would act on hosts it does not see (model nova runs them)' });
  if (s.actions_file !== undefined) issues.push({ path: ['actions_file'], message: 'dynamic_consolidation (model cloudsim) runs its trace servers alone: logged requests would act on hosts it does not see (model nova runs them)' });
  if (s.operator.optimisation !== undefined || s.operator.rolling_update !== undefined)
    issues.push({ path: at, message: 'dynamic_consolidation (model cloudsim) cannot run beside operator.optimisation or rolling_update: they move Nova servers, not its trace servers (model nova runs them)' });
  // With some speeds given, checkCpuUnits has named the first one missing already.
  if (!s.hosts.some((h) => h.cpu_mips !== undefined) && !s.flavors.some((f) => f.cpu_mips !== undefined))
    issues.push({ path: ['hosts', 0], message: 'dynamic_consolidation (model cloudsim) needs the speed of every host core and flavor vCPU (cpu_mips)' });
  s.power?.models.forEach((m, i) => {
    if (!isSpecPowerTable(m.points))
      issues.push({ path: ['power', 'models', i, 'points'], message: 'dynamic_consolidation (model cloudsim) reads power as SPECpower tables: 11 points, at 0, 0.1, ..., 1' });
  });
  return issues;
}

/** A VM table's readings give its servers' demand; its single figure is for a table without them. */
function checkNovaDemands(s: Scenario): Issue[] {
  const issues: Issue[] = [];
  s.workload.forEach((w, i) => {
    if (isTraceWorkload(w) && w.trace.format === 'azure_vmtable' && w.trace.readings !== undefined && w.trace.cpu !== undefined)
      issues.push({ path: ['workload', i, 'trace', 'cpu'], message: "give 'readings' (a demand sample by sample) or 'cpu' (one figure for each server's life), not both" });
  });
  return issues;
}

/** Without model nova nothing uses a Nova server's CPU: its demand settings are refused by name. */
function refuseNovaDemands(s: Scenario): Issue[] {
  const issues: Issue[] = [];
  const why = 'Nova servers use CPU only under operator.dynamic_consolidation with model: nova (policy dvfs measures it without moving servers)';
  s.workload.forEach((w, i) => {
    if (isTraceWorkload(w)) {
      if (w.trace.format !== 'azure_vmtable') return;
      for (const field of ['readings', 'cpu'] as const) if (w.trace[field] !== undefined) issues.push({ path: ['workload', i, 'trace', field], message: `'${field}' is not used: ${why}` });
    } else if (w.cpu !== undefined) issues.push({ path: ['workload', i, 'cpu'], message: `'cpu' is not used: ${why}` });
  });
  return issues;
}
