import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Fact } from '../../../../src/cloud/facts.js';
import type { RunFacts } from '../../../../src/metrics/run-facts.js';
import { summaryOf } from '../../../../src/run/outputs/summary-sections.js';
import { buildSimulation } from '../../../../src/scenario/build.js';
import { accepted } from '../../scenario/load.js';

/**
 * novasim's own model of dynamic consolidation (model nova), run whole on
 * hand-sized clouds: hosts of 4 cores in vCPU-seconds (no cpu_mips), 100 W
 * idle, 200 W at full CPU, 10 W off.
 */
function cloud(lines: { hosts?: number; workload: string; dynamic: string; extra?: string; scheduler?: string }): string {
  return [
    'name: t',
    'duration: 20m',
    'flavors:',
    '  - { name: tiny, vcpus: 1, ram_mb: 512, disk_gb: 1 }',
    '  - { name: small, vcpus: 1, ram_mb: 1024, disk_gb: 1 }',
    'images:',
    '  - { name: i, size_gb: 1 }',
    'projects:',
    '  - { name: p }',
    'power:',
    '  default: lin',
    '  models:',
    '    - { name: lin, idle_w: 100, peak_w: 200, off_w: 10 }',
    'hosts:',
    `  - { name_prefix: h, count: ${lines.hosts ?? 1}, vcpus: 4, ram_mb: 8192, disk_gb: 100 }`,
    lines.scheduler ?? '',
    'workload:',
    lines.workload,
    'operator:',
    `  dynamic_consolidation: ${lines.dynamic}`,
    lines.extra ?? '',
  ].join('\n');
}

/** `count` servers of `flavor`, one a second from 0, each asking `fraction` of its vCPU all the time. */
const servers = (name: string, count: number, fraction: number, flavor = 'small', group = ''): string =>
  [
    `  - name: ${name}`,
    '    project: p',
    '    image: i',
    `    flavors: { ${flavor}: 1 }`,
    `    arrivals: { process: schedule, every: 1s, count: ${count} }`,
    `    cpu: { model: constant, fraction: ${fraction} }`,
    ...(group === '' ? [] : [`    group: ${group}`]),
  ].join('\n');

/** Runs the scenario, keeping every fact of the types asked for. */
function run(text: string, types: readonly Fact['type'][]) {
  const kept: Fact[] = [];
  const end = buildSimulation(accepted(text), {
    listen: ({ facts }) => {
      for (const type of types) (facts as RunFacts).on(type, (f) => void kept.push(f as Fact));
    },
  }).run();
  return { summary: summaryOf(end), facts: kept, end };
}

describe('NovaCpu: Nova servers share their host\'s CPU', () => {
  it('gives three servers asking a whole vCPU each two thirds of one on a 2-core host, and counts the host short', () => {
    const text = cloud({ workload: servers('w', 3, 1), dynamic: '{ policy: dvfs, model: nova, power_off_empty: false }' }).replace('vcpus: 4, ram_mb: 8192', 'vcpus: 2, ram_mb: 8192');
    const { facts, summary } = run(text, ['host_cpu', 'server_cpu']);

    const last = facts.filter((f) => f.type === 'host_cpu').at(-1)!;
    expect(last).toMatchObject({ host: 0, requestedMips: 3, capacityMips: 2 });
    expect(last.type === 'host_cpu' && last.allocatedMips).toBeCloseTo(2, 12);
    const shares = facts.filter((f) => f.type === 'server_cpu' && f.time === last.time);
    expect(shares.map((f) => (f.type === 'server_cpu' ? f.allocatedMips : 0))).toEqual([2 / 3, 2 / 3, 2 / 3]);
    // The host gave less than asked from the first share with all three active to the end: SLATAH counts it.
    expect(summary.sla!.slatah).toBeGreaterThan(0.9);
    expect(summary.sla!.pdm).toBe(0);
    expect(summary.dynamic_consolidation).toMatchObject({ rounds: 3, requested: 0 }); // at 300.1, 600.1 and 900.1 s
  });

  it("makes the host's power follow its CPU, not its claims: two of four cores busy draw 150 W", () => {
    const text = cloud({ workload: servers('w', 4, 0.5), dynamic: '{ policy: dvfs, model: nova, power_off_empty: false }' });
    const { summary, facts } = run(text, ['host_cpu']);

    const last = facts.filter((f) => f.type === 'host_cpu').at(-1)!;
    expect(last).toMatchObject({ allocatedMips: 2, requestedMips: 2, capacityMips: 4 });
    // 20 min: 100 W while the servers build, 150 W once they run; by claims (4 of 4 vCPUs) it would be 200 W.
    expect(summary.energy.total_kwh).toBeGreaterThan((100 * 1200) / 3.6e6);
    expect(summary.energy.total_kwh).toBeLessThan((150 * 1200) / 3.6e6);
  });

  it('asks nothing of a server that is not ACTIVE (stopped by its owner at 00:05), and nothing of servers without a demand', () => {
    const text = cloud({
      workload: `${servers('w', 2, 1)}\n    behaviour: { stop_at_night: { stop: "00:05", start: "08:00" } }`,
      dynamic: '{ policy: dvfs, model: nova, power_off_empty: false }',
      extra: 'actions:\n  - { at: 6m, action: create, server: plain, flavor: small, image: i, project: p }',
    });
    const { facts } = run(text, ['host_cpu']);
    const cpu = facts.filter((f) => f.type === 'host_cpu');

    expect(cpu.filter((f) => f.time < 300).at(-1)).toMatchObject({ requestedMips: 2, allocatedMips: 2 });
    expect(cpu.at(-1)).toMatchObject({ requestedMips: 0, allocatedMips: 0 });
  });
});

