/**
 * scenarios/region.yaml at a hundredth of its size (100 hosts, about 10,000
 * servers over 30 days, random host and rack failures, the automatic
 * operator and nightly consolidation), run in-process with the overrides the
 * benchmark uses, checking the invariants a region run must keep:
 * no host's usage ever exceeds its capacity (checked at every change of a
 * host), every server is accounted for (in the final tables once, on the
 * host it names), and no event is lost (every accepted request ends, or its
 * server is still in that task at the end; nothing due before the end is
 * left in the queue). The full size is the benchmark's (bench/region.ts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { regionOverrides } from '../../bench/region.js';
import type { Host } from '../../src/model/host.js';
import { RESOURCE_CLASSES } from '../../src/model/resources.js';
import { eventsCsv } from '../../src/metrics/writers/events-csv.js';
import type { Flushable } from '../../src/metrics/writers/output-file.js';
import { serversCsv } from '../../src/metrics/writers/servers-csv.js';
import { memorySink } from '../../src/metrics/writers/text-sink.js';
import { summaryOf } from '../../src/run/outputs/summary-sections.js';
import { buildSimulation } from '../../src/scenario/build.js';
import { parseOverride, type Override } from '../../src/scenario/overrides.js';
import { loadScenario } from '../../src/scenario/validate.js';
import { parseCsv } from '../../src/report/csv.js';

const FILE = 'scenarios/region.yaml';

function loadRegion(fraction: number) {
  const overrides = regionOverrides(fraction).map((text) => parseOverride(text) as Override);
  const loaded = loadScenario(FILE, readFileSync(FILE, 'utf8'), overrides);
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
  return loaded.scenario;
}

describe('scenarios/region.yaml at a hundredth', () => {
  it('keeps capacity, accounts for every server and loses no event', () => {
    const events = memorySink();
    const writers: Flushable[] = [];
    const simulation = buildSimulation(loadRegion(0.01), { listen: (run) => writers.push(eventsCsv.listen(run, events)) });
    const inventory = simulation.nova.cloud.inventory;
    const overCapacity: string[] = [];
    inventory.observe({
      hostChanged: (host: Host) => {
        for (const cls of RESOURCE_CLASSES)
          if (host.used[cls] > host.capacity[cls]) overCapacity.push(`${host.name} ${cls} ${host.used[cls]} > ${host.capacity[cls]} at ${simulation.sim.now}`);
      },
    });

    while (!simulation.advance(20_000));
    const processed = simulation.sim.processed;
    simulation.sim.run(simulation.end); // anything due by the end and still queued would run here
    const end = simulation.finish();
    for (const writer of writers) writer.flush();

    expect(overCapacity).toEqual([]);
    expect(simulation.sim.processed).toBe(processed);
    const summary = summaryOf(end);
    expect(inventory.hosts.length).toBe(100);
    expect(summary.failures.count).toBeGreaterThan(0);
    expect(summary.operations!.optimisation!.migrations).toBeGreaterThan(0);
    // Every server once in servers.csv, its status counted once, on the host it names.
    const servers = parseCsv(serversCsv.render(end));
    expect(servers.length).toBe(inventory.servers.length);
    expect(Object.values(summary.servers_by_status).reduce((a: number, b) => a + (b as number), 0)).toBe(inventory.servers.length);
    expect(inventory.servers.length).toBeGreaterThan(9000);
    for (const server of inventory.servers) {
      if (server.vmState === 'deleted' || server.host === null) continue;
      expect(inventory.hosts[server.host]!.servers.has(server.id), server.name).toBe(true);
    }
    // Every accepted request ends in a completed or failed row, or in its server's deletion (which
    // ends a build under way, as Nova's does), unless its server is still busy at the end.
    const open = new Map<string, Map<string, number>>();
    for (const row of parseCsv(events.text())) {
      const server = row['server']!;
      if (server === '') continue;
      const actions = open.get(server) ?? new Map<string, number>();
      open.set(server, actions);
      const action = row['action']!;
      if (row['outcome'] === 'accepted') actions.set(action, (actions.get(action) ?? 0) + 1);
      else if (row['outcome'] === 'completed' && row['status'] === 'DELETED') actions.clear();
      // (rows the compute host writes on its own, as destroy_evacuated, end no request: they go below 0)
      else if (row['outcome'] === 'completed' || row['outcome'] === 'failed') actions.set(action, (actions.get(action) ?? 0) - 1);
    }
    const busyAtEnd = new Set(inventory.servers.filter((s) => s.taskState !== null).map((s) => s.name));
    const unfinished = [...open].flatMap(([server, actions]) =>
      busyAtEnd.has(server) ? [] : [...actions].filter(([, n]) => n > 0).map(([action, n]) => `${server} ${action} ${n}`),
    );
    expect(unfinished).toEqual([]);
  }, 120_000);
});

describe('scenarios/region.yaml at a hundredth, run twice', () => {
  it('writes the same events.csv and servers.csv (the determinism test runs the other scenarios)', () => {
    const once = (): string => {
      const events = memorySink();
      const writers: Flushable[] = [];
      const simulation = buildSimulation(loadRegion(0.01), { listen: (run) => writers.push(eventsCsv.listen(run, events)) });
      const end = simulation.run();
      for (const writer of writers) writer.flush();
      return `${events.text()}\n${serversCsv.render(end)}`;
    };

    expect(once() === once()).toBe(true);
  }, 120_000);
});
