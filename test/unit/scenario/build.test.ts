import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { eventsCsv } from '../../../src/metrics/writers/events-csv.js';
import { migrationsCsv } from '../../../src/metrics/writers/migrations-csv.js';
import { placementsJsonl } from '../../../src/metrics/writers/placements-jsonl.js';
import { memorySink } from '../../../src/metrics/writers/text-sink.js';
import { timeseriesCsv } from '../../../src/metrics/writers/timeseries-csv.js';
import { buildSimulation, type BuildOptions } from '../../../src/scenario/build.js';
import { runFiles } from '../../support/run-files.js';
import { loadScenario } from '../../../src/scenario/validate.js';

const scenario = (duration: string) => `
name: sampling
duration: ${duration}
metrics: { sample_interval: 1h }
flavors: [ { name: f, vcpus: 1, ram_mb: 1024, disk_gb: 10 } ]
images: [ { name: i, size_gb: 1 } ]
hosts: [ { name: h, vcpus: 4, ram_mb: 8192, disk_gb: 100 } ]
projects: [ { name: p } ]
actions:
  - { at: 30m, action: create, server: s, flavor: f, image: i, project: p }
`;

async function sampleTimes(duration: string): Promise<string[]> {
  const loaded = loadScenario('inline.yaml', scenario(duration));
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
  const files = await runFiles(loaded.scenario);
  return files['timeseries.csv']!.trim().split('\n').slice(1).map((row) => row.split(',')[0]!);
}

describe('sampling', () => {
  it('samples every interval from 0, and once more at the end of the run', async () => {
    expect(await sampleTimes('150m')).toEqual(['0', '3600', '7200', '9000']);
  });

  it('does not sample the end twice when the duration is a whole number of intervals', async () => {
    expect(await sampleTimes('2h')).toEqual(['0', '3600', '7200']);
  });
});

describe('the fact bus', () => {
  /** Every server's and host's state at the end of a run of quickstart.yaml, with `listen` subscribing outputs. */
  function endState(listen?: BuildOptions['listen']): string {
    const loaded = loadScenario('quickstart.yaml', readFileSync('scenarios/quickstart.yaml', 'utf8'));
    if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
    const end = buildSimulation(loaded.scenario, listen === undefined ? {} : { listen }).run();
    const servers = end.inventory.servers.map((s) => [s.name, s.vmState, s.taskState, s.powerState, s.host, s.updatedAt]);
    const hosts = end.inventory.hosts.map((h) => [h.name, h.enabled, h.alive, h.used.vcpus, h.used.ramMb]);
    return JSON.stringify({ events: end.events, servers, hosts });
  }

  it('is listened to by outputs only: a run ends the same with or without its streamed files', () => {
    const files = [eventsCsv, timeseriesCsv, placementsJsonl, migrationsCsv];

    const written = endState((run) => files.forEach((file) => file.listen(run, memorySink())));

    expect(written).toBe(endState());
  });
});
