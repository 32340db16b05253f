import { Heap } from 'heap-js';
import type { Nova } from '../cloud/nova.js';
import type { Simulator } from '../engine/simulator.js';
import { StreamedTimeline } from '../workload/streamed-timeline.js';
import type { Scripted } from '../workload/timeline.js';
import type { Server } from '../model/server.js';
import { constantDemand } from '../workload/demand/cpu-demand.js';
import { ReadingsFeed } from '../workload/demand/readings-feed.js';
import { readAzureCpuReadings, readAzureVmTable, type AzureVm } from '../workload/traces/azure-vmtable.js';
import type { CpuDemands } from './nova-consolidation-wiring.js';
import { isTraceWorkload, type Scenario, type TraceWorkload } from './schema.js';
import { bucketFlavor } from './trace-workload.js';

/** A deletion due later: the VM's id and when, in run time; `seq` keeps equal times in table order. */
interface Due {
  readonly at: number;
  readonly seq: number;
  readonly server: string;
}

/**
 * Replays each `azure_vmtable` trace of the scenario into Nova: every VM of
 * the table created at or after `start` is a server of its project and
 * image, created at its vmcreated (less `start`) with the flavor its buckets
 * map to, and deleted at its vmdeleted. The table streams in creation order;
 * the deletions still due wait in a heap (O(log live servers) each), so a
 * table of millions of rows is never all in memory. Validation has read the
 * table through and found a flavor for every row.
 */
export function replayVmTables(sim: Simulator, scenario: Scenario, nova: Nova, demands: CpuDemands): void {
  for (const w of scenario.workload) {
    if (!isTraceWorkload(w) || w.trace.format !== 'azure_vmtable') continue;
    new StreamedTimeline(sim, vmTableCalls(w, w.trace, nova, vmDemands(w.trace, demands)), `vmtable/${w.name}`).start();
  }
}

type VmTable = Extract<TraceWorkload['trace'], { format: 'azure_vmtable' }>;

/**
 * How a VM table's servers use CPU (validation allows it under model nova
 * only): with `readings`, each server's avgcpu sample by sample (the
 * readings file streams beside the run, read up to one sample ahead);
 * with `cpu`, the table's avgcpu, p95maxcpu or maxcpu of its row, a
 * percentage of its cores, for its whole life; neither, no demand.
 */
function vmDemands(trace: VmTable, demands: CpuDemands): ((server: Server, vm: AzureVm) => void) | null {
  if (trace.readings !== undefined) {
    const feed = new ReadingsFeed(readAzureCpuReadings(trace.readings));
    return (server, vm) => {
      const demand = feed.demandOf(vm.id);
      demands.set(server, { at: (t) => demand.at(t + trace.start) });
    };
  }
  const figure = trace.cpu;
  if (figure === undefined) return null;
  return (server, vm) => demands.set(server, constantDemand((figure === 'avg' ? vm.avgCpu : figure === 'p95' ? vm.p95MaxCpu : vm.maxCpu) / 100));
}

function* vmTableCalls(w: TraceWorkload, trace: VmTable, nova: Nova, demand: ((server: Server, vm: AzureVm) => void) | null): Generator<Scripted, void, undefined> {
  const due = new Heap<Due>((a, b) => a.at - b.at || a.seq - b.seq);
  const deletion = (d: Due): Scripted => ({ at: d.at, play: () => void nova.api.submit({ action: 'delete', server: d.server, asAdmin: false }) });
  let seq = 0;
  for (const vm of readAzureVmTable(trace.file, { inCreationOrder: true })) {
    if (vm.created < trace.start) continue;
    const at = vm.created - trace.start;
    // Deletions due by this creation play first: a VM gone at t frees its room for one created at t.
    while (due.size() > 0 && due.peek()!.at <= at) yield deletion(due.pop()!);
    const flavor = bucketFlavor(trace.flavors, vm)!;
    yield {
      at,
      play: () => {
        const server = nova.api.create({ action: 'create', server: vm.id, project: w.project!, flavor, image: w.image!, asAdmin: false, boot_from_volume: false });
        if (demand !== null && !('status' in server)) demand(server, vm);
      },
    };
    due.push({ at: vm.deleted - trace.start, seq: seq++, server: vm.id });
  }
  while (due.size() > 0) yield deletion(due.pop()!);
}
