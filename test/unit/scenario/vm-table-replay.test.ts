import { describe, expect, it } from 'vitest';
import { summaryOf } from '../../../src/run/outputs/summary-sections.js';
import { buildSimulation } from '../../../src/scenario/build.js';
import { accepted } from './load.js';

/** test/fixtures/traces/vmtable.csv: a 1-core VM from 0 on, a 2-core one from 300 s to 1800 s, a >24-core one from 300 s on. */
const text = (start = 0) =>
  [
    'name: azure',
    'duration: 1h',
    'flavors:',
    '  - { name: tiny, vcpus: 1, ram_mb: 1792, disk_gb: 10 }',
    '  - { name: small, vcpus: 2, ram_mb: 4096, disk_gb: 20 }',
    '  - { name: huge, vcpus: 32, ram_mb: 131072, disk_gb: 100 }',
    'images:',
    '  - { name: ubuntu, size_gb: 1 }',
    'projects:',
    '  - { name: tenants }',
    'hosts:',
    '  - { name_prefix: compute-, count: 2, vcpus: 64, ram_mb: 262144, disk_gb: 2000 }',
    'workload:',
    '  - name: azure-vms',
    '    project: tenants',
    '    image: ubuntu',
    '    trace:',
    '      format: azure_vmtable',
    '      file: test/fixtures/traces/vmtable.csv',
    `      start: ${start}`,
    '      flavors:',
    '        - { cores: 1, flavor: tiny }',
    '        - { cores: 2, flavor: small }',
    '        - { cores: ">24", flavor: huge }',
  ].join('\n');

describe('an azure_vmtable trace', () => {
  it('creates each VM at its vmcreated with the flavor of its buckets, and deletes it at its vmdeleted', () => {
    const summary = summaryOf(buildSimulation(accepted(text())).run());

    expect(summary.requests).toMatchObject({ create: { accepted: 3, rejected: 0 }, delete: { accepted: 1, rejected: 0 } });
    expect(summary.servers_by_status).toMatchObject({ ACTIVE: 2, DELETED: 1 });
  });

  it('leaves out the VMs created before its start, and shifts the others by it', () => {
    const summary = summaryOf(buildSimulation(accepted(text(300))).run());

    // The 1-core VM (created at 0) is left out; the two created at 300 s are created at 0, the 2-core one deleted at 1500 s.
    expect(summary.requests).toMatchObject({ create: { accepted: 2, rejected: 0 }, delete: { accepted: 1, rejected: 0 } });
  });
});
