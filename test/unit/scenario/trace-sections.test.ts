import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeRng } from '../../../src/engine/random.js';
import { checkCpuUnits, cpuCapacityOf, cpuDemandSpec, cpuQuantumOf, demandOf } from '../../../src/scenario/cpu-settings.js';
import { checkDynamicConsolidation, consolidationPolicyOf, dynamicConsolidationSpec, policyLabel } from '../../../src/scenario/dynamic-consolidation.js';
import { fieldName, parseSource } from '../../../src/scenario/parse.js';
import { INVALID, str, type Issue, type Spec } from '../../../src/scenario/spec.js';
import { checkTraceFiles } from '../../../src/scenario/trace-files.js';
import { blockFlavor, bucketFlavor, checkTraceWorkload, traceWorkloadSpec, type TraceWorkload } from '../../../src/scenario/trace-workload.js';
import type { AzureVm } from '../../../src/workload/traces/azure-vmtable.js';

const NAME = str({ pattern: /^[A-Za-z0-9][A-Za-z0-9._:@-]*$/, description: 'a name' });
const timeOfDay: Spec<number> = { expected: 'a time of day', parse: (v) => (v === '14:00' ? 14 * 3600 : 9 * 3600), jsonSchema: () => ({}) };

/**
 * Parses `text` as a scenario file would be and checks the value at `key`
 * with `spec`: the value, or the problems as `line:column: field: message`,
 * located by the same parser and paths as every scenario error.
 */
function section<T>(text: string, key: string, spec: Spec<T>): T | string[] {
  const doc = parseSource('s.yaml', text);
  if (Array.isArray(doc)) throw new Error(doc.map((e) => e.message).join('\n'));
  const issues: Issue[] = [];
  const value = spec.parse((doc.value as Record<string, unknown>)[key], [key], issues);
  if (issues.length === 0 && value !== INVALID) return value;
  return issues.map((i) => {
    const { line, column } = doc.locate(i.path, i.atKey);
    return `${line}:${column}: ${fieldName(i.path)}: ${i.message}`;
  });
}

const PLANETLAB = `trace:
  format: planetlab
  folder: test/fixtures/traces/planetlab
  order: test/fixtures/traces/planetlab-order.txt
  flavors: [big, small]
  samples: 4
name: pl
project: p
image: i
`;

describe('a trace workload entry', () => {
  const spec = traceWorkloadSpec(NAME);
  const parse = (yaml: string) => section(`w:\n${yaml.replace(/^/gm, '  ')}`, 'w', spec);

  it('reads a PlanetLab trace with its defaults: created at 0, samples every 5 minutes', () => {
    expect(parse(PLANETLAB)).toEqual({
      name: 'pl',
      project: 'p',
      image: 'i',
      trace: {
        format: 'planetlab',
        folder: 'test/fixtures/traces/planetlab',
        order: { kind: 'file', file: 'test/fixtures/traces/planetlab-order.txt' },
        flavors: ['big', 'small'],
        samples: 4,
        interval: 300,
        at: 0,
      },
    });
    expect((parse(PLANETLAB.replace('order: test/fixtures/traces/planetlab-order.txt', 'order: sorted')) as TraceWorkload).trace).toMatchObject({ order: { kind: 'sorted' } });
  });

  it('reads VM-table bucket labels written as numbers or as text', () => {
    const azure = parse('name: az\nproject: p\nimage: i\ntrace:\n  format: azure_vmtable\n  file: vmtable.csv\n  flavors:\n    - { cores: 2, memory: 4, flavor: small }\n    - { cores: ">24", flavor: huge }\n') as TraceWorkload;

    expect(azure.trace).toMatchObject({ format: 'azure_vmtable', start: 0, flavors: [{ cores: '2', memory: '4', flavor: 'small' }, { cores: '>24', flavor: 'huge' }] });
  });

  it.each([
    ['an unknown format', 'name: x\ntrace: { format: borg, file: a }', '3:20: w.trace.format: expected one of planetlab, azure_vmtable, requests, got "borg"'],
    ['a PlanetLab trace without its flavors', 'name: x\ntrace: { format: planetlab, folder: f, order: sorted }', "3:10: w.trace: planetlab needs 'flavors'"],
    ['a bucket that is not one', 'name: x\ntrace:\n  format: azure_vmtable\n  file: t.csv\n  flavors: [{ cores: "2-4", flavor: f }]', '6:24: w.trace.flavors[0].cores: expected a bucket such as 2, 8 or ">24", got "2-4"'],
    ['a field of another format', 'name: x\ntrace: { format: requests, file: a.csv, folder: b }', "3:51: w.trace.folder: 'folder' does not apply to requests"],
  ])('refuses %s, at its line and column', (_, yaml, message) => {
    expect(parse(yaml)).toEqual([message]);
  });

  it('needs a project and an image for servers it creates, and refuses them for a request log', () => {
    const names = { flavors: new Set(['big']), images: new Set(['i']), projects: new Set(['p']) };
    const pl = parse(PLANETLAB.replace('project: p\n', '')) as TraceWorkload;
    const log = parse('name: h\nproject: p\ntrace: { format: requests, file: a.csv }') as TraceWorkload;

    expect(checkTraceWorkload(pl, ['workload', 0], names)).toEqual([
      { path: ['workload', 0], message: "a planetlab trace needs 'project'" },
      { path: ['workload', 0, 'trace', 'flavors', 1], message: "unknown flavor 'small'; known: big" },
    ]);
    expect(checkTraceWorkload(log, ['workload', 1], names)).toEqual([{ path: ['workload', 1, 'project'], message: "'project' does not apply to a request log: each row names its own" }]);
  });
});

