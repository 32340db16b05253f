import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isTraceWorkload } from '../../../src/scenario/schema.js';
import { loadScenario } from '../../../src/scenario/validate.js';
import { accepted, expectOneError, lineOf, refused } from './load.js';

const SPEC_POWER = '[[0, 80], [0.1, 90], [0.2, 100], [0.3, 110], [0.4, 120], [0.5, 130], [0.6, 140], [0.7, 150], [0.8, 160], [0.9, 170], [1, 180]]';

/** A two-host CloudSim-compatible cloud over the three small PlanetLab files of the fixtures; `change` edits the text. */
function consolidation(change: (text: string) => string = (t) => t): string {
  return change(
    [
      'name: t',
      'duration: 1h',
      'flavors:',
      '  - { name: f, vcpus: 1, ram_mb: 512, disk_gb: 1, cpu_mips: 1000 }',
      'images:',
      '  - { name: i, size_gb: 1 }',
      'projects:',
      '  - { name: p }',
      'power:',
      '  default: spec',
      '  models:',
      `    - { name: spec, points: ${SPEC_POWER} }`,
      'hosts:',
      '  - { name: h1, vcpus: 2, ram_mb: 4096, disk_gb: 10, cpu_mips: 2000 }',
      '  - { name: h2, vcpus: 2, ram_mb: 4096, disk_gb: 10, cpu_mips: 2000 }',
      'workload:',
      '  - name: pl',
      '    project: p',
      '    image: i',
      '    trace: { format: planetlab, folder: test/fixtures/traces/planetlab, order: test/fixtures/traces/planetlab-order.txt, flavors: [f] }',
      'operator:',
      '  dynamic_consolidation: { policy: thr }',
    ].join('\n'),
  );
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('a scenario with dynamic consolidation', () => {
  it('is accepted, its trace paths resolved against the scenario file', () => {
    const s = accepted(consolidation());
    const trace = s.workload.filter(isTraceWorkload)[0]!.trace;

    expect(trace.format === 'planetlab' && isAbsolute(trace.folder)).toBe(true);
    expect(s.operator.dynamic_consolidation).toMatchObject({ policy: 'thr', interval: 300, offset: 0.1, model: 'cloudsim' });
  });

  it('refuses a trace workload with no dynamic_consolidation to run it', () => {
    const text = consolidation((t) => t.replace('operator:\n  dynamic_consolidation: { policy: thr }', ''));

    expectOneError(text, '    trace:', 'workload[0].trace: a planetlab trace runs under operator.dynamic_consolidation (model cloudsim); add that section');
  });

  it("refuses the VM table's CPU figures, which Nova's servers do not use yet, naming the field", () => {
    const text = consolidation((t) =>
      t
        .replace(/trace: \{ format: planetlab[^\n]*/, 'trace: { format: azure_vmtable, file: test/fixtures/traces/vmtable.csv, flavors: [{ flavor: f }], cpu: p95 }')
        .replace('operator:\n  dynamic_consolidation: { policy: thr }', ''),
    );

    expectOneError(
      text,
      'trace:',
      "workload[0].trace.cpu: 'cpu' is not used yet: the VM table's servers are Nova's, which do not use CPU (only a planetlab trace under dynamic_consolidation does)",
    );
  });

  it('needs speeds, and a SPECpower table for every power model', () => {
    const slow = consolidation((t) => t.replaceAll(', cpu_mips: 2000', '').replace(', cpu_mips: 1000', ''));
    const linear = consolidation((t) => t.replace(`{ name: spec, points: ${SPEC_POWER} }`, '{ name: spec, idle_w: 80, peak_w: 180 }'));

    expectOneError(slow, '  - { name: h1', 'hosts[0]: dynamic_consolidation needs the speed of every host core and flavor vCPU (cpu_mips)');
    expect(refused(linear)[0]).toMatch(/power\.models\[0\]\.points: dynamic_consolidation \(model cloudsim\) reads power as SPECpower tables: 11 points/);
  });

  it("refuses Nova's nightly optimisation beside the trace servers: it moves Nova servers, not them", () => {
    const text = `${consolidation()}\n  optimisation: { mode: consolidate }`;

    expect(refused(text).join('\n')).toMatch(/cannot run beside operator.optimisation/);
  });

  it('reads every trace file through before the run, and locates a bad sample in its file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'novasim-traces-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'day'));
    writeFileSync(join(dir, 'day', 'node one'), '10\n20\n');
    writeFileSync(join(dir, 'day', 'node two'), '10\nlots\n');
    const text = consolidation((t) => t.replace(/folder: [^,]*, order: [^,]*,/, 'folder: day, order: sorted,'));
    writeFileSync(join(dir, 's.yaml'), text);

    const loaded = loadScenario(join(dir, 's.yaml'), text);

    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.errors).toHaveLength(1);
    expect(loaded.errors[0]).toMatchObject({ file: join(dir, 'day', 'node two'), line: 2, field: 'cpu_percent' });
  });
});