describe('NovaConsolidation: THR-MMT rounds through Nova', () => {
  const packed = "scheduler:\n  policy: pack";

  it('live-migrates the server MMT picks off an overloaded host to the cheapest host the scheduler accepts, and switches the empty one off', () => {
    // Packing puts all four servers (a whole vCPU each) on h0: 100 % > 80 %. One leaves for h1 (h2 too would do; h1 comes first).
    const text = cloud({ hosts: 3, scheduler: packed, workload: servers('w', 4, 1), dynamic: '{ policy: thr, model: nova, min_headroom: 0 }' });
    const { summary, facts } = run(text, ['consolidation_round', 'move']);

    expect(summary.dynamic_consolidation).toMatchObject({ requested: 1, moved: 1, failed: 0, in_flight_at_end: 0 });
    const move = facts.find((f) => f.type === 'move');
    expect(move).toMatchObject({ kind: 'live-migration', source: 0, destination: 1, outcome: 'completed' });
    expect(summary.migrations.by_kind['live-migration'].outcomes.completed).toBe(1);
    // h2 was empty at the first round and switched off; h0 and h1 stay on.
    expect(summary.hosts.shutdowns).toBe(1);
    expect(summary.energy.hosts_powered_on.min).toBe(2);
  });

  it('respects anti-affinity: a group member no allowed host takes stays, stranded, where a CloudSim-style plan would have moved it', () => {
    // g-1 (on h0, smallest RAM: MMT's pick) and g-2 (on h1) are anti-affine; h0 also runs three busy servers.
    // h1 is the only other host and holds g-2: the scheduler's filters refuse it, so g-1 stays.
    const text = cloud({
      hosts: 2,
      scheduler: packed,
      workload: [servers('g', 2, 1, 'tiny', 'grp'), servers('w', 3, 1)].join('\n'),
      dynamic: '{ policy: thr, model: nova, power_off_empty: false }',
      extra: '',
    }).replace('projects:\n  - { name: p }', 'projects:\n  - { name: p }\nserver_groups:\n  - { name: grp, project: p, policy: anti-affinity }');
    const { summary, end } = run(text, []);

    const byName = new Map(end.inventory.servers.map((s) => [s.name, s]));
    expect(byName.get('g-1')!.host).not.toBe(byName.get('g-2')!.host);
    expect(summary.dynamic_consolidation!.stranded_servers).toBeGreaterThan(0);
    expect(summary.anti_affinity.groups).toMatchObject({ grp: { shared_pairs: 0 } });
  });

  it('counts a move still copying at the end as in flight, and Nova\'s migrations show it open', () => {
    // A 100 Mb/s link: copying 1 GB takes over 80 s; the run ends 10 s after the round.
    const text = cloud({ hosts: 2, scheduler: packed, workload: servers('w', 4, 1), dynamic: '{ policy: thr, model: nova, power_off_empty: false }' })
      .replace('duration: 20m', 'duration: 310s')
      .replace('disk_gb: 100 }', 'disk_gb: 100, migration_bandwidth_mb_s: 12.5 }');
    const { summary } = run(text, []);

    expect(summary.dynamic_consolidation).toMatchObject({ requested: 1, moved: 0, in_flight_at_end: 1 });
    expect(summary.migrations.by_kind['live-migration'].outcomes.open).toBe(1);
  });
  it("charges a queued live migration's CPU cost from when its copy starts, not from the next round", () => {
    // Five busy servers packed on h0 (125 %): THR-MMT moves two, one copy at a time (max_concurrent_live_migrations 1), each over 80 s.
    const text = cloud({ hosts: 3, scheduler: packed, workload: servers('w', 5, 1), dynamic: '{ policy: thr, model: nova, power_off_empty: false }' })
      .replace('duration: 20m', 'duration: 20m\nconfig:\n  max_concurrent_live_migrations: 1')
      .replace('disk_gb: 100 }', 'disk_gb: 100, migration_bandwidth_mb_s: 12.5 }');
    const { facts, summary } = run(text, ['server_cpu', 'move']);

    const moves = facts.flatMap((f) => (f.type === 'move' && f.start === 300.1 ? [f] : []));
    expect(moves).toHaveLength(2); // both asked at the round of 300.1 s
    const [first, second] = moves;
    const degraded = (server: number) => facts.filter((f) => f.type === 'server_cpu' && f.server === server && f.migrating).map((f) => f.time);
    // The second copies only after the first lands; its 90 % share starts that instant, between two rounds.
    expect(degraded(second!.server)[0]).toBe(first!.time);
    expect(degraded(first!.server)[0]).toBe(first!.start);
    expect(summary.sla!.pdm).toBeGreaterThan(0);
  });
});

