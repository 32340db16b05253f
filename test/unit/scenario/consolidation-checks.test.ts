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

    expectOneError(text, '    trace:', 'workload[0].trace: a planetlab trace runs under operator.dynamic_consolidation (model cloudsim, or nova for Nova servers); add that section');
  });

  it("refuses the VM table's CPU figures without model nova, naming the field", () => {
    const text = consolidation((t) =>
      t
        .replace(/trace: \{ format: planetlab[^\n]*/, 'trace: { format: azure_vmtable, file: test/fixtures/traces/vmtable.csv, flavors: [{ flavor: f }], cpu: p95 }')
        .replace('operator:\n  dynamic_consolidation: { policy: thr }', ''),
    );

    expectOneError(
      text,
      'trace:',
      "workload[0].trace.cpu: 'cpu' is not used: Nova servers use CPU only under operator.dynamic_consolidation with model: nova (policy dvfs measures it without moving servers)",
    );
  });

  it('needs speeds, and a SPECpower table for every power model', () => {
    const slow = consolidation((t) => t.replaceAll(', cpu_mips: 2000', '').replace(', cpu_mips: 1000', ''));
    const linear = consolidation((t) => t.replace(`{ name: spec, points: ${SPEC_POWER} }`, '{ name: spec, idle_w: 80, peak_w: 180 }'));

    expectOneError(slow, '  - { name: h1', 'hosts[0]: dynamic_consolidation (model cloudsim) needs the speed of every host core and flavor vCPU (cpu_mips)');
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

/** A Nova cloud with a generated workload whose servers use CPU; `change` edits the text. */
function novaModel(change: (text: string) => string = (t) => t): string {
  return change(
    [
      'name: t',
      'duration: 1h',
      'flavors:',
      '  - { name: f, vcpus: 1, ram_mb: 512, disk_gb: 1 }',
      'images:',
      '  - { name: i, size_gb: 1 }',
      'projects:',
      '  - { name: p }',
      'power:',
      '  default: lin',
      '  models:',
      '    - { name: lin, idle_w: 80, peak_w: 180, off_w: 5 }',
      'hosts:',
      '  - { name_prefix: h, count: 2, vcpus: 2, ram_mb: 4096, disk_gb: 10 }',
      'workload:',
      '  - name: w',
      '    project: p',
      '    image: i',
      '    flavors: { f: 1 }',
      '    arrivals: { process: schedule, every: 1m, count: 3 }',
      '    cpu: { model: diurnal, mean: 0.5, amplitude: 0.2 }',
      'operator:',
      '  dynamic_consolidation: { policy: thr, model: nova }',
    ].join('\n'),
  );
}

describe('a scenario with dynamic consolidation under model nova', () => {
  it("is accepted beside Nova's workloads, scripted actions and the nightly optimisation, without speeds or SPECpower tables", () => {
    const s = accepted(novaModel((t) => `${t}\n  optimisation: { mode: consolidate }\nactions:\n  - { at: 10m, action: create, server: extra, flavor: f, image: i, project: p }`));

    expect(s.operator.dynamic_consolidation).toMatchObject({ policy: 'thr', model: 'nova' });
    expect(s.workload[0]).toMatchObject({ cpu: { model: 'diurnal', mean: 0.5, amplitude: 0.2, peak: 14 * 3600, interval: 300 } });
  });

  it("refuses a workload's cpu: without model nova, naming the field and line", () => {
    const text = novaModel((t) => t.replace('{ policy: thr, model: nova }', '{ policy: thr }'));

    expect(refused(text).join('\n')).toMatch(/workload\[0\]\.cpu: 'cpu' is not used: Nova servers use CPU only under operator\.dynamic_consolidation with model: nova/);
    expectOneError(novaModel((t) => t.replace(/operator:\n[^\n]*/, '')), '    cpu:', "workload[0].cpu: 'cpu' is not used: Nova servers use CPU only under operator.dynamic_consolidation with model: nova (policy dvfs measures it without moving servers)");
  });

  it('refuses npa, which is CloudSim accounting, by name', () => {
    expect(refused(novaModel((t) => t.replace('policy: thr', 'policy: npa')))).toEqual([
      `${lineOf(novaModel(), '  dynamic_consolidation:')}: operator.dynamic_consolidation.policy: npa is CloudSim's accounting (every host at peak power all the time) and runs under model cloudsim only; under model nova, dvfs shares CPU and moves nothing`,
    ]);
  });

  it("accepts a planetlab trace beside Nova's other workloads: its servers are Nova's", () => {
    const s = accepted(
      novaModel((t) =>
        t.replace('workload:\n', 'workload:\n  - name: pl\n    project: p\n    image: i\n    trace: { format: planetlab, folder: test/fixtures/traces/planetlab, order: sorted, flavors: [f] }\n'),
      ),
    );
    expect(s.workload).toHaveLength(2);
  });

  it("refuses model cloudsim's fields power_off_empty and min_headroom under it, and a second min_headroom beside the nightly one", () => {
    expect(refused(consolidation((t) => t.replace('{ policy: thr }', '{ policy: thr, power_off_empty: false }'))).join('\n')).toMatch(/'power_off_empty' applies to model nova only/);
    const both = novaModel((t) => t.replace('model: nova }', 'model: nova, min_headroom: 2 }\n  optimisation: { mode: consolidate, power_off_empty: true, min_headroom: 3 }'));
    expect(refused(both).join('\n')).toMatch(/min_headroom: one guard switches hosts off and on for both operators/);
  });

  it("refuses both a VM table's readings and its single figure", () => {
    const text = novaModel((t) =>
      t.replace(/  - name: w\n[\s\S]*?cpu: [^\n]*\n/, '  - name: az\n    project: p\n    image: i\n    trace: { format: azure_vmtable, file: test/fixtures/traces/vmtable.csv, flavors: [{ flavor: f }], readings: test/fixtures/traces/cpu-readings.csv, cpu: avg }\n'),
    );
    expect(refused(text).join('\n')).toMatch(/workload\[0\]\.trace\.cpu: give 'readings' .* or 'cpu' .*, not both/);
  });
});
