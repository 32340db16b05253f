import type { Nova } from '../cloud/nova.js';
import type { Simulator } from '../engine/simulator.js';
import { SampledDemand } from '../workload/demand/sampled-demand.js';
import { StreamedTimeline } from '../workload/streamed-timeline.js';
import type { Scripted } from '../workload/timeline.js';
import { planetLabFiles, readPlanetLabTrace } from '../workload/traces/planetlab.js';
import type { CpuDemands } from './nova-consolidation-wiring.js';
import { isTraceWorkload, type Scenario, type TraceWorkload } from './schema.js';
import { blockFlavor } from './trace-workload.js';

type PlanetLab = Extract<TraceWorkload['trace'], { format: 'planetlab' }>;

/**
 * Creates the servers of each planetlab trace in Nova (dynamic
 * consolidation under model nova; under model cloudsim the datacenter holds
 * them itself): server i of the trace's order, named `<workload>-<i + 1>`,
 * is created through the API at `at` by a user of the entry's project, with
 * the flavor of its block (CloudSim's rule) and its trace file's samples as
 * its CPU demand, a share of its flavor read from `at` on (linear between
 * samples, as CloudSim reads them). Nova's scheduler places them; a server
 * asking for nothing stays (CloudSim would delete it). Each file is read
 * when its server is created.
 */
export function replayPlanetLabIntoNova(sim: Simulator, scenario: Scenario, nova: Nova, demands: CpuDemands): void {
  for (const w of scenario.workload) {
    if (!isTraceWorkload(w) || w.trace.format !== 'planetlab') continue;
    new StreamedTimeline(sim, planetLabCalls(w, w.trace, nova, demands), `planetlab/${w.name}`).start();
  }
}

function* planetLabCalls(w: TraceWorkload, trace: PlanetLab, nova: Nova, demands: CpuDemands): Generator<Scripted, void, undefined> {
  const names = planetLabFiles(trace.folder, trace.order).slice(0, trace.count);
  for (const [i, file] of names.entries()) {
    const flavor = blockFlavor(trace.flavors, i, names.length);
    yield {
      at: trace.at,
      play: () => {
        const server = nova.api.create({ action: 'create', server: `${w.name}-${i + 1}`, project: w.project!, flavor, image: w.image!, asAdmin: false, boot_from_volume: false });
        if ('status' in server) return;
        const samples = new SampledDemand(readPlanetLabTrace(`${trace.folder}/${file}`, trace.samples), trace.interval);
        demands.set(server, { at: (t) => samples.at(t - trace.at) });
      },
    };
  }
}