describe("Traces whose servers are Nova's (model nova)", () => {
  it('creates a planetlab trace\'s servers through the API in order, named by position, each asking its file\'s samples of its flavor', () => {
    // Order file: b (0, 0, 5, 99 %), c (100, 50, 0, 0 %), a (10, 20, 30, 40 %); one flavor; samples every 5 min from 0.
    const text = cloud({
      hosts: 2,
      workload: '  - name: pl\n    project: p\n    image: i\n    trace: { format: planetlab, folder: test/fixtures/traces/planetlab, order: test/fixtures/traces/planetlab-order.txt, flavors: [small] }',
      dynamic: '{ policy: dvfs, model: nova, power_off_empty: false }',
    });
    const { facts, end } = run(text, ['server_cpu']);

    expect(end.inventory.servers.map((s) => [s.name, s.vmState])).toEqual([
      ['pl-1', 'active'],
      ['pl-2', 'active'],
      ['pl-3', 'active'],
    ]);
    // At the round of 600.1 s: b asks 5 % + (99 - 5) % x 0.1 / 300, c 0 %, a 30 % + 10 % x 0.1 / 300.
    const at600 = new Map(facts.filter((f) => f.type === 'server_cpu' && f.time === 600.1).map((f) => [f.type === 'server_cpu' ? f.server : -1, f]));
    const asked = (id: number): number => { const f = at600.get(id); return f?.type === 'server_cpu' ? f.requestedMips : Number.NaN; };
    expect(asked(0)).toBeCloseTo(0.05 + (0.94 * 0.1) / 300, 12);
    expect(asked(1)).toBe(0);
    expect(asked(2)).toBeCloseTo(0.3 + (0.1 * 0.1) / 300, 12);
  });

  it("gives a VM table's servers their row's figure (cpu: p95) or their readings (avgcpu sample by sample)", () => {
    const table = (extra: string): string =>
      cloud({
        hosts: 2,
        workload: `  - name: az\n    project: p\n    image: i\n    trace: { format: azure_vmtable, file: test/fixtures/traces/vmtable.csv, flavors: [{ cores: 1, flavor: small }, { flavor: tiny }], ${extra} }`,
        dynamic: '{ policy: dvfs, model: nova, power_off_empty: false }',
      });
    const byServer = (text: string, time: number): number[] => {
      const { facts, end } = run(text, ['server_cpu']);
      const first = end.inventory.servers[0]!.id;
      return facts.filter((f) => f.type === 'server_cpu' && f.time === time && f.server === first).map((f) => (f.type === 'server_cpu' ? f.requestedMips : 0));
    };

    // The first row, a 1-core VM from 0 on: p95maxcpu 10.194309 %.
    expect(byServer(table('cpu: p95'), 300.1)).toEqual([0.10194309]);
  });

  it("gives a VM table's server its readings' avgcpu, sample by sample, shifted by the table's start", () => {
    // VM a of the readings fixture: 3 % at 0 s, 50.125 % at 300 s (its last sample, held after).
    const dir = mkdtempSync(join(tmpdir(), 'novasim-vmtable-'));
    writeFileSync(join(dir, 'vmtable.csv'), 'a,s,d,0,3600,90,30,60,Interactive,1,2\n');
    const text = cloud({
      hosts: 1,
      workload: `  - name: az\n    project: p\n    image: i\n    trace: { format: azure_vmtable, file: ${join(dir, 'vmtable.csv')}, flavors: [{ flavor: small }], readings: test/fixtures/traces/cpu-readings.csv }`,
      dynamic: '{ policy: dvfs, model: nova, power_off_empty: false }',
    });
    const { facts } = run(text, ['server_cpu']);
    rmSync(dir, { recursive: true, force: true });
    const at = (time: number): number[] => facts.filter((f) => f.type === 'server_cpu' && f.time === time).map((f) => (f.type === 'server_cpu' ? f.requestedMips : 0));

    expect(at(300.1)).toEqual([0.50125]);
    expect(at(900.1)).toEqual([0.50125]);
    const early = facts.find((f) => f.type === 'server_cpu' && f.requestedMips > 0)!;
    expect(early.type === 'server_cpu' && early.requestedMips).toBeCloseTo(0.03 + ((0.50125 - 0.03) * early.time) / 300, 12);
  });
});
