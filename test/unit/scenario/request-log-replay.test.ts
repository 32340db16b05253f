import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summaryOf } from '../../../src/run/outputs/summary-sections.js';
import { buildSimulation } from '../../../src/scenario/build.js';
import { accepted, lineOf, refused } from './load.js';

/** A planner's own cloud replaying the history in test/fixtures/traces/requests.csv. */
const text = [
  'name: replay',
  'duration: 3h',
  'flavors:',
  '  - { name: small, vcpus: 1, ram_mb: 2048, disk_gb: 20 }',
  '  - { name: large, vcpus: 4, ram_mb: 8192, disk_gb: 80 }',
  'images:',
  '  - { name: cirros, size_gb: 1 }',
  'projects:',
  '  - { name: ops }',
  'hosts:',
  '  - { name_prefix: compute-, count: 2, vcpus: 16, ram_mb: 65536, disk_gb: 1000 }',
  'workload:',
  '  - name: history',
  '    trace: { format: requests, file: test/fixtures/traces/requests.csv }',
].join('\n');

describe('a requests trace', () => {
  it('replays its rows into Nova as actions entries would be: two creates, a resize confirmed, a delete', () => {
    const end = buildSimulation(accepted(text)).run();
    const summary = summaryOf(end);

    expect(summary.requests).toMatchObject({
      create: { accepted: 2, rejected: 0 },
      resize: { accepted: 1, rejected: 0 },
      confirm_resize: { accepted: 1, rejected: 0 },
      delete: { accepted: 1, rejected: 0 },
    });
    expect(summary.servers_by_status).toMatchObject({ ACTIVE: 1, DELETED: 1 });
    expect(summary.sla).toBeNull();
  });
});

describe('actions_file:', () => {
  const withActionsFile = (file: string): string => `${text.split('\nworkload:')[0]}\nactions_file: ${file}`;

  it('plays its request log as the same requests trace would: the same outputs', () => {
    const viaTrace = summaryOf(buildSimulation(accepted(text)).run());
    const viaActionsFile = summaryOf(buildSimulation(accepted(withActionsFile('test/fixtures/traces/requests.csv'))).run());

    expect(JSON.stringify(viaActionsFile)).toBe(JSON.stringify(viaTrace));
    expect(viaActionsFile.requests['create']).toMatchObject({ accepted: 2 });
  });

  it("counts its rows towards the run's size: more creates than run_limits.max_servers are refused before anything runs", () => {
    const scenario = `${withActionsFile('test/fixtures/traces/requests.csv')}\nrun_limits: { max_servers: 1 }`;

    expect(refused(scenario)).toEqual([expect.stringContaining('implies 2 servers created (expected, from the workload and the actions), over the ceiling of 1 (run_limits.max_servers)')]);
    expect(accepted(`${withActionsFile('test/fixtures/traces/requests.csv')}\nrun_limits: { max_servers: 2 }`).name).toBe('replay');
  });

  it('names itself, with its line, when its file is missing', () => {
    const scenario = withActionsFile('no/such.csv');

    expect(refused(scenario)).toEqual([`${lineOf(scenario, 'actions_file:')}: actions_file: no file "no/such.csv" (looked for ${resolve('no/such.csv')})`]);
  });
});