describe('flavors from a trace', () => {
  it("by CloudSim's blocks: 263 servers per flavor of 1052, 13 per flavor of a reduced 50", () => {
    const four = ['t0', 't1', 't2', 't3'];

    expect([0, 262, 263, 525, 526, 788, 789, 1051].map((i) => blockFlavor(four, i, 1052))).toEqual(['t0', 't0', 't1', 't1', 't2', 't2', 't3', 't3']);
    expect([12, 13, 38, 39, 49].map((i) => blockFlavor(four, i, 50))).toEqual(['t0', 't1', 't2', 't3', 't3']);
  });

  it('by buckets: the first entry a VM matches', () => {
    const table = [{ cores: '2', memory: '4', flavor: 'small' }, { cores: '2', flavor: 'two' }, { flavor: 'any' }];
    const vm = (coreBucket: string, memoryBucket: string) => ({ coreBucket, memoryBucket }) as AzureVm;

    expect(bucketFlavor(table, vm('2', '4'))).toBe('small');
    expect(bucketFlavor(table, vm('2', '8'))).toBe('two');
    expect(bucketFlavor(table, vm('>24', '>64'))).toBe('any');
    expect(bucketFlavor(table.slice(0, 2), vm('4', '8'))).toBeNull();
  });
});

describe('CPU speeds and demand', () => {
  it('wants one unit for the cloud: every host and flavor with cpu_mips, or none', () => {
    expect(checkCpuUnits({ hosts: [{ cpu_mips: 1860 }], flavors: [{ cpu_mips: 500 }] })).toEqual([]);
    expect(checkCpuUnits({ hosts: [{}], flavors: [{}] })).toEqual([]);
    expect(checkCpuUnits({ hosts: [{ cpu_mips: 1860 }, {}], flavors: [{ cpu_mips: 500 }] })).toEqual([
      { path: ['hosts', 1], message: 'gives no cpu_mips while hosts[0] does: give every host and flavor a speed (MIPS), or none (vCPU-seconds)' },
    ]);
  });

  it('shares MIPS floored to whole MIPS, or vCPU-seconds unfloored', () => {
    expect(cpuCapacityOf({ vcpus: 2, cpu_mips: 2660 })).toEqual({ cores: 2, coreSpeed: 2660 });
    expect(cpuCapacityOf({ vcpus: 8 })).toEqual({ cores: 8, coreSpeed: 1 });
    expect(cpuQuantumOf({ hosts: [{ cpu_mips: 1860 }], flavors: [] })).toBe(1);
    expect(cpuQuantumOf({ hosts: [{}], flavors: [] })).toBe(0);
  });

  it('reads a generated demand, and gives each server its own stream of the seed', () => {
    const spec = cpuDemandSpec(timeOfDay);
    const diurnal = section('cpu: { model: diurnal, mean: 0.3, amplitude: 0.2, peak: "14:00", noise_sd: 0.05 }', 'cpu', spec);

    expect(diurnal).toEqual({ model: 'diurnal', mean: 0.3, amplitude: 0.2, peak: 14 * 3600, noise_sd: 0.05, interval: 300 });
    expect(section('cpu: { model: constant, fraction: 1.5 }', 'cpu', spec)).toEqual(['1:35: cpu.fraction: expected a number >= 0 <= 1, got 1.5']);
    const settings = diurnal as Exclude<typeof diurnal, string[]>;
    expect(demandOf(settings, 7, 'web', 1).at(3600)).toBe(demandOf(settings, 7, 'web', 1).at(3600));
    expect(demandOf(settings, 7, 'web', 1).at(3600)).not.toBe(demandOf(settings, 7, 'web', 2).at(3600));
  });
});

