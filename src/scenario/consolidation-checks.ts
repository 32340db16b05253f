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
 * given for all hosts and flavors or for none. What runs today is CloudSim's
 * setting (model cloudsim): one planetlab trace under
 * `operator.dynamic_consolidation`, alone in the scenario (its servers are
 * the trace's, not Nova's, so Nova's workloads and actions would share hosts
 * it does not see), with a speed for every host and flavor and a SPECpower
 * table (11 points) for every host. A request log and a VM table replay
 * into Nova (requests, arrivals and lifetimes) and need none of that; the
 * VM table's CPU figures are refused, as Nova's servers use no CPU yet.
 */
export function checkConsolidation(s: Scenario, known: Known): Issue[] {
  const issues: Issue[] = [...checkCpuUnits(s)];
  const traces = s.workload.flatMap((w, i) => (isTraceWorkload(w) ? [{ w, i }] : []));
  for (const { w, i } of traces) {
    issues.push(...checkTraceWorkload(w, ['workload', i], known));
    const trace = w.trace;
    // The VM table replays arrivals, lifetimes and flavors into Nova; CPU use is for the CloudSim-compatible cloud only so far.
    if (trace.format === 'azure_vmtable')
      for (const field of ['readings', 'cpu'] as const)
        if (trace[field] !== undefined)
          issues.push({ path: ['workload', i, 'trace', field], message: `'${field}' is not used yet: the VM table's servers are Nova's, which do not use CPU (only a planetlab trace under dynamic_consolidation does)` });
  }
  const planetlab = traces.filter(({ w }) => w.trace.format === 'planetlab');
  const dynamic = s.operator.dynamic_consolidation;
  const at = ['operator', 'dynamic_consolidation'];
  if (dynamic === undefined) {
    for (const { i } of planetlab) issues.push({ path: ['workload', i, 'trace'], message: 'a planetlab trace runs under operator.dynamic_consolidation (model cloudsim); add that section' });
    return issues;
  }
  issues.push(...checkDynamicConsolidation(dynamic, at));
  if (planetlab.length !== 1) issues.push({ path: at, message: `expected exactly one planetlab trace workload to consolidate, found ${planetlab.length}` });
  s.workload.forEach((w, i) => {
    if (!isTraceWorkload(w) || w.trace.format !== 'planetlab')
      issues.push({ path: ['workload', i], message: 'dynamic_consolidation (model cloudsim) runs its trace servers alone: Nova servers of this workload would share hosts it does not see' });
  });
  if (s.actions.length > 0) issues.push({ path: ['actions'], message: 'dynamic_consolidation (model cloudsim) runs its trace servers alone: scripted actions would act on hosts it does not see' });
  if (s.actions_file !== undefined) issues.push({ path: ['actions_file'], message: 'dynamic_consolidation (model cloudsim) runs its trace servers alone: logged requests would act on hosts it does not see' });
  if (s.operator.optimisation !== undefined || s.operator.rolling_update !== undefined)
    issues.push({ path: at, message: 'dynamic_consolidation (model cloudsim) cannot run beside operator.optimisation or rolling_update yet: they move Nova servers, not its trace servers' });
  // With some speeds given, checkCpuUnits has named the first one missing already.
  if (!s.hosts.some((h) => h.cpu_mips !== undefined) && !s.flavors.some((f) => f.cpu_mips !== undefined))
    issues.push({ path: ['hosts', 0], message: 'dynamic_consolidation needs the speed of every host core and flavor vCPU (cpu_mips)' });
  if (s.power === undefined) issues.push({ path: at, message: "dynamic_consolidation needs a 'power:' section: host power follows CPU utilisation" });
  else
    s.power.models.forEach((m, i) => {
      if (!isSpecPowerTable(m.points))
        issues.push({ path: ['power', 'models', i, 'points'], message: 'dynamic_consolidation (model cloudsim) reads power as SPECpower tables: 11 points, at 0, 0.1, ..., 1' });
    });
  return issues;
}
