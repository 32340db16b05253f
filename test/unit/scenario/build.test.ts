import { describe, expect, it } from 'vitest';
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