describe('dynamic consolidation settings', () => {
  const parse = (yaml: string) => section(`d: ${yaml}`, 'd', dynamicConsolidationSpec);

  it("defaults to CloudSim's THR-MMT-0.8 every 300 s at +0.1 s", () => {
    const d = parse('{}');

    expect(d).toEqual({ policy: 'thr', selection: 'mmt', fallback_threshold: 0.7, interval: 300, offset: 0.1, model: 'cloudsim' });
    expect(policyLabel(d as Exclude<typeof d, string[]>)).toBe('THR-MMT-0.8');
    expect(policyLabel(parse('{ policy: lrr, parameter: 1.5, selection: mc }') as Exclude<typeof d, string[]>)).toBe('LRR-MC-1.5');
    expect(policyLabel(parse('{ policy: npa }') as Exclude<typeof d, string[]>)).toBe('NPA');
  });

  it('refuses a parameter the policy cannot use', () => {
    const npa = parse('{ policy: npa, parameter: 0.8 }') as Exclude<ReturnType<typeof parse>, string[]>;
    const thr = parse('{ policy: thr, parameter: 1.2 }') as Exclude<ReturnType<typeof parse>, string[]>;

    expect(checkDynamicConsolidation(npa, ['operator', 'dynamic_consolidation'])[0]?.message).toBe("'parameter' does not apply to npa, which migrates nothing");
    expect(checkDynamicConsolidation(thr, ['operator', 'dynamic_consolidation'])[0]?.message).toBe('expected a threshold above 0 and at most 1, got 1.2');
    expect(parse('{ policy: vm-packer }')).toEqual(['1:14: d.policy: expected one of npa, dvfs, thr, iqr, mad, lr, lrr, got "vm-packer"']);
  });

  it('builds the named detector and selector, and none for the baselines', () => {
    const context = { migrationSeconds: (ram: number) => ram / 62.5, rsStream: () => makeRng('1/consolidation/rs') };
    const built = (yaml: string) => consolidationPolicyOf(parse(yaml) as Exclude<ReturnType<typeof parse>, string[]>, context);

    expect(built('{ policy: mad, selection: mu }')).toMatchObject({ detector: { name: 'MAD-2.5' }, selector: { name: 'MU' } });
    expect(built('{ policy: lr, selection: rs }')).toMatchObject({ detector: { name: 'LR-1.2' }, selector: { name: 'RS' } });
    expect(built('{ policy: iqr, parameter: 2, selection: mc }')).toMatchObject({ detector: { name: 'IQR-2' }, selector: { name: 'MC' } });
    expect(built('{ policy: dvfs }')).toBeNull();
  });
});

describe('checkTraceFiles', () => {
  const known = { flavors: new Set(['small', 'large']), images: new Set(['cirros']), projects: new Set(['ops']), hosts: new Set<string>() };
  const scenario = resolve('scenario.yaml');
  const workload = (trace: Record<string, unknown>) => ({
    workload: { name: 'w', project: 'ops', image: 'cirros', trace } as unknown as TraceWorkload,
    where: (field: string) => ['workload', 0, 'trace', field],
  });
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const scratch = (name: string, content: string): string => {
    const dir = mkdtempSync(join(tmpdir(), 'novasim-trace-files-'));
    dirs.push(dir);
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };

  it('reads a PlanetLab folder through, with its order and sample count', () => {
    const pl = workload({ format: 'planetlab', folder: 'test/fixtures/traces/planetlab', order: { kind: 'file', file: 'test/fixtures/traces/planetlab-order.txt' }, flavors: ['small'], samples: 4 });

    expect(checkTraceFiles(scenario, [pl], known)).toEqual({ issues: [], errors: [], work: { servers: 3, requests: 0 } });
  });

  it('names the scenario field whose path leads nowhere', () => {
    const pl = workload({ format: 'planetlab', folder: 'no/such/folder', order: { kind: 'sorted' }, flavors: ['small'] });

    expect(checkTraceFiles(scenario, [pl], known).issues).toEqual([{ path: ['workload', 0, 'trace', 'folder'], message: `no folder "no/such/folder" (looked for ${resolve('no/such/folder')})` }]);
  });

  it('locates a problem inside a trace file in that file', () => {
    const pl = workload({ format: 'planetlab', folder: 'test/fixtures/traces/planetlab', order: { kind: 'sorted' }, flavors: ['small'], samples: 5 });

    expect(checkTraceFiles(scenario, [pl], known).errors).toEqual([
      { file: resolve('test/fixtures/traces/planetlab/node c example org slice three'), line: 0, column: 0, field: '', message: 'expected 5 samples, found 4' },
    ]);
  });

  it('refuses a VM-table row no flavor entry matches, and a request log row naming an unknown flavor', () => {
    const table = scratch('vmtable.csv', 'a,s,d,0,300,1,1,1,Unknown,2,4\nb,s,d,300,600,1,1,1,Unknown,8,32\n');
    const azure = workload({ format: 'azure_vmtable', file: table, flavors: [{ cores: '2', flavor: 'small' }] });
    const log = scratch('log.csv', 'time,action,server,flavor,image,project\n0,create,a,medium,cirros,ops\n');
    const requests = workload({ format: 'requests', file: log });

    expect(checkTraceFiles(scenario, [azure, requests], known).errors).toEqual([
      { file: table, line: 2, column: 0, field: 'vmcorecountbucket', message: 'no flavor for cores "8" and memory "32"; add an entry to trace.flavors' },
      { file: log, line: 2, column: 12, field: 'flavor', message: 'unknown flavor "medium"' },
    ]);
  });
});
